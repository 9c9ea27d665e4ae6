import { big } from '../mall/database.js';
import { forbidden, MallError } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import { journal, type MallTx } from '../mall/mall.js';
import type { Principal } from '../members/index.js';
import { restoreStock } from './checkout.js';
import { type OrderRow, type OrderStatus, orderRow } from './order-view.js';

/** The journal key of an order's completion (CONTRACTS.md "Scheduled and system commands"). */
export const completionKey = (orderId: string): string => `order:${orderId}:complete`;

/** The buyer, staff of the order's merchant, or an admin may see an order; nobody else. */
export function requireOrderAccess(order: OrderRow, actor: Principal): 'buyer' | 'merchant' | 'admin' {
  if (actor.role === 'admin') return 'admin';
  if (actor.role === 'merchant' && actor.merchantId === order.merchant_id) return 'merchant';
  if (actor.role === 'consumer' && actor.memberId === order.member_id) return 'buyer';
  // Not 403: whether another member's order exists is not this caller's business.
  throw new MallError('NOT_FOUND', `no order ${order.id}`, { order: order.id });
}

function requireRole(access: string, ...allowed: string[]): void {
  if (!allowed.includes(access)) throw forbidden(`only the ${allowed.join(' or ')} may do that`);
}

/**
 * Moves an order from one of `from` to `to`, setting the time column, with a conditional update (the
 * status check and the write are one statement, so two racing moves apply once).
 * @throws MallError ORDER_WRONG_STATE
 */
export async function moveOrder(
  tx: MallTx,
  order: OrderRow,
  from: readonly OrderStatus[],
  to: OrderStatus,
  set: Partial<
    Record<
      'paid_at' | 'shipped_at' | 'delivered_at' | 'completed_at' | 'cancelled_at' | 'refunded_at',
      string
    >
  > = {},
): Promise<void> {
  const result = await tx.db
    .updateTable('orders')
    .set({ status: to, ...set })
    .where('id', '=', order.id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    const current = await orderRow(tx.db, order.id);
    throw new MallError(
      'ORDER_WRONG_STATE',
      `order ${order.id} is ${current.status}, not ${from.join(' or ')}`,
      {
        order: order.id,
        status: current.status,
      },
    );
  }
}

/** Cancels an unpaid order (the buyer, staff, an admin, or the scheduler): stock and coupon come back. */
export async function cancelOrder(tx: MallTx, orderId: string, actor: Principal | 'system'): Promise<void> {
  const order = await orderRow(tx.db, orderId);
  if (actor !== 'system') requireOrderAccess(order, actor);
  const pending = await tx.db
    .selectFrom('payments')
    .select('id')
    .where('order_id', '=', orderId)
    .where('status', '=', 'succeeded')
    .executeTakeFirst();
  if (pending !== undefined)
    throw new MallError('ORDER_WRONG_STATE', 'a paid order is refunded, not cancelled');
  await moveOrder(tx, order, ['pending_payment'], 'cancelled', { cancelled_at: tx.now });
  await tx.db
    .updateTable('payments')
    .set({ status: 'cancelled' })
    .where('order_id', '=', orderId)
    .where('status', '=', 'pending')
    .execute();
  await tx.db.deleteFrom('coupon_redemptions').where('order_id', '=', orderId).execute();
  await restoreStock(tx, orderId);
}

/** The merchant ships: a shipment with carrier and tracking number, its first tracking event. */
export async function shipOrder(
  tx: MallTx,
  orderId: string,
  actor: Principal,
  input: { carrier: string; trackingNumber: string },
): Promise<void> {
  const order = await orderRow(tx.db, orderId);
  requireRole(requireOrderAccess(order, actor), 'merchant', 'admin');
  await moveOrder(tx, order, ['paid'], 'shipped', { shipped_at: tx.now });
  const id = newId('sh');
  await tx.db
    .insertInto('shipments')
    .values({
      id,
      order_id: orderId,
      carrier: input.carrier,
      tracking_number: input.trackingNumber,
      created_at: tx.now,
    })
    .execute();
  await tx.db
    .insertInto('shipment_events')
    .values({
      shipment_id: id,
      at: tx.now,
      seq: 1,
      status: 'shipped',
      description: `${input.carrier} ${input.trackingNumber}`,
    })
    .execute();
}

/** A tracking event; `delivered` also marks the order delivered. */
export async function addTrackingEvent(
  tx: MallTx,
  orderId: string,
  actor: Principal,
  input: {
    status: 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception';
    description: string;
    location?: string;
  },
): Promise<void> {
  const order = await orderRow(tx.db, orderId);
  requireRole(requireOrderAccess(order, actor), 'merchant', 'admin');
  const shipment = await tx.db
    .selectFrom('shipments')
    .select('id')
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  if (shipment === undefined) throw new MallError('ORDER_WRONG_STATE', `order ${orderId} has not shipped`);
  const last = await tx.db
    .selectFrom('shipment_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('shipment_id', '=', shipment.id)
    .executeTakeFirst();
  await tx.db
    .insertInto('shipment_events')
    .values({
      shipment_id: shipment.id,
      at: tx.now,
      seq: Number(last?.seq ?? 0) + 1,
      status: input.status,
      description: input.description,
      location: input.location ?? '',
    })
    .execute();
  if (input.status === 'delivered') await markDelivered(tx, order, shipment.id);
}

/** The merchant marks the order delivered: a `delivered` tracking event, as a carrier's would be. */
export async function deliverOrder(tx: MallTx, orderId: string, actor: Principal): Promise<void> {
  await addTrackingEvent(tx, orderId, actor, { status: 'delivered', description: '已签收 Delivered' });
}

async function markDelivered(tx: MallTx, order: OrderRow, shipmentId: string): Promise<void> {
  await moveOrder(tx, order, ['shipped'], 'delivered', { delivered_at: tx.now });
  await tx.db.updateTable('shipments').set({ delivered_at: tx.now }).where('id', '=', shipmentId).execute();
}

/**
 * Completes a delivered order (the buyer's confirmation or the scheduler, N days after delivery): the
 * order's move to `completed` and its economy `order` command, paid from the buyer's held balances,
 * commit together under the key `order:<id>:complete`, so it applies exactly once.
 * Profit = amount paid after coupons less cost, never below 0 (DESIGN.md).
 * @throws MallError NOT_FOUND, FORBIDDEN, ORDER_WRONG_STATE
 */
export async function completeOrder(
  tx: MallTx,
  orderId: string,
  actor: Principal | 'system',
): Promise<bigint> {
  const order = await orderRow(tx.db, orderId);
  if (actor !== 'system') requireRole(requireOrderAccess(order, actor), 'buyer');
  if (order.status === 'completed' && order.journal_seq !== null) return big(order.journal_seq);
  await moveOrder(tx, order, ['delivered'], 'completed', { completed_at: tx.now });
  const total = big(order.total_fen);
  const stable = big(order.paid_stable);
  const profit = total - big(order.cost_fen);
  const seq = await journal(tx, completionKey(orderId), {
    type: 'order',
    member: order.member_id,
    amount: total,
    ...(stable > 0n ? { stable } : {}),
    ...(profit > 0n ? { profit } : {}),
    merchant: order.merchant_id,
    paidFrom: 'held',
  });
  await tx.db.updateTable('orders').set({ journal_seq: seq.toString() }).where('id', '=', orderId).execute();
  return seq;
}

/** The buyer asks for a refund of a paid order that is not completed; staff or an admin decides. */
export async function requestRefund(tx: MallTx, orderId: string, actor: Principal): Promise<void> {
  const order = await orderRow(tx.db, orderId);
  requireRole(requireOrderAccess(order, actor), 'buyer');
  if (!['paid', 'shipped', 'delivered'].includes(order.status))
    throw new MallError('ORDER_WRONG_STATE', `order ${orderId} is ${order.status}`, { status: order.status });
  await tx.db.updateTable('orders').set({ refund_requested_at: tx.now }).where('id', '=', orderId).execute();
}

/**
 * Refunds a paid order that is not completed: stock comes back and the held money goes back where it
 * came from (the buyer's cash and stable points, or the outside world for a gateway or bank payment).
 * Points are never clawed back: they are only ever awarded at completion.
 */
export async function refundOrder(tx: MallTx, orderId: string, actor: Principal): Promise<void> {
  const order = await orderRow(tx.db, orderId);
  requireRole(requireOrderAccess(order, actor), 'merchant', 'admin');
  await moveOrder(tx, order, ['paid', 'shipped', 'delivered'], 'refunded', { refunded_at: tx.now });
  await restoreStock(tx, orderId);
  await tx.db
    .updateTable('payments')
    .set({ status: 'refunded' })
    .where('order_id', '=', orderId)
    .where('status', '=', 'succeeded')
    .execute();
  await journal(tx, `order:${orderId}:refund`, {
    type: 'release',
    member: order.member_id,
    cash: big(order.paid_cash_fen),
    stable: big(order.paid_stable),
    via: order.payment_via === 'balance' ? 'balance' : 'money',
  });
}
