import { useMemo, useRef, useState } from 'react';
import { apiPost, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Money, Stable } from '../../components/money';
import { Empty, ErrorMessage } from '../../components/states';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import type { Order, OrderStatus, Page, Payment } from '../../types';
import { useAction, useApi } from '../../use-api';
import { AdminPage, MoreButton, StatusFilter, usePaged } from './common';
import { AdminTable, ItemsStates, PagedStates } from './table';

const STATUSES: readonly OrderStatus[] = [
  'pending_payment',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refunded',
];

/** 订单: all orders by status, and the manual transfers waiting for an admin's confirmation. */
export default function AdminOrdersPage() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<OrderStatus | undefined>(undefined);
  const list = usePaged<Order>('/api/admin/orders', { status });
  const pending = useApi<Page<Payment>>('/api/admin/payments?provider=manual&status=pending&limit=100');
  const [confirming, setConfirming] = useState<Payment | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const byOrder = useMemo(
    () => new Map((pending.data?.items ?? []).map((payment) => [payment.orderId, payment])),
    [pending.data],
  );
  const statusLabel = (s: OrderStatus) => t(`admin.orderStatus.${s}`);

  return (
    <AdminPage title={t('page.adminOrders')}>
      <section className="admin-section" aria-labelledby="admin-manual-title">
        <h2 id="admin-manual-title" className="section-title">
          {t('admin.orders.manualTitle')}
        </h2>
        {done ? (
          <p className="notice" role="status">
            {done}
          </p>
        ) : null}
        <ItemsStates resource={pending} empty={<p className="muted">{t('admin.orders.manualNone')}</p>} />
        {pending.data && pending.data.items.length > 0 ? (
          <AdminTable
            columns={[
              t('admin.orders.payment'),
              t('admin.orders.order'),
              { label: t('admin.orders.amount'), num: true },
              t('admin.orders.created'),
              t('admin.actions'),
            ]}
          >
            {pending.data.items.map((payment) => (
              <tr key={payment.id}>
                <td className="admin-mono">{payment.id}</td>
                <td>
                  <Link to={`/orders/${encodeURIComponent(payment.orderId)}`} className="admin-mono">
                    {payment.orderId}
                  </Link>
                </td>
                <td className="num">
                  <Money fen={payment.cashFen} />
                </td>
                <td className="admin-nowrap">{formatTime(payment.createdAt, lang)}</td>
                <td>
                  <button type="button" className="button small" onClick={() => setConfirming(payment)}>
                    {t('admin.orders.confirm')}
                  </button>
                </td>
              </tr>
            ))}
          </AdminTable>
        ) : null}
      </section>

      <section className="admin-section" aria-labelledby="admin-orders-title">
        <h2 id="admin-orders-title" className="section-title">
          {t('admin.orders.allTitle')}
        </h2>
        <StatusFilter
          statuses={STATUSES}
          value={status}
          onChange={setStatus}
          label={statusLabel}
          all={t('admin.all')}
        />
        <PagedStates list={list} empty={<Empty>{t('admin.orders.none')}</Empty>} />
        {list.items.length > 0 ? (
          <AdminTable
            caption={t('admin.orders.allTitle')}
            columns={[
              t('admin.orders.order'),
              t('admin.orders.status'),
              t('admin.orders.items'),
              { label: t('admin.orders.total'), num: true },
              t('admin.orders.method'),
              t('admin.orders.buyerMerchant'),
              t('admin.orders.created'),
              t('admin.actions'),
            ]}
          >
            {list.items.map((order) => {
              const payment = order.status === 'pending_payment' ? byOrder.get(order.id) : undefined;
              return (
                <tr key={order.id}>
                  <td>
                    <Link to={`/orders/${encodeURIComponent(order.id)}`} className="admin-mono">
                      {order.id}
                    </Link>
                  </td>
                  <td>
                    <span className={`badge status-${order.status}`}>{statusLabel(order.status)}</span>
                    {order.refundRequestedAt && order.status !== 'refunded' ? (
                      <span className="muted block">{t('admin.orders.refundRequested')}</span>
                    ) : null}
                  </td>
                  <td className="text">
                    {order.items.map((item) => (
                      <span key={item.skuId} className="block">
                        {item.title} · {item.skuName} × {item.quantity}
                      </span>
                    ))}
                  </td>
                  <td className="num">
                    <Money fen={order.totalFen} />
                    {order.paidStable !== '0' ? (
                      <span className="muted block">
                        {t('admin.orders.stablePart')} <Stable stable={order.paidStable} />
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {order.paymentMethod
                      ? t(`admin.method.${order.paymentMethod as 'balance' | 'manual' | 'gateway'}`)
                      : '—'}
                  </td>
                  <td className="admin-mono">
                    {order.memberId}
                    <span className="block">{order.merchantId}</span>
                  </td>
                  <td className="admin-nowrap">{formatTime(order.createdAt, lang)}</td>
                  <td>
                    {payment ? (
                      <button type="button" className="button small" onClick={() => setConfirming(payment)}>
                        {t('admin.orders.confirm')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </AdminTable>
        ) : null}
        <MoreButton list={list} />
      </section>
      <ConfirmPayment
        payment={confirming}
        onClose={() => setConfirming(undefined)}
        onDone={(payment) => {
          setConfirming(undefined);
          setDone(t('admin.orders.confirmed', { order: payment.orderId }));
          pending.reload();
          list.reload();
        }}
      />
    </AdminPage>
  );
}

/** The confirmation of one manual transfer, with its amount and an optional bank reference. */
function ConfirmPayment({
  payment,
  onClose,
  onDone,
}: {
  payment: Payment | undefined;
  onClose(): void;
  onDone(payment: Payment): void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const [reference, setReference] = useState('');
  // One key per payment being confirmed: a retry after a timeout is answered with the first result.
  const keys = useRef(new Map<string, string>());
  const keyFor = (id: string) => {
    let key = keys.current.get(id);
    if (key === undefined) {
      key = newIdempotencyKey();
      keys.current.set(id, key);
    }
    return key;
  };
  const close = () => {
    action.clearError();
    setReference('');
    onClose();
  };
  const confirm = async () => {
    if (payment === undefined) return;
    const body = reference.trim() === '' ? {} : { reference: reference.trim() };
    const result = await action.run(() =>
      apiPost<Payment>(
        `/api/admin/payments/${encodeURIComponent(payment.id)}/confirm`,
        body,
        keyFor(payment.id),
      ),
    );
    if (result !== undefined) {
      keys.current.delete(payment.id);
      setReference('');
      onDone(result);
    }
  };
  return (
    <ConfirmDialog
      open={payment !== undefined}
      title={t('admin.orders.confirmTitle')}
      confirmLabel={t('admin.orders.confirm')}
      busy={action.busy}
      onConfirm={confirm}
      onCancel={close}
    >
      {payment ? (
        <>
          <p>
            {t('admin.orders.confirmText', { payment: payment.id, order: payment.orderId })}{' '}
            <strong>
              <Money fen={payment.cashFen} />
            </strong>
          </p>
          <div className="field">
            <label htmlFor="admin-confirm-ref">{t('admin.orders.reference')}</label>
            <input
              id="admin-confirm-ref"
              value={reference}
              maxLength={100}
              onChange={(event) => setReference(event.target.value)}
            />
          </div>
          {action.error ? <ErrorMessage error={action.error} /> : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
}
