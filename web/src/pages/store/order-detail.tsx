import { useRef, useState } from 'react';
import { apiPost, newIdempotencyKey } from '../../api';
import { useAuth } from '../../auth';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageTitle } from '../../components/layout';
import { Money, Stable } from '../../components/money';
import { ErrorMessage, Loading } from '../../components/states';
import { formatTime } from '../../format';
import { type MessageKey, useI18n } from '../../i18n';
import type { PageProps } from '../../routes';
import type { Order, OrderStatus, Payment } from '../../types';
import { useAction, useApi } from '../../use-api';
import { StatusBadge, TrackingStatus } from './order-status';
import { PayPanel } from './pay-panel';

type BuyerAction = 'cancel' | 'confirm' | 'refund';

const ACTION_TEXT: Record<BuyerAction, { title: MessageKey; text: MessageKey; button: MessageKey }> = {
  cancel: { title: 'order.cancelTitle', text: 'order.cancelText', button: 'order.cancel' },
  confirm: { title: 'order.confirmTitle', text: 'order.confirmText', button: 'order.confirmReceipt' },
  refund: { title: 'order.refundTitle', text: 'order.refundText', button: 'order.requestRefund' },
};

/** 订单详情: items, amounts, payments, shipment tracking; pay, cancel, confirm receipt, ask a refund. */
export default function OrderDetailPage({ params }: PageProps) {
  const id = encodeURIComponent(params.id ?? '');
  const order = useApi<Order>(`/api/orders/${id}`);
  const payments = useApi<{ items: Payment[] }>(`/api/orders/${id}/payments`);
  if (order.error !== undefined) return <ErrorMessage error={order.error} onRetry={order.reload} />;
  if (order.data === undefined) return <Loading />;
  const reload = () => {
    order.reload();
    payments.reload();
  };
  return (
    <OrderView
      order={order.data}
      payments={payments.data?.items ?? []}
      onChange={(next) => {
        if (next === undefined) return reload();
        order.setData(next);
        payments.reload();
      }}
    />
  );
}

function OrderView(props: { order: Order; payments: readonly Payment[]; onChange(next?: Order): void }) {
  const { t, lang } = useI18n();
  const { member } = useAuth();
  const { order } = props;
  const [pending, setPending] = useState<BuyerAction | undefined>(undefined);
  const action = useAction();
  const confirmKey = useRef(newIdempotencyKey());
  const isBuyer = member?.id === order.memberId;
  const refundable =
    ['paid', 'shipped', 'delivered'].includes(order.status) && order.refundRequestedAt === null;

  const run = async (which: BuyerAction) => {
    const path = `/api/orders/${encodeURIComponent(order.id)}`;
    const next = await action.run(() => {
      if (which === 'confirm') return apiPost<Order>(`${path}/confirm`, undefined, confirmKey.current);
      return apiPost<Order>(`${path}/${which === 'cancel' ? 'cancel' : 'refund-request'}`);
    });
    setPending(undefined);
    if (next !== undefined) props.onChange(next);
  };

  return (
    <>
      <PageTitle>{t('order.number', { id: order.id })}</PageTitle>
      <p>
        <StatusBadge status={order.status as OrderStatus} />
        {order.refundRequestedAt !== null && order.status !== 'refunded' ? (
          <span className="badge">{t('order.refundRequested')}</span>
        ) : null}
      </p>
      <section className="card" aria-label={t('checkout.items')}>
        <ul className="lines">
          {order.items.map((item) => (
            <li key={item.skuId} className="line">
              <div className="line-text">
                <span>{item.title}</span>
                <span className="muted">
                  {item.skuName} × {item.quantity}
                </span>
              </div>
              <Money fen={item.unitPriceFen} />
            </li>
          ))}
        </ul>
        <dl className="summary">
          <dt>{t('order.items')}</dt>
          <dd>
            <Money fen={order.itemsFen} />
          </dd>
          <dt>{t('order.discount')}</dt>
          <dd>
            <Money fen={order.discountFen} />
          </dd>
          <dt>{t('order.total')}</dt>
          <dd>
            <Money fen={order.totalFen} />
          </dd>
          {order.paidAt !== null ? (
            <>
              <dt>{t('order.paidCash')}</dt>
              <dd>
                <Money fen={order.paidCashFen} />
              </dd>
              <dt>{t('pay.stableUsed')}</dt>
              <dd>
                <Stable stable={order.paidStable} />
              </dd>
            </>
          ) : null}
          <dt>{t('checkout.address')}</dt>
          <dd>{order.address}</dd>
          <dt>{t('order.placedAt')}</dt>
          <dd>{formatTime(order.createdAt, lang)}</dd>
          {order.status === 'pending_payment' ? (
            <>
              <dt>{t('order.payBy')}</dt>
              <dd>{formatTime(order.payBy, lang)}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {props.payments.length > 0 ? (
        <section className="card" aria-labelledby="payments-title">
          <h2 id="payments-title">{t('order.payments')}</h2>
          <ul className="lines">
            {props.payments.map((payment) => (
              <li key={payment.id} className="line">
                <span>
                  {t(`pay.provider.${payment.provider}` as MessageKey)} · {payment.id}
                </span>
                <span>
                  <Money fen={payment.cashFen} /> · {t(`pay.status.${payment.status}` as MessageKey)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {order.shipment !== null ? (
        <section className="card" aria-labelledby="shipment-title">
          <h2 id="shipment-title">{t('order.shipment')}</h2>
          <p>
            {order.shipment.carrier} · {order.shipment.trackingNumber}
          </p>
          <ol className="timeline">
            {[...order.shipment.events].reverse().map((event) => (
              <li key={`${event.at}-${event.status}-${event.description}`}>
                <strong>
                  <TrackingStatus event={event} />
                </strong>{' '}
                {event.description} {event.location !== '' ? `· ${event.location}` : ''}
                <span className="muted block">{formatTime(event.at, lang)}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {isBuyer && order.status === 'pending_payment' ? (
        <PayPanel order={order} onPaid={() => props.onChange()} />
      ) : null}
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      {isBuyer ? (
        <div className="actions">
          {order.status === 'pending_payment' ? (
            <button type="button" className="button secondary" onClick={() => setPending('cancel')}>
              {t('order.cancel')}
            </button>
          ) : null}
          {order.status === 'delivered' ? (
            <button type="button" className="button" onClick={() => setPending('confirm')}>
              {t('order.confirmReceipt')}
            </button>
          ) : null}
          {refundable ? (
            <button type="button" className="button secondary" onClick={() => setPending('refund')}>
              {t('order.requestRefund')}
            </button>
          ) : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={pending !== undefined}
        title={pending === undefined ? '' : t(ACTION_TEXT[pending].title)}
        confirmLabel={pending === undefined ? '' : t(ACTION_TEXT[pending].button)}
        danger={pending === 'cancel'}
        busy={action.busy}
        onCancel={() => setPending(undefined)}
        onConfirm={() => pending !== undefined && run(pending)}
      >
        <p>{pending === undefined ? '' : t(ACTION_TEXT[pending].text)}</p>
        <p>
          {t('order.total')} <Money fen={order.totalFen} />
        </p>
      </ConfirmDialog>
    </>
  );
}
