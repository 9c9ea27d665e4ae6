import type { Selectable } from 'kysely';
import { big, type MallDatabase } from '../mall/database.js';
import { forbidden, MallError, notFound } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import { journal, type MallTx } from '../mall/mall.js';
import type { Principal } from '../members/index.js';
import { moveOrder, orderRow, requireOrderAccess } from '../orders/index.js';

/**
 * The payment providers (docs/payments.md). `balance` pays at once from the buyer's cash balance and
 * stable points; `manual` (a bank transfer an admin confirms) and `gateway` (an external gateway's
 * signed notification) start pending and settle later. Each holds the money in `<buyer>:held` until
 * the order completes or is refunded. There are no top-ups: money enters only as an order's payment.
 */
export type PaymentMethod = 'balance' | 'manual' | 'gateway';

/** What the mall needs to know of a payment provider to hold its money in the journal. */
export interface PaymentProvider {
  readonly method: PaymentMethod;
  /** Where the cash part comes from: the outside world (`money`) or the buyer's cash balance. */
  readonly source: 'money' | 'balance';
  /** `now`: settles within the buyer's request; `later`: pending until someone settles it. */
  readonly settles: 'now' | 'later';
  /** Who settles a pending payment, for people reading the API. */
  readonly settledBy: string;
}

/** The built-in providers. A new one is an entry here and whatever calls settlePendingPayment for it. */
export const PAYMENT_PROVIDERS: Readonly<Record<PaymentMethod, PaymentProvider>> = {
  balance: { method: 'balance', source: 'balance', settles: 'now', settledBy: 'the buyer, at once' },
  manual: { method: 'manual', source: 'money', settles: 'later', settledBy: 'an admin who saw the transfer' },
  gateway: {
    method: 'gateway',
    source: 'money',
    settles: 'later',
    settledBy: "the gateway's signed notification",
  },
};

export type PaymentRow = Selectable<MallDatabase['payments']>;

export interface PaymentView {
  id: string;
  orderId: string;
  provider: string;
  status: string;
  cashFen: string;
  stable: string;
  reference: string | null;
  createdAt: string;
  settledAt: string | null;
}

export function paymentView(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    orderId: row.order_id,
    provider: row.provider,
    status: row.status,
    cashFen: big(row.cash_fen).toString(),
    stable: big(row.stable).toString(),
    reference: row.reference,
    createdAt: row.created_at,
    settledAt: row.settled_at,
  };
}

/**
 * The buyer pays an order: `stableFen` of it in stable points (1 stable = 1 fen), the rest in cash by
 * `method`. A balance payment settles now; the others return a pending payment.
 * @throws MallError NOT_FOUND, ORDER_NOT_PAYABLE, BAD_REQUEST, INSUFFICIENT_CASH, INSUFFICIENT_STABLE
 */
export async function startPayment(
  tx: MallTx,
  orderId: string,
  actor: Principal,
  input: { method: PaymentMethod; stableFen: bigint },
): Promise<PaymentView> {
  const order = await orderRow(tx.db, orderId);
  if (requireOrderAccess(order, actor) !== 'buyer') throw forbidden('only the buyer pays an order');
  if (order.status !== 'pending_payment')
    throw new MallError('ORDER_NOT_PAYABLE', `order ${orderId} is ${order.status}`, { status: order.status });
  const total = big(order.total_fen);
  if (input.stableFen < 0n || input.stableFen > total)
    throw new MallError('BAD_REQUEST', `stableFen must be within 0..${total}`);
  const row: PaymentRow = {
    id: newId('pay'),
    order_id: orderId,
    provider: input.method,
    status: 'pending',
    cash_fen: (total - input.stableFen).toString(),
    stable: input.stableFen.toString(),
    reference: null,
    created_at: tx.now,
    settled_at: null,
  };
  await tx.db.insertInto('payments').values(row).execute();
  const provider = PAYMENT_PROVIDERS[input.method];
  if (provider.settles === 'later') return paymentView(row);
  return settlePayment(tx, row, provider.source, null);
}

/**
 * A pending payment succeeded (an admin saw the transfer, or the gateway said so): the order is paid
 * and the money held, in one unit. Settling a settled payment again returns it unchanged.
 * @throws MallError NOT_FOUND, ORDER_NOT_PAYABLE, INSUFFICIENT_STABLE
 */
export async function settlePendingPayment(
  tx: MallTx,
  paymentId: string,
  reference: string | null,
): Promise<PaymentView> {
  const payment = await tx.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirst();
  if (payment === undefined) throw notFound('payment', paymentId);
  if (payment.status === 'succeeded') return paymentView(payment);
  if (payment.status !== 'pending' || payment.provider === 'balance')
    throw new MallError('ORDER_NOT_PAYABLE', `payment ${paymentId} is ${payment.status}`, {
      status: payment.status,
    });
  return settlePayment(tx, payment, 'money', reference);
}

async function settlePayment(
  tx: MallTx,
  payment: PaymentRow,
  via: 'money' | 'balance',
  reference: string | null,
): Promise<PaymentView> {
  const order = await orderRow(tx.db, payment.order_id);
  if (order.status !== 'pending_payment')
    throw new MallError('ORDER_NOT_PAYABLE', `order ${order.id} is ${order.status}`, {
      status: order.status,
    });
  await moveOrder(tx, order, ['pending_payment'], 'paid', { paid_at: tx.now });
  const cash = big(payment.cash_fen);
  const stable = big(payment.stable);
  await tx.db
    .updateTable('orders')
    .set({
      payment_method: payment.provider,
      paid_cash_fen: cash.toString(),
      paid_stable: stable.toString(),
      payment_via: via,
    })
    .where('id', '=', order.id)
    .execute();
  await tx.db
    .updateTable('payments')
    .set({ status: 'succeeded', settled_at: tx.now, reference })
    .where('id', '=', payment.id)
    .execute();
  await tx.db
    .updateTable('payments')
    .set({ status: 'superseded' })
    .where('order_id', '=', order.id)
    .where('status', '=', 'pending')
    .execute();
  await journal(tx, `payment:${payment.id}`, { type: 'hold', member: order.member_id, cash, stable, via });
  return { ...paymentView(payment), status: 'succeeded', settledAt: tx.now, reference };
}
