import { useId } from 'react';
import { Money, Points, Stable } from '../../components/money';
import { formatFen } from '../../format';
import { useI18n } from '../../i18n';
import { formatPermille, quotaPermille } from './preview';
import type { WalletView } from './types';

/** Points held, their price and value, level, stable points and cash (with what is held for orders). */
export function WalletSummary({ wallet }: { wallet: WalletView }) {
  const { t, lang } = useI18n();
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('wallet.overview')}</h2>
      <dl className="summary">
        <dt>{t('wallet.points')}</dt>
        <dd>
          <strong>
            <Points micro={wallet.pointsMicro} />
          </strong>
        </dd>
        <dt>{t('wallet.price')}</dt>
        <dd>{t('wallet.pricePerPoint', { price: wallet.priceYuanPerPoint })}</dd>
        <dt>{t('wallet.value')}</dt>
        <dd>
          <strong>
            <Money fen={wallet.valueFen} />
          </strong>
          <small className="muted block">{t('wallet.valueHint')}</small>
        </dd>
        <dt>{t('wallet.level')}</dt>
        <dd>
          <span className="badge">{lang === 'en' ? wallet.level.nameEn : wallet.level.name}</span>
        </dd>
        <dt>{t('wallet.stable')}</dt>
        <dd>
          <Stable stable={wallet.stable} />
          <small className="muted block">{t('wallet.stableHint')}</small>
        </dd>
        <dt>{t('wallet.cash')}</dt>
        <dd>
          <Money fen={wallet.cashFen} />
        </dd>
        {BigInt(wallet.heldFen) > 0n ? (
          <>
            <dt>{t('wallet.held')}</dt>
            <dd>
              <Money fen={wallet.heldFen} />
            </dd>
          </>
        ) : null}
        {BigInt(wallet.heldStable) > 0n ? (
          <>
            <dt>{t('wallet.heldStable')}</dt>
            <dd>
              <Stable stable={wallet.heldStable} />
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/**
 * The quota left against the points' value: the account is forced out (出局) when the value reaches
 * the quota left (SPEC.md "Forced-exit cascade"), so the bar is value / quota.
 */
export function QuotaCard({ wallet }: { wallet: WalletView }) {
  const t = useI18n().t;
  const titleId = useId();
  const textId = useId();
  const value = BigInt(wallet.valueFen);
  const quota = BigInt(wallet.quotaFen);
  const points = BigInt(wallet.pointsMicro);
  const permille = quotaPermille(value, quota);
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('wallet.quotaTitle')}</h2>
      {wallet.status === 'exited' ? <p className="notice">{t('wallet.exited')}</p> : null}
      <dl className="summary">
        <dt>{t('wallet.quota')}</dt>
        <dd>
          <Money fen={wallet.quotaFen} />
        </dd>
      </dl>
      {points === 0n ? (
        <p className="muted">{t('wallet.quotaNoPoints')}</p>
      ) : quota === 0n ? (
        <p>{t('wallet.quotaNone')}</p>
      ) : (
        <>
          <progress
            className="quota-bar"
            max={1000}
            value={permille}
            aria-label={t('wallet.quotaBarLabel')}
            aria-describedby={textId}
            aria-valuetext={formatPermille(permille)}
            style={{ width: '100%', height: '14px', accentColor: 'var(--wine)' }}
          />
          <p id={textId}>
            {t('wallet.quotaText', { value: formatFen(value), quota: formatFen(quota) })}{' '}
            <span className="muted">({formatPermille(permille)})</span>
          </p>
        </>
      )}
      <p className="muted">{t('wallet.quotaExplain')}</p>
    </section>
  );
}
