import { type MessageKey, useT } from '../../i18n';
import type { OrderStatus, TrackingEvent } from '../../types';

const STATUS_KEYS: Record<OrderStatus, MessageKey> = {
  pending_payment: 'status.pending_payment',
  paid: 'status.paid',
  shipped: 'status.shipped',
  delivered: 'status.delivered',
  completed: 'status.completed',
  cancelled: 'status.cancelled',
  refunded: 'status.refunded',
};

const TRACKING_KEYS: Record<string, MessageKey> = {
  in_transit: 'tracking.in_transit',
  out_for_delivery: 'tracking.out_for_delivery',
  delivered: 'tracking.delivered',
  exception: 'tracking.exception',
};

export const ORDER_STATUSES = Object.keys(STATUS_KEYS) as OrderStatus[];

export function StatusBadge({ status }: { status: OrderStatus }) {
  const t = useT();
  const key = STATUS_KEYS[status];
  return <span className={`badge status-${status}`}>{key === undefined ? status : t(key)}</span>;
}

export function useStatusLabel(): (status: OrderStatus) => string {
  const t = useT();
  return (status) => {
    const key = STATUS_KEYS[status];
    return key === undefined ? status : t(key);
  };
}

export function TrackingStatus({ event }: { event: TrackingEvent }) {
  const t = useT();
  const key = TRACKING_KEYS[event.status];
  return <>{key === undefined ? event.status : t(key)}</>;
}
