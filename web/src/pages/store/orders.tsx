import { useEffect, useState } from 'react';
import { type ApiError, apiGet, query } from '../../api';
import { PageTitle } from '../../components/layout';
import { Money } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { Link, useRouter, useSearchParams } from '../../router';
import type { Order, OrderStatus, Page } from '../../types';
import { ORDER_STATUSES, StatusBadge, TrackingStatus, useStatusLabel } from './order-status';

/** 我的订单: newest first, by status, with the latest shipment event of each. */
export default function OrdersPage() {
  const { t } = useI18n();
  const params = useSearchParams();
  const { navigate } = useRouter();
  const statusLabel = useStatusLabel();
  const statusParam = params.get('status');
  const status = ORDER_STATUSES.find((s) => s === statusParam);
  const [items, setItems] = useState<readonly Order[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [version, setVersion] = useState(0);

  const load = async (after: string | null, signal?: AbortSignal) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await apiGet<Page<Order>>(`/api/orders${query({ status, cursor: after })}`, signal);
      setItems((previous) => (after === null ? page.items : [...previous, ...page.items]));
      setCursor(page.nextCursor);
    } catch (failure) {
      if (signal?.aborted !== true) setError(failure as ApiError);
    } finally {
      if (signal?.aborted !== true) setLoading(false);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the status tab or version changes.
  useEffect(() => {
    const controller = new AbortController();
    void load(null, controller.signal);
    return () => controller.abort();
  }, [status, version]);

  return (
    <>
      <PageTitle>{t('page.orders')}</PageTitle>
      <nav aria-label={t('orders.filter')}>
        <ul className="chips">
          <li>
            <Link to="/orders" className="chip" aria-current={status === undefined ? 'page' : undefined}>
              {t('orders.all')}
            </Link>
          </li>
          {ORDER_STATUSES.map((s) => (
            <li key={s}>
              <Link
                to={`/orders?status=${s}`}
                className="chip"
                aria-current={status === s ? 'page' : undefined}
              >
                {statusLabel(s)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {error !== undefined ? <ErrorMessage error={error} onRetry={() => setVersion((v) => v + 1)} /> : null}
      {loading && items.length === 0 ? <Loading /> : null}
      {!loading && error === undefined && items.length === 0 ? (
        <Empty
          action={
            <button type="button" className="button" onClick={() => navigate('/')}>
              {t('cart.browse')}
            </button>
          }
        >
          {t('orders.none')}
        </Empty>
      ) : null}
      <ul className="order-list">
        {items.map((order) => (
          <OrderCard key={order.id} order={order} />
        ))}
      </ul>
      {cursor !== null ? (
        <button
          type="button"
          className="button secondary wide"
          disabled={loading}
          onClick={() => load(cursor)}
        >
          {loading ? t('state.loading') : t('products.more')}
        </button>
      ) : null}
    </>
  );
}

function OrderCard({ order }: { order: Order }) {
  const { t, lang } = useI18n();
  const last = order.shipment?.events.at(-1);
  return (
    <li className="card order-card">
      <p className="order-head">
        <Link to={`/orders/${encodeURIComponent(order.id)}`}>{t('order.number', { id: order.id })}</Link>
        <StatusBadge status={order.status as OrderStatus} />
      </p>
      <p className="muted">{formatTime(order.createdAt, lang)}</p>
      <ul className="order-items">
        {order.items.map((item) => (
          <li key={item.skuId}>
            {item.title} · {item.skuName} × {item.quantity}
          </li>
        ))}
      </ul>
      <p>
        {t('order.total')} <Money fen={order.totalFen} />
      </p>
      {order.shipment !== null ? (
        <p className="muted">
          {order.shipment.carrier} {order.shipment.trackingNumber}
          {last !== undefined ? (
            <>
              {' · '}
              <TrackingStatus event={last} /> {last.description}
            </>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}
