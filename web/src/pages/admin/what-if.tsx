import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { apiPost } from '../../api';
import { Money, Points, Stable } from '../../components/money';
import { ErrorMessage, Loading } from '../../components/states';
import { parseYuanInput } from '../../format';
import { type MessageKey, useI18n } from '../../i18n';
import { useAction, useApi } from '../../use-api';
import { Chart } from './chart';
import { AdminPage, points, Stat, yuan } from './common';
import { changesOf, draftOf, type ParamDraft, ParamFields } from './params';
import type { Params, WhatIfResult } from './types';

/** The workload fields: name, default, unit hint, bounds. */
const WORKLOAD = [
  { name: 'days', value: '30', hint: 'admin.wi.hint.days', min: 1, max: 365 },
  { name: 'ordersPerDay', value: '100', hint: 'admin.wi.hint.count', min: 0, max: 2_000_000 },
  { name: 'orderYuan', value: '100', hint: 'admin.wi.hint.yuan', min: 0, max: 0 },
  { name: 'stableShareBp', value: '0', hint: 'admin.wi.hint.bp', min: 0, max: 10_000 },
  { name: 'profitBp', value: '3000', hint: 'admin.wi.hint.bp', min: 0, max: 10_000 },
  { name: 'sellRateBp', value: '500', hint: 'admin.wi.hint.bp', min: 0, max: 10_000 },
  { name: 'convertRateBp', value: '0', hint: 'admin.wi.hint.bp', min: 0, max: 10_000 },
  { name: 'newMembersPerDay', value: '10', hint: 'admin.wi.hint.count', min: 0, max: 200_000 },
  { name: 'referralShareBp', value: '3000', hint: 'admin.wi.hint.bp', min: 0, max: 10_000 },
] as const satisfies readonly { name: string; value: string; hint: MessageKey; min: number; max: number }[];
type WorkloadName = (typeof WORKLOAD)[number]['name'];
type Workload = Record<WorkloadName, string>;

/** 模拟推演 (what-if): proposed parameters and a workload in, projected daily series out. */
export default function AdminWhatIfPage() {
  const { t } = useI18n();
  const current = useApi<{ version: string; params: Params }>('/api/admin/economy/params');
  const [draft, setDraft] = useState<ParamDraft | undefined>(undefined);
  const [workload, setWorkload] = useState<Workload>(
    () => Object.fromEntries(WORKLOAD.map((f) => [f.name, f.value])) as Workload,
  );
  const [invalid, setInvalid] = useState<WorkloadName | undefined>(undefined);
  const action = useAction();
  const [result, setResult] = useState<WhatIfResult | undefined>(undefined);

  useEffect(() => {
    if (current.data !== undefined) setDraft(draftOf(current.data.params));
  }, [current.data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (current.data === undefined || draft === undefined) return;
    setInvalid(undefined);
    const body: Record<string, unknown> = {};
    for (const field of WORKLOAD) {
      if (field.name === 'orderYuan') continue;
      const text = workload[field.name].trim();
      const n = Number(text);
      if (!/^[0-9]+$/.test(text) || n < field.min || n > field.max) return setInvalid(field.name);
      body[field.name] = n;
    }
    const orderFen = parseYuanInput(workload.orderYuan);
    if (orderFen === undefined || orderFen < 1n) return setInvalid('orderYuan');
    body.orderFen = orderFen.toString();
    const changes = changesOf(current.data.params, draft);
    const request =
      Object.keys(changes).length > 0 ? { params: changes, workload: body } : { workload: body };
    const answer = await action.run(() => apiPost<WhatIfResult>('/api/admin/economy/what-if', request));
    if (answer !== undefined) setResult(answer);
  };

  return (
    <AdminPage title={t('page.adminWhatIf')}>
      <p className="admin-note" role="note">
        {t('admin.wi.note')}
      </p>
      {current.error ? <ErrorMessage error={current.error} onRetry={current.reload} /> : null}
      {current.data === undefined || draft === undefined ? (
        current.error ? null : (
          <Loading />
        )
      ) : (
        <form onSubmit={submit} aria-describedby="whatif-lead">
          <p id="whatif-lead" className="muted">
            {t('admin.wi.lead', { version: current.data.version })}
          </p>
          <fieldset className="admin-form">
            <legend className="section-title">{t('admin.wi.workload')}</legend>
            {WORKLOAD.map((field) => (
              <div className="field" key={field.name}>
                <label htmlFor={`wi-${field.name}`}>{t(`admin.wi.${field.name}`)}</label>
                <input
                  id={`wi-${field.name}`}
                  inputMode={field.name === 'orderYuan' ? 'decimal' : 'numeric'}
                  value={workload[field.name]}
                  required
                  aria-invalid={invalid === field.name}
                  aria-describedby={`wi-${field.name}-hint`}
                  onChange={(event) => setWorkload({ ...workload, [field.name]: event.target.value })}
                />
                <span id={`wi-${field.name}-hint`} className="hint">
                  {t(field.hint)}
                  {field.max > 0 ? ` · ${field.min}–${field.max.toLocaleString('en')}` : ''}
                </span>
              </div>
            ))}
          </fieldset>
          <details className="admin-section">
            <summary>
              {t('admin.wi.proposed', { n: Object.keys(changesOf(current.data.params, draft)).length })}
            </summary>
            <div className="admin-form">
              <ParamFields
                draft={draft}
                onChange={setDraft}
                idPrefix="wi-param"
                current={current.data.params}
              />
              <div className="form-actions">
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => current.data && setDraft(draftOf(current.data.params))}
                >
                  {t('admin.eco.reset')}
                </button>
              </div>
            </div>
          </details>
          <div className="actions">
            <button type="submit" className="button" disabled={action.busy} aria-busy={action.busy}>
              {action.busy ? t('admin.wi.running') : t('admin.wi.run')}
            </button>
          </div>
          {invalid ? (
            <p className="admin-bad" role="alert">
              {t('admin.wi.invalid', { field: t(`admin.wi.${invalid}`) })}
            </p>
          ) : null}
          {action.error ? <ErrorMessage error={action.error} /> : null}
        </form>
      )}
      {action.busy ? <Loading label={t('admin.wi.running')} /> : null}
      {result && !action.busy ? <Results result={result} /> : null}
    </AdminPage>
  );
}

function Results({ result }: { result: WhatIfResult }) {
  const { t } = useI18n();
  const chart = useMemo(() => {
    const s = result.series;
    return {
      x: s.map((d) => String(d.day)),
      price: [
        {
          name: t('admin.fig.price'),
          type: 'line' as const,
          data: s.map((d) => Number(d.priceYuanPerPoint)),
        },
      ],
      reserve: [
        { name: t('admin.chart.reserveYuan'), type: 'line' as const, data: s.map((d) => yuan(d.reserveFen)) },
        {
          name: t('admin.chart.supplyPoints'),
          type: 'line' as const,
          data: s.map((d) => points(d.supplyMicro)),
          axis: 1 as const,
        },
      ],
      outstanding: [
        {
          name: t('admin.chart.quotaYuan'),
          type: 'line' as const,
          data: s.map((d) => yuan(d.outstandingQuotaFen)),
        },
        {
          name: t('admin.chart.stableYuan'),
          type: 'line' as const,
          data: s.map((d) => yuan(d.outstandingStable)),
        },
      ],
      dividends: [
        {
          name: t('admin.chart.dividendsYuan'),
          type: 'bar' as const,
          data: s.map((d) => yuan(d.dividendsPaidFen)),
        },
      ],
      exits: [{ name: t('admin.chart.exits'), type: 'bar' as const, data: s.map((d) => d.exits) }],
      last: s.at(-1),
    };
  }, [result, t]);
  const totals = result.totals;
  const last = chart.last;
  return (
    <section className="admin-section" aria-labelledby="whatif-results">
      <h2 id="whatif-results" className="section-title">
        {t(result.proposed ? 'admin.wi.resultsProposed' : 'admin.wi.resultsCurrent', {
          version: result.paramsVersion,
          days: result.series.length,
        })}
      </h2>
      <dl className="admin-stats">
        <Stat label={t('admin.wi.t.orders')}>{totals.orders.toLocaleString('en')}</Stat>
        <Stat label={t('admin.wi.t.ordersFen')}>
          <Money fen={totals.ordersFen} />
        </Stat>
        <Stat label={t('admin.wi.t.dividends')}>
          <Money fen={totals.dividendsPaidFen} />
        </Stat>
        <Stat label={t('admin.wi.t.exits')}>{totals.exits}</Stat>
        <Stat label={t('admin.wi.t.sold')}>
          <Points micro={totals.pointsSoldMicro} decimalsMax={2} />
        </Stat>
        <Stat label={t('admin.wi.t.sellNet')}>
          <Money fen={totals.sellNetFen} />
        </Stat>
        <Stat label={t('admin.wi.t.converted')}>
          <Stable stable={totals.stableFromConverts} />
        </Stat>
        <Stat label={t('admin.wi.t.members')}>{totals.syntheticMembers}</Stat>
        {last ? <Stat label={t('admin.wi.t.finalPrice')}>¥{last.priceYuanPerPoint}</Stat> : null}
      </dl>
      {totals.rejected > 0 ? (
        <p className="admin-note">{t('admin.wi.rejected', { n: totals.rejected })}</p>
      ) : null}
      <div className="admin-charts">
        <Chart
          label={t('admin.wi.c.price')}
          summary={last ? t('admin.chart.latest', { value: `¥${last.priceYuanPerPoint}` }) : undefined}
          x={chart.x}
          series={chart.price}
          axes={[t('admin.chart.yuanPerPoint')]}
        />
        <Chart
          label={t('admin.wi.c.reserve')}
          x={chart.x}
          series={chart.reserve}
          axes={[t('admin.chart.yuan'), t('admin.chart.points')]}
        />
        <Chart
          label={t('admin.wi.c.outstanding')}
          x={chart.x}
          series={chart.outstanding}
          axes={[t('admin.chart.yuan')]}
        />
        <Chart
          label={t('admin.wi.c.dividends')}
          summary={t('admin.chart.total', { value: `¥${yuan(totals.dividendsPaidFen)}` })}
          x={chart.x}
          series={chart.dividends}
          axes={[t('admin.chart.yuan')]}
        />
        <Chart
          label={t('admin.wi.c.exits')}
          summary={t('admin.chart.total', { value: String(totals.exits) })}
          x={chart.x}
          series={chart.exits}
          axes={[t('admin.chart.count')]}
        />
      </div>
      <p className="muted">{t('admin.wi.xAxis')}</p>
    </section>
  );
}
