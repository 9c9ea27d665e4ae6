import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, apiPost, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Money, Points } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatTime } from '../../format';
import { type MessageKey, useI18n } from '../../i18n';
import { useAction, useApi } from '../../use-api';
import { AdminPage, localDate } from './common';
import { ReconciliationSection, ReportSection } from './economy-finance';
import { changesOf, draftOf, type ParamDraft, ParamFields } from './params';
import { AdminTable, ItemsStates } from './table';
import type { DividendRun, ParamName, Params } from './types';

/** 经济参数与分红: parameters, dividend runs, the finance report and the reconciliation. */
export default function AdminEconomyPage() {
  const { t } = useI18n();
  return (
    <AdminPage title={t('page.adminEconomy')}>
      <ParamsSection />
      <DividendsSection />
      <ReportSection />
      <ReconciliationSection />
    </AdminPage>
  );
}

const show = (value: string | boolean | undefined, t: (key: MessageKey) => string) =>
  typeof value === 'boolean' ? (value ? t('admin.eco.on') : t('admin.eco.off')) : (value ?? '—');

function ParamsSection() {
  const { t } = useI18n();
  const current = useApi<{ version: string; params: Params }>('/api/admin/economy/params');
  const action = useAction();
  const [draft, setDraft] = useState<ParamDraft | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  // One key per intended change; a retry of the same change reuses it, a new change gets a new one.
  const key = useRef<{ body: string; key: string } | undefined>(undefined);

  useEffect(() => {
    if (current.data !== undefined) setDraft(draftOf(current.data.params));
  }, [current.data]);

  if (current.error) return <ErrorMessage error={current.error} onRetry={current.reload} />;
  if (current.data === undefined || draft === undefined) return <Loading />;
  const params = current.data.params;
  const changes = changesOf(params, draft);
  const names = Object.keys(changes) as ParamName[];

  const review = (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    action.clearError();
    if (names.length > 0) setConfirming(true);
  };
  const save = async () => {
    const body = JSON.stringify(changes);
    if (key.current?.body !== body) key.current = { body, key: newIdempotencyKey() };
    const idempotencyKey = key.current.key;
    const result = await action.run(() =>
      api<{ version: string; params: Params }>('PUT', '/api/admin/economy/params', {
        body: changes,
        idempotencyKey,
      }),
    );
    setConfirming(false);
    if (result !== undefined) {
      key.current = undefined;
      setSaved(t('admin.eco.saved', { version: result.version }));
      current.setData({ version: result.version, params: result.params });
    }
  };

  return (
    <section className="admin-section" aria-labelledby="admin-params-title">
      <h2 id="admin-params-title" className="section-title">
        {t('admin.eco.paramsTitle', { version: current.data.version })}
      </h2>
      <p className="muted">{t('admin.eco.paramsLead')}</p>
      <form className="admin-form" onSubmit={review}>
        <ParamFields draft={draft} onChange={setDraft} idPrefix="param" current={params} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={names.length === 0 || action.busy}>
            {t('admin.eco.review', { n: names.length })}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={names.length === 0}
            onClick={() => {
              setDraft(draftOf(params));
              action.clearError();
            }}
          >
            {t('admin.eco.reset')}
          </button>
        </div>
        {action.error ? (
          <div className="form-actions">
            <ErrorMessage error={action.error} />
            {action.error.code === 'CAP_BELOW_MINTED' &&
            typeof action.error.details.mintedMicro === 'string' ? (
              <p>
                {t('admin.eco.minted')} <Points micro={action.error.details.mintedMicro} />
              </p>
            ) : null}
          </div>
        ) : null}
        {saved ? (
          <p className="notice form-actions" role="status">
            {saved}
          </p>
        ) : null}
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('admin.eco.confirmTitle')}
        confirmLabel={t('admin.eco.apply')}
        busy={action.busy}
        onConfirm={save}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('admin.eco.confirmText')}</p>
        <ul className="admin-changes">
          {names.map((name) => (
            <li key={name}>
              {t(`admin.param.${name}`)} (<span className="admin-mono">{name}</span>):{' '}
              <del>{show(params[name], t)}</del> → <ins>{show(changes[name], t)}</ins>
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </section>
  );
}

function DividendsSection() {
  const { t, lang } = useI18n();
  const runs = useApi<{ items: readonly DividendRun[] }>('/api/admin/dividends?limit=30');
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<DividendRun | undefined>(undefined);

  const run = async () => {
    const done = await action.run(() => apiPost<DividendRun>('/api/admin/dividends/run'));
    setConfirming(false);
    if (done !== undefined) {
      setResult(done);
      runs.reload();
    }
  };

  return (
    <section className="admin-section" aria-labelledby="admin-div-title">
      <h2 id="admin-div-title" className="section-title">
        {t('admin.eco.dividendsTitle')}
      </h2>
      <p className="muted">{t('admin.eco.dividendsLead')}</p>
      <button type="button" className="button" onClick={() => setConfirming(true)} disabled={action.busy}>
        {t('admin.eco.runNow')}
      </button>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {result ? (
        <p className="notice" role="status">
          {t('admin.eco.ran', {
            date: result.date,
            seq: result.seq,
            holders: result.holders,
            exits: result.exits.length,
          })}{' '}
          <Money fen={result.paidFen} />
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t('admin.eco.runTitle')}
        confirmLabel={t('admin.eco.runNow')}
        busy={action.busy}
        onConfirm={run}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('admin.eco.runText', { date: localDate(0) })}</p>
      </ConfirmDialog>
      <ItemsStates resource={runs} empty={<Empty>{t('admin.eco.noRuns')}</Empty>} />
      {runs.data && runs.data.items.length > 0 ? (
        <AdminTable
          caption={t('admin.eco.dividendsTitle')}
          columns={[
            t('admin.eco.date'),
            { label: t('admin.eco.paid'), num: true },
            { label: t('admin.eco.holders'), num: true },
            { label: t('admin.eco.left'), num: true },
            { label: t('admin.eco.exits'), num: true },
            t('admin.eco.entry'),
          ]}
        >
          {runs.data.items.map((r) => (
            <tr key={r.key}>
              <td>{r.date}</td>
              <td className="num">
                <Money fen={r.paidFen} />
              </td>
              <td className="num">{r.holders}</td>
              <td className="num">
                <Money fen={r.leftFen} />
              </td>
              <td className="num">{r.exits.length}</td>
              <td>
                #{r.seq} · {formatTime(r.time, lang)}
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
    </section>
  );
}
