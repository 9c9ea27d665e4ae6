import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api, apiPost, getToken, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Money, Points } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatTime } from '../../format';
import { type MessageKey, useI18n } from '../../i18n';
import { useAction, useApi } from '../../use-api';
import { AdminPage, localDate } from './common';
import { changesOf, draftOf, type ParamDraft, ParamFields } from './params';
import type { DividendRun, ParamName, Params, Reconciliation } from './types';

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
      {runs.error ? <ErrorMessage error={runs.error} onRetry={runs.reload} /> : null}
      {runs.loading && runs.data === undefined ? <Loading /> : null}
      {runs.data && runs.data.items.length === 0 ? <Empty>{t('admin.eco.noRuns')}</Empty> : null}
      {runs.data && runs.data.items.length > 0 ? (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">{t('admin.eco.dividendsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.eco.date')}</th>
                <th scope="col" className="num">
                  {t('admin.eco.paid')}
                </th>
                <th scope="col" className="num">
                  {t('admin.eco.holders')}
                </th>
                <th scope="col" className="num">
                  {t('admin.eco.left')}
                </th>
                <th scope="col" className="num">
                  {t('admin.eco.exits')}
                </th>
                <th scope="col">{t('admin.eco.entry')}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function ReportSection() {
  const { t } = useI18n();
  const [from, setFrom] = useState(() => localDate(29));
  const [to, setTo] = useState(() => localDate(0));
  const action = useAction();

  // The CSV needs the bearer token, so it is fetched here and saved from a Blob, not linked directly.
  const download = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(async () => {
      const token = getToken();
      const response = await fetch(`/api/admin/reports/daily.csv?from=${from}&to=${to}`, {
        headers: { accept: 'text/csv', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => undefined)) as
          | { code?: string; message?: string; details?: Record<string, unknown> }
          | undefined;
        throw new ApiError(response.status, {
          code: body?.code ?? `HTTP_${response.status}`,
          message: body?.message ?? response.statusText,
          details: body?.details ?? {},
        });
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `tokenmall-finance-${from}-${to}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  };

  return (
    <section className="admin-section" aria-labelledby="admin-report-title">
      <h2 id="admin-report-title" className="section-title">
        {t('admin.eco.reportTitle')}
      </h2>
      <p className="muted">{t('admin.eco.reportLead')}</p>
      <form className="admin-form" onSubmit={download}>
        <div className="field">
          <label htmlFor="report-from">{t('admin.eco.from')}</label>
          <input
            id="report-from"
            type="date"
            value={from}
            required
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t('admin.eco.to')}</label>
          <input id="report-to" type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={action.busy} aria-busy={action.busy}>
            {action.busy ? t('state.loading') : t('admin.eco.download')}
          </button>
        </div>
        {action.error ? (
          <div className="form-actions">
            <ErrorMessage error={action.error} />
          </div>
        ) : null}
      </form>
    </section>
  );
}

function ReconciliationSection() {
  const { t, lang } = useI18n();
  const [started, setStarted] = useState(false);
  const check = useApi<Reconciliation>(started ? '/api/admin/reconciliation' : null);
  const data = check.data;
  return (
    <section className="admin-section" aria-labelledby="admin-rec-title">
      <h2 id="admin-rec-title" className="section-title">
        {t('admin.eco.recTitle')}
      </h2>
      <p className="muted">{t('admin.eco.recLead')}</p>
      <button
        type="button"
        className="button"
        disabled={check.loading}
        onClick={() => (started ? check.reload() : setStarted(true))}
      >
        {started ? t('admin.eco.recAgain') : t('admin.eco.recRun')}
      </button>
      {check.loading ? <Loading label={t('admin.eco.recRunning')} /> : null}
      {check.error ? <ErrorMessage error={check.error} onRetry={check.reload} /> : null}
      {data && !check.loading ? (
        <div role="status">
          <p className={data.ok ? 'admin-ok' : 'admin-bad'}>
            {data.ok ? t('admin.eco.recOk') : t('admin.eco.recBad')}
          </p>
          <p className="muted">
            {t('admin.eco.recFacts', {
              entries: data.entriesReplayed,
              balances: data.balancesCompared,
              seq: data.headSeq,
              at: formatTime(data.checkedAt, lang),
            })}{' '}
            <span className="admin-mono">{data.headHash}</span>
          </p>
          {data.brokenEntry ? (
            <p className="admin-bad">
              {t('admin.eco.recBroken', { seq: data.brokenEntry.seq, reason: data.brokenEntry.reason })}
            </p>
          ) : null}
          {data.balanceDifferences.length > 0 ? (
            <DiffTable
              caption={t('admin.eco.recBalances')}
              head={[
                t('admin.eco.account'),
                t('admin.eco.asset'),
                t('admin.eco.journal'),
                t('admin.eco.stored'),
                t('admin.eco.replica'),
              ]}
              rows={data.balanceDifferences.map((d) => [d.account, d.asset, d.journal, d.stored, d.replica])}
            />
          ) : null}
          {data.economyDifferences.length > 0 ? (
            <DiffTable
              caption={t('admin.eco.recEconomy')}
              head={[t('admin.eco.figure'), t('admin.eco.journal'), t('admin.eco.replica')]}
              rows={data.economyDifferences.map((d) => [d.figure, d.journal, d.replica])}
            />
          ) : null}
          {data.heldDifferences.length > 0 ? (
            <DiffTable
              caption={t('admin.eco.recHeld')}
              head={[
                t('admin.eco.account'),
                t('admin.eco.asset'),
                t('admin.eco.journal'),
                t('admin.eco.rows'),
              ]}
              rows={data.heldDifferences.map((d) => [d.account, d.asset, d.journal, d.rows])}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function DiffTable({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <div className="admin-table-wrap">
      <table className="admin-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.join('|')}>
              {row.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed-width row.
                <td key={index} className="admin-mono">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
