import type { ReactNode } from 'react';
import { PageTitle } from '../../components/layout';
import { Money, Points, Stable } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatFen, formatStable, formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { type Resource, useApi } from '../../use-api';
import { basisPointsPercent, percentOf, plotValue } from './figures';
import { Sparkline } from './sparkline';
import type { PriceHistory, PricePoint, Transparency } from './types';
import './transparency.css';

/** Readings the sparkline asks for: enough for a shape, small enough for a phone. */
const HISTORY_POINTS = 60;

/**
 * 公开透明 (no sign-in): the economy's published figures, the price history, the journal's head with
 * how to verify it, the proof-of-liabilities root, and the risk statement in the reader's language.
 */
export default function TransparencyPage() {
  const { t, lang } = useI18n();
  const report = useApi<Transparency>('/api/transparency');
  const history = useApi<PriceHistory>(`/api/transparency/price-history?points=${HISTORY_POINTS}`);

  const refresh = () => {
    report.reload();
    history.reload();
  };
  let body: ReactNode;
  if (report.error !== undefined) body = <ErrorMessage error={report.error} onRetry={report.reload} />;
  else if (report.data === undefined) body = <Loading />;
  else {
    const r = report.data;
    body = (
      <>
        <div className="tp-asof">
          <p className="muted" aria-live="polite">
            {t('transparency.asOf', { seq: r.headSeq })}
          </p>
          <button
            type="button"
            className="button small secondary"
            onClick={refresh}
            disabled={report.loading}
          >
            {t('transparency.refresh')}
          </button>
        </div>

        <section className="card" aria-labelledby="tp-price">
          <h2 id="tp-price">{t('transparency.price.title')}</h2>
          <p className="price-large tp-price">
            {t('transparency.price.value', { price: r.priceYuanPerPoint })}
          </p>
          <p className="muted">{t('transparency.price.rule')}</p>
          <h3 className="tp-subtitle">{t('transparency.history.title')}</h3>
          <HistoryChart history={history} lang={lang} t={t} />
        </section>

        <section className="card" aria-labelledby="tp-figures">
          <h2 id="tp-figures">{t('transparency.figures.title')}</h2>
          <dl className="summary">
            <dt>{t('transparency.reserve')}</dt>
            <dd>
              <Money fen={r.reserveFen} />
            </dd>
            <dt>{t('transparency.supply')}</dt>
            <dd>
              <Points micro={r.supplyMicro} decimalsMax={2} />
            </dd>
            <dt>{t('transparency.minted')}</dt>
            <dd>
              <Points micro={r.mintedMicro} decimalsMax={2} />
            </dd>
            <dt>{t('transparency.cap')}</dt>
            <dd>
              <Points micro={r.supplyCapMicro} decimalsMax={2} />
            </dd>
            <dt>{t('transparency.burned')}</dt>
            <dd>
              <Points micro={r.burnedMicro} decimalsMax={2} />
            </dd>
            <dt>{t('transparency.dividendFund')}</dt>
            <dd>
              <Money fen={r.dividendFundFen} />
            </dd>
            <dt>{t('transparency.accounts')}</dt>
            <dd>{formatStable(r.accounts)}</dd>
          </dl>
          <CapMeter
            minted={r.mintedMicro}
            cap={r.supplyCapMicro}
            label={t('transparency.capUsed', { percent: percentOf(r.mintedMicro, r.supplyCapMicro) })}
          />
        </section>

        <section className="card" aria-labelledby="tp-outstanding">
          <h2 id="tp-outstanding">{t('transparency.liabilities.title')}</h2>
          <dl className="summary">
            <dt>{t('transparency.quota')}</dt>
            <dd>
              <Money fen={r.outstandingQuotaFen} />
            </dd>
            <dt>{t('transparency.stable')}</dt>
            <dd>
              <Stable stable={r.outstandingStable} />
            </dd>
            <dt>{t('transparency.heldStable')}</dt>
            <dd>
              <Stable stable={r.heldStable} />
            </dd>
            <dt>{t('transparency.treasury')}</dt>
            <dd>
              <Points micro={r.treasuryPointsMicro} decimalsMax={2} />
            </dd>
            <dt>{t('transparency.platform')}</dt>
            <dd>
              <Points micro={r.platformPointsMicro} decimalsMax={2} />
            </dd>
          </dl>
          <p className="muted">
            {t('transparency.fees', {
              sell: basisPointsPercent(r.sellFeeRate),
              convert: basisPointsPercent(r.convertFeeRate),
              version: r.paramsVersion,
            })}
          </p>
        </section>

        <section className="card" aria-labelledby="tp-journal">
          <h2 id="tp-journal">{t('transparency.journal.title')}</h2>
          <dl className="tp-hash-list">
            <dt>{t('transparency.journal.seq')}</dt>
            <dd data-testid="head-seq">{r.headSeq}</dd>
            <dt>{t('transparency.journal.hash')}</dt>
            <dd>
              <code className="tp-hash" data-testid="head-hash">
                {r.headHash}
              </code>
            </dd>
          </dl>
          <p>{t('transparency.journal.how')}</p>
          <pre className="tp-command">
            <code>
              {`TOKENMALL_DATABASE_URL=sqlite:check.db npx tokenmall import tokenmall-export.jsonl.gz\nTOKENMALL_DATABASE_URL=sqlite:check.db npx tokenmall verify --head ${r.headHash}`}
            </code>
          </pre>
          <p className="muted">{t('transparency.journal.note')}</p>
        </section>

        <section className="card" aria-labelledby="tp-proof">
          <h2 id="tp-proof">{t('transparency.proof.title')}</h2>
          <dl className="tp-hash-list">
            <dt>{t('transparency.proof.root')}</dt>
            <dd>
              <code className="tp-hash" data-testid="liabilities-root">
                {r.liabilities.root}
              </code>
            </dd>
          </dl>
          <p className="muted">
            {t('transparency.proof.totals', {
              value: formatFen(r.liabilities.totals.valueFen),
              cash: formatFen(r.liabilities.totals.cashFen),
              stable: formatStable(r.liabilities.totals.stable),
            })}
          </p>
          <p className="muted">
            {t('transparency.proof.meta', {
              count: r.liabilities.leafCount,
              seq: r.liabilities.headSeq,
              time: formatTime(r.liabilities.builtAt, lang),
            })}
          </p>
          <p>{t('transparency.proof.how')}</p>
          <pre className="tp-command">
            <code>npx tokenmall verify-proof my-proof.json</code>
          </pre>
        </section>

        <section className="tp-risk" role="note" aria-labelledby="tp-risk">
          <h2 id="tp-risk">{t('transparency.risk.title')}</h2>
          <p lang={lang === 'zh' ? 'zh-CN' : 'en'}>{r.riskStatement[lang]}</p>
        </section>
      </>
    );
  }
  return (
    <div className="transparency-page">
      <PageTitle>{t('page.transparency')}</PageTitle>
      <p className="lead">{t('transparency.lead')}</p>
      {body}
    </div>
  );
}

/** How much of the supply cap has been minted, as a native <progress> (announced by screen readers). */
function CapMeter({ minted, cap, label }: { minted: string; cap: string; label: string }) {
  const basisPoints = Number(percentOf(minted, cap).replace('.', ''));
  return (
    <div className="tp-meter">
      <progress max={10_000} value={Math.min(10_000, basisPoints)} aria-label={label} />
      <span className="muted">{label}</span>
    </div>
  );
}

function HistoryChart({
  history,
  lang,
  t,
}: {
  history: Resource<PriceHistory>;
  lang: string;
  t: ReturnType<typeof useI18n>['t'];
}) {
  if (history.error !== undefined) return <ErrorMessage error={history.error} onRetry={history.reload} />;
  if (history.data === undefined) return <Loading />;
  const points = history.data.points;
  if (points.length < 2) return <Empty>{t('transparency.history.tooFew')}</Empty>;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const low = extreme(points, (a, b) => a < b);
  const high = extreme(points, (a, b) => a > b);
  const from = formatTime(first.time, lang);
  const to = formatTime(last.time, lang);
  return (
    <figure className="tp-chart">
      <Sparkline
        points={points}
        label={t('transparency.history.label', {
          from,
          to,
          first: first.priceYuanPerPoint,
          last: last.priceYuanPerPoint,
          min: low.priceYuanPerPoint,
          max: high.priceYuanPerPoint,
        })}
      />
      <figcaption className="muted">
        {t('transparency.history.range', { from, to, count: points.length })}
      </figcaption>
    </figure>
  );
}

/** The reading that wins `better` over all others (the lowest or the highest price). */
function extreme(points: readonly PricePoint[], better: (a: number, b: number) => boolean): PricePoint {
  let best = points[0]!;
  let bestValue = plotValue(best.priceFenPerPointNum, best.priceFenPerPointDen);
  for (const point of points) {
    const value = plotValue(point.priceFenPerPointNum, point.priceFenPerPointDen);
    if (better(value, bestValue)) {
      best = point;
      bestValue = value;
    }
  }
  return best;
}
