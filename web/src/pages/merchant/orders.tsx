import { type FormEvent, useId, useRef, useState } from 'react';
import { apiPost, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageTitle } from '../../components/layout';
import { Money, Stable } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatFen, formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { Link, useSearchParams } from '../../router';
import type { PageProps } from '../../routes';
import type { Order, OrderStatus } from '../../types';
import { useAction } from '../../use-api';
import { StatusBadge, TrackingStatus, useStatusLabel } from '../store/order-status';
import { MerchantNav, MoreButton, merchantApi, NoMerchant, useMerchantId, usePaged } from './shared';

/** The tabs, "to ship" (paid) first; `all` lists every order. */
const TABS: readonly (OrderStatus | 'all')[] = [
  'paid',
  'shipped',
  'delivered',
  'completed',
  'pending_payment',
  'refunded',
  'cancelled',
  'all',
];

const TRACKING_STATUSES = ['in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;
type TrackingStatusValue = (typeof TRACKING_STATUSES)[number];

/** 订单发货: the merchant's orders by status, shipping with carrier and tracking number, tracking events. */
export default function MerchantOrdersPage(_: PageProps) {
  const { t } = useI18n();
  const merchantId = useMerchantId();
  const statusLabel = useStatusLabel();
  const params = useSearchParams();
  const wanted = params.get('status');
  const tab = TABS.find((s) => s === wanted) ?? 'paid';
  const orders = usePaged<Order>(merchantId === null ? null : `${merchantApi(merchantId)}/orders`, {
    status: tab === 'all' ? undefined : tab,
  });

  if (merchantId === null) {
    return (
      <>
        <PageTitle>{t('page.merchantOrders')}</PageTitle>
        <NoMerchant />
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('page.merchantOrders')}</PageTitle>
      <MerchantNav />
      <nav aria-label={t('merchant.orders.filter')}>
        <ul className="chips">
          {TABS.map((s) => (
            <li key={s}>
              <Link
                to={s === 'paid' ? '/merchant/orders' : `/merchant/orders?status=${s}`}
                className="chip"
                aria-current={tab === s ? 'page' : undefined}
              >
                {s === 'all'
                  ? t('merchant.orders.all')
                  : s === 'paid'
                    ? t('merchant.orders.toShip')
                    : statusLabel(s)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {orders.error !== undefined ? <ErrorMessage error={orders.error} onRetry={orders.reload} /> : null}
      {orders.loading && orders.items.length === 0 ? <Loading /> : null}
      {!orders.loading && orders.error === undefined && orders.items.length === 0 ? (
        <Empty>{tab === 'paid' ? t('merchant.orders.noneToShip') : t('merchant.orders.none')}</Empty>
      ) : null}
      <ul className="order-list" aria-label={t('merchant.orders.list')}>
        {orders.items.map((order) => (
          <MerchantOrderCard
            key={order.id}
            order={order}
            onChange={(next) => orders.replace((o) => o.id === next.id, next)}
          />
        ))}
      </ul>
      <MoreButton list={orders} />
    </>
  );
}

function MerchantOrderCard({ order, onChange }: { order: Order; onChange(next: Order): void }) {
  const { t, lang } = useI18n();
  const refundable = order.status === 'paid' || order.status === 'shipped' || order.status === 'delivered';
  return (
    <li className="card order-card">
      <p className="order-head">
        <strong>{t('merchant.orders.number', { id: order.id })}</strong>
        <StatusBadge status={order.status} />
      </p>
      <p className="muted">
        {t('merchant.orders.placed', { time: formatTime(order.createdAt, lang) })}
        {order.paidAt !== null
          ? ` · ${t('merchant.orders.paidAt', { time: formatTime(order.paidAt, lang) })}`
          : ''}
      </p>
      <ul className="order-items">
        {order.items.map((item) => (
          <li key={item.skuId}>
            {item.title} · {item.skuName} × {item.quantity}
          </li>
        ))}
      </ul>
      <dl className="summary">
        <dt>{t('merchant.orders.total')}</dt>
        <dd>
          <Money fen={order.totalFen} />
        </dd>
        {order.paidStable !== '0' ? (
          <>
            <dt>{t('merchant.orders.paidStable')}</dt>
            <dd>
              <Stable stable={order.paidStable} />
            </dd>
          </>
        ) : null}
        <dt>{t('merchant.orders.address')}</dt>
        <dd>{order.address}</dd>
      </dl>
      {order.refundRequestedAt !== null && refundable ? (
        <p className="badge status-pending_payment">
          {t('merchant.orders.refundRequested', { time: formatTime(order.refundRequestedAt, lang) })}
        </p>
      ) : null}
      {order.shipment !== null ? <Shipment order={order} /> : null}
      {order.status === 'paid' ? <ShipForm order={order} onChange={onChange} /> : null}
      {order.status === 'shipped' ? <TrackingForm order={order} onChange={onChange} /> : null}
      {refundable ? <RefundButton order={order} onChange={onChange} /> : null}
    </li>
  );
}

function Shipment({ order }: { order: Order }) {
  const { t, lang } = useI18n();
  const shipment = order.shipment;
  if (shipment === null) return null;
  return (
    <div>
      <p>{t('merchant.orders.shipment', { carrier: shipment.carrier, number: shipment.trackingNumber })}</p>
      {shipment.events.length > 0 ? (
        <ol className="timeline" aria-label={t('merchant.orders.events')}>
          {shipment.events.map((event) => (
            <li key={`${event.at}-${event.status}-${event.description}`}>
              <strong>
                {event.status === 'shipped' ? t('status.shipped') : <TrackingStatus event={event} />}
              </strong>{' '}
              {event.description}
              {event.location !== '' ? ` · ${event.location}` : ''}
              <span className="muted block">{formatTime(event.at, lang)}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

function ShipForm({ order, onChange }: { order: Order; onChange(next: Order): void }) {
  const { t } = useI18n();
  const carrierId = useId();
  const numberId = useId();
  const [carrier, setCarrier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await action.run(() =>
      apiPost<Order>(`/api/orders/${encodeURIComponent(order.id)}/ship`, {
        carrier: carrier.trim(),
        trackingNumber: trackingNumber.trim(),
      }),
    );
    if (next !== undefined) onChange(next);
  };
  return (
    <form onSubmit={submit} aria-label={t('merchant.orders.shipFor', { id: order.id })}>
      <div className="field">
        <label htmlFor={carrierId}>{t('merchant.orders.carrier')}</label>
        <input
          id={carrierId}
          required
          maxLength={64}
          list="merchant-carriers"
          placeholder={t('merchant.orders.carrierPlaceholder')}
          value={carrier}
          onChange={(event) => setCarrier(event.target.value)}
        />
        <datalist id="merchant-carriers">
          {['顺丰速运', '京东物流', '中通快递', '圆通速递', 'EMS'].map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={numberId}>{t('merchant.orders.trackingNumber')}</label>
        <input
          id={numberId}
          required
          maxLength={64}
          autoComplete="off"
          value={trackingNumber}
          onChange={(event) => setTrackingNumber(event.target.value)}
        />
      </div>
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      <button type="submit" className="button" disabled={action.busy}>
        {t('merchant.orders.ship')}
      </button>
    </form>
  );
}

function TrackingForm({ order, onChange }: { order: Order; onChange(next: Order): void }) {
  const { t } = useI18n();
  const ids = { status: useId(), description: useId(), location: useId() };
  const [status, setStatus] = useState<TrackingStatusValue>('in_transit');
  const [description, setDescription] = useState('');
  const [location, setLocation] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const deliver = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await action.run(() =>
      apiPost<Order>(`/api/orders/${encodeURIComponent(order.id)}/tracking`, {
        status,
        description: description.trim(),
        ...(location.trim() === '' ? {} : { location: location.trim() }),
      }),
    );
    if (next !== undefined) {
      setDescription('');
      setLocation('');
      onChange(next);
    }
  };
  const markDelivered = async () => {
    const next = await deliver.run(() =>
      apiPost<Order>(`/api/orders/${encodeURIComponent(order.id)}/deliver`),
    );
    setConfirming(false);
    if (next !== undefined) onChange(next);
  };
  return (
    <>
      <form onSubmit={submit} aria-label={t('merchant.orders.trackingFor', { id: order.id })}>
        <h3 className="section-title">{t('merchant.orders.addEvent')}</h3>
        <div className="field">
          <label htmlFor={ids.status}>{t('merchant.orders.eventStatus')}</label>
          <select
            id={ids.status}
            value={status}
            onChange={(event) => setStatus(event.target.value as TrackingStatusValue)}
          >
            {TRACKING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`tracking.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.description}>{t('merchant.orders.eventDescription')}</label>
          <input
            id={ids.description}
            required
            maxLength={200}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.location}>{t('merchant.orders.eventLocation')}</label>
          <input
            id={ids.location}
            maxLength={100}
            value={location}
            onChange={(event) => setLocation(event.target.value)}
          />
        </div>
        {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
        <div className="actions">
          <button type="submit" className="button secondary" disabled={action.busy}>
            {t('merchant.orders.addEventSubmit')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setConfirming(true)}
            disabled={deliver.busy}
          >
            {t('merchant.orders.markDelivered')}
          </button>
        </div>
      </form>
      {deliver.error !== undefined ? <ErrorMessage error={deliver.error} /> : null}
      <ConfirmDialog
        open={confirming}
        title={t('merchant.orders.markDeliveredTitle')}
        busy={deliver.busy}
        onConfirm={markDelivered}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('merchant.orders.markDeliveredText', { id: order.id })}</p>
      </ConfirmDialog>
    </>
  );
}

function RefundButton({ order, onChange }: { order: Order; onChange(next: Order): void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const key = useRef(newIdempotencyKey());
  const action = useAction();
  const refund = async () => {
    const next = await action.run(() =>
      apiPost<Order>(`/api/orders/${encodeURIComponent(order.id)}/refund`, undefined, key.current),
    );
    setConfirming(false);
    if (next !== undefined) {
      key.current = newIdempotencyKey();
      onChange(next);
    }
  };
  return (
    <>
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      <div className="actions">
        <button type="button" className="button link" onClick={() => setConfirming(true)}>
          {t('merchant.orders.refund')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        danger
        title={t('merchant.orders.refundTitle')}
        confirmLabel={t('merchant.orders.refund')}
        busy={action.busy}
        onConfirm={refund}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('merchant.orders.refundText', { id: order.id, total: formatFen(order.totalFen) })}</p>
      </ConfirmDialog>
    </>
  );
}
