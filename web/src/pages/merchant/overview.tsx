import { PageTitle } from '../../components/layout';
import { Money, Points, Stable } from '../../components/money';
import { ErrorMessage, Loading } from '../../components/states';
import { useT } from '../../i18n';
import { Link } from '../../router';
import type { PageProps } from '../../routes';
import type { Order, Page } from '../../types';
import { useApi } from '../../use-api';
import {
  MerchantNav,
  type MerchantWallet,
  merchantApi,
  NoMerchant,
  type Owed,
  useMerchantId,
} from './shared';

/** 商家后台: the sections, what is waiting to ship, and the merchant's balances. */
export default function MerchantOverviewPage(_: PageProps) {
  const t = useT();
  const merchantId = useMerchantId();
  const base = merchantId === null ? null : merchantApi(merchantId);
  const merchant = useApi<{ id: string; name: string }>(base);
  const wallet = useApi<MerchantWallet>(base === null ? null : `${base}/wallet`);
  const owed = useApi<Owed>(base === null ? null : `${base}/payouts/owed`);
  const toShip = useApi<Page<Order>>(base === null ? null : `${base}/orders?status=paid&limit=100`);

  if (merchantId === null) {
    return (
      <>
        <PageTitle>{t('page.merchant')}</PageTitle>
        <NoMerchant />
      </>
    );
  }
  const shipCount =
    toShip.data === undefined
      ? undefined
      : `${toShip.data.items.length}${toShip.data.nextCursor !== null ? '+' : ''}`;

  return (
    <>
      <PageTitle>{t('page.merchant')}</PageTitle>
      {merchant.data !== undefined ? <p className="lead">{merchant.data.name}</p> : null}
      <MerchantNav />

      <section className="card" aria-labelledby="merchant-sections">
        <h2 id="merchant-sections">{t('merchant.overview.sections')}</h2>
        <ul className="lines">
          <li className="line">
            <span className="line-text">
              <Link to="/merchant/orders">{t('merchant.nav.orders')}</Link>
              <span className="muted">{t('merchant.overview.ordersHint')}</span>
            </span>
            {toShip.error !== undefined ? null : shipCount === undefined ? (
              <span className="muted">{t('state.loading')}</span>
            ) : (
              <span className="badge status-paid">{t('merchant.overview.toShip', { n: shipCount })}</span>
            )}
          </li>
          <li className="line">
            <span className="line-text">
              <Link to="/merchant/products">{t('merchant.nav.products')}</Link>
              <span className="muted">{t('merchant.overview.productsHint')}</span>
            </span>
          </li>
          <li className="line">
            <span className="line-text">
              <Link to="/merchant/wallet">{t('merchant.nav.wallet')}</Link>
              <span className="muted">{t('merchant.overview.walletHint')}</span>
            </span>
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="merchant-balances">
        <h2 id="merchant-balances">{t('merchant.overview.balances')}</h2>
        {wallet.loading || owed.loading ? <Loading /> : null}
        {wallet.error !== undefined ? <ErrorMessage error={wallet.error} onRetry={wallet.reload} /> : null}
        {owed.error !== undefined ? <ErrorMessage error={owed.error} onRetry={owed.reload} /> : null}
        {wallet.data !== undefined ? (
          <dl className="summary">
            <dt>{t('merchant.wallet.points')}</dt>
            <dd>
              <Points micro={wallet.data.pointsMicro} />
            </dd>
            <dt>{t('merchant.wallet.pointsValue')}</dt>
            <dd>
              <Money fen={wallet.data.valueFen} />
            </dd>
            <dt>{t('merchant.wallet.stable')}</dt>
            <dd>
              <Stable stable={wallet.data.stable} />
            </dd>
            <dt>{t('merchant.wallet.cash')}</dt>
            <dd>
              <Money fen={wallet.data.cashFen} />
            </dd>
            {owed.data !== undefined ? (
              <>
                <dt>{t('merchant.wallet.owed')}</dt>
                <dd>
                  <Money fen={owed.data.owedFen} />
                </dd>
              </>
            ) : null}
          </dl>
        ) : null}
        <Link to="/merchant/wallet" className="button secondary">
          {t('merchant.overview.openWallet')}
        </Link>
      </section>
    </>
  );
}
