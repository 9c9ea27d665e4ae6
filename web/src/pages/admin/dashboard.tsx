import { useMemo } from 'react';
import { Money, Points, Stable } from '../../components/money';
import { ErrorMessage, Loading } from '../../components/states';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useApi } from '../../use-api';
import { Chart } from './chart';
import { AdminPage, localDate, points, Stat, shortTime, yuan } from './common';
import type { DailyReport, PricePoint, Transparency } from './types';

/** 管理后台 dashboard: the headline figures, the price history and the last 30 days' report. */
export default function AdminDashboardPage() {
  const { t } = useI18n();
  const from = localDate(29);
  const to = localDate(0);
  return (
    <AdminPage title={t('page.admin')}>
      <Headline />
      <section className="admin-section" aria-labelledby="admin-price-title">
        <h2 id="admin-price-title" className="section-title">
          {t('admin.dash.priceTitle')}
        </h2>
        <PriceCharts />
      </section>
      <section className="admin-section" aria-labelledby="admin-daily-title">
        <h2 id="admin-daily-title" className="section-title">
          {t('admin.dash.dailyTitle', { from, to })}
        </h2>
        <DailyCharts from={from} to={to} />
      </section>
    </AdminPage>
  );
}

function Headline() {
  const { t } = useI18n();
  const figures = useApi<Transparency>('/api/transparency');
  if (figures.error) return <ErrorMessage error={figures.error} onRetry={figures.reload} />;
  const data = figures.data;
  if (data === undefined) return <Loading />;
  return (
    <>
      <dl className="admin-stats">
        <Stat label={t('admin.fig.price')}>¥{data.priceYuanPerPoint}</Stat>
        <Stat label={t('admin.fig.reserve')}>
          <Money fen={data.reserveFen} />
        </Stat>
        <Stat label={t('admin.fig.supply')}>
          <Points micro={data.supplyMicro} decimalsMax={2} />
        </Stat>
        <Stat label={t('admin.fig.mintedCap')}>
          <Points micro={data.mintedMicro} decimalsMax={2} /> /{' '}
          <Points micro={data.supplyCapMicro} decimalsMax={0} />
        </Stat>
        <Stat label={t('admin.fig.dividendFund')}>
          <Money fen={data.dividendFundFen} />
        </Stat>
        <Stat label={t('admin.fig.quota')}>
          <Money fen={data.outstandingQuotaFen} />
        </Stat>
        <Stat label={t('admin.fig.stable')}>
          <Stable stable={data.outstandingStable} />
        </Stat>
        <Stat label={t('admin.fig.accounts')}>{data.accounts}</Stat>
      </dl>
      <p className="muted">
        {t('admin.fig.head', { seq: data.headSeq, version: data.paramsVersion })}{' '}
        <span className="admin-mono">{data.headHash.slice(0, 16)}…</span> ·{' '}
        <Link to="/admin/economy">{t('admin.nav.economy')}</Link>
      </p>
    </>
  );
}

function PriceCharts() {
  const { t } = useI18n();
  const history = useApi<{ points: readonly PricePoint[] }>('/api/transparency/price-history?points=200');
  const chart = useMemo(() => {
    const list = history.data?.points ?? [];
    return {
      x: list.map((p) => shortTime(p.time)),
      price: [
        {
          name: t('admin.fig.price'),
          type: 'line' as const,
          data: list.map((p) => Number(p.priceYuanPerPoint)),
        },
      ],
      reserve: [
        {
          name: t('admin.chart.reserveYuan'),
          type: 'line' as const,
          data: list.map((p) => yuan(p.reserveFen)),
        },
        {
          name: t('admin.chart.supplyPoints'),
          type: 'line' as const,
          data: list.map((p) => points(p.supplyMicro)),
          axis: 1 as const,
        },
      ],
      last: list.at(-1),
    };
  }, [history.data, t]);
  if (history.error) return <ErrorMessage error={history.error} onRetry={history.reload} />;
  if (history.data === undefined) return <Loading />;
  if (chart.x.length === 0) return <p className="muted">{t('admin.chart.noHistory')}</p>;
  const last = chart.last;
  return (
    <div className="admin-charts">
      <Chart
        label={t('admin.chart.price')}
        summary={last ? t('admin.chart.latest', { value: `¥${last.priceYuanPerPoint}` }) : undefined}
        x={chart.x}
        series={chart.price}
        axes={[t('admin.chart.yuanPerPoint')]}
      />
      <Chart
        label={t('admin.chart.reserveSupply')}
        summary={
          last
            ? t('admin.chart.latest', { value: `¥${yuan(last.reserveFen)} / ${points(last.supplyMicro)}` })
            : undefined
        }
        x={chart.x}
        series={chart.reserve}
        axes={[t('admin.chart.yuan'), t('admin.chart.points')]}
      />
    </div>
  );
}

function DailyCharts({ from, to }: { from: string; to: string }) {
  const { t } = useI18n();
  const report = useApi<{ days: readonly DailyReport[] }>(`/api/admin/reports/daily?from=${from}&to=${to}`);
  const chart = useMemo(() => {
    const days = report.data?.days ?? [];
    const sum = (pick: (d: DailyReport) => string) => days.reduce((total, d) => total + BigInt(pick(d)), 0n);
    return {
      x: days.map((d) => d.date.slice(5)),
      sales: [
        { name: t('admin.chart.salesYuan'), type: 'bar' as const, data: days.map((d) => yuan(d.salesFen)) },
        {
          name: t('admin.chart.orders'),
          type: 'line' as const,
          data: days.map((d) => Number(d.orders)),
          axis: 1 as const,
        },
      ],
      dividends: [
        {
          name: t('admin.chart.dividendsYuan'),
          type: 'bar' as const,
          data: days.map((d) => yuan(d.dividendsPaidFen)),
        },
      ],
      exits: [{ name: t('admin.chart.exits'), type: 'bar' as const, data: days.map((d) => Number(d.exits)) }],
      totals: {
        sales: sum((d) => d.salesFen),
        orders: sum((d) => d.orders),
        dividends: sum((d) => d.dividendsPaidFen),
        exits: sum((d) => d.exits),
      },
    };
  }, [report.data, t]);
  if (report.error) return <ErrorMessage error={report.error} onRetry={report.reload} />;
  if (report.data === undefined) return <Loading />;
  const { totals } = chart;
  return (
    <>
      <dl className="admin-stats">
        <Stat label={t('admin.dash.sales30')}>
          <Money fen={totals.sales.toString()} />
        </Stat>
        <Stat label={t('admin.dash.orders30')}>{totals.orders.toString()}</Stat>
        <Stat label={t('admin.dash.dividends30')}>
          <Money fen={totals.dividends.toString()} />
        </Stat>
        <Stat label={t('admin.dash.exits30')}>{totals.exits.toString()}</Stat>
      </dl>
      <div className="admin-charts">
        <Chart
          label={t('admin.chart.sales')}
          summary={t('admin.chart.total', { value: `¥${yuan(totals.sales.toString())}` })}
          x={chart.x}
          series={chart.sales}
          axes={[t('admin.chart.yuan'), t('admin.chart.count')]}
        />
        <Chart
          label={t('admin.chart.dividends')}
          summary={t('admin.chart.total', { value: `¥${yuan(totals.dividends.toString())}` })}
          x={chart.x}
          series={chart.dividends}
          axes={[t('admin.chart.yuan')]}
        />
        <Chart
          label={t('admin.chart.exitsDaily')}
          summary={t('admin.chart.total', { value: totals.exits.toString() })}
          x={chart.x}
          series={chart.exits}
          axes={[t('admin.chart.count')]}
        />
      </div>
    </>
  );
}
