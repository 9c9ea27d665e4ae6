import { type FormEvent, useState } from 'react';
import { ApiError, getToken } from '../../api';
import { ErrorMessage, Loading } from '../../components/states';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { useAction, useApi } from '../../use-api';
import { localDate } from './common';
import type { Reconciliation } from './types';

/** 财务报表: the finance report for a date range, and its CSV. */
export function ReportSection() {
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

export function ReconciliationSection() {
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
