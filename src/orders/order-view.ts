import type { Kysely, Selectable } from 'kysely';
import { big, int, type MallDatabase } from '../mall/database.js';
import { MallError, notFound } from '../mall/errors.js';

export type OrderStatus =
  | 'pending_payment'
  | 'paid'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'cancelled'
  | 'refunded';

export type OrderRow = Selectable<MallDatabase['orders']>;

/** An order as the API shows it: amounts as decimal strings (CONTRACTS.md). */
export interface OrderView {
  id: string;
  checkoutId: string;
  memberId: string;
  merchantId: string;
  status: string;
  itemsFen: string;
  discountFen: string;
  totalFen: string;
  paidCashFen: string;
  paidStable: string;
  paymentMethod: string | null;
  couponId: string | null;
  address: string;
  createdAt: string;
  payBy: string;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  refundedAt: string | null;
  refundRequestedAt: string | null;
  journalSeq: string | null;
  items: {
    skuId: string;
    productId: string;
    title: string;
    skuName: string;
    unitPriceFen: string;
    quantity: number;
  }[];
  shipment: {
    carrier: string;
    trackingNumber: string;
    createdAt: string;
    deliveredAt: string | null;
    events: { at: string; status: string; description: string; location: string }[];
  } | null;
}

/** Reads one order row; 404 NOT_FOUND when absent. */
export async function orderRow(db: Kysely<MallDatabase>, id: string): Promise<OrderRow> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('order', id);
  return row;
}

/** The views of `rows`, with their items and shipments, in the rows' order. */
export async function orderViews(db: Kysely<MallDatabase>, rows: readonly OrderRow[]): Promise<OrderView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const items = await db.selectFrom('order_items').selectAll().where('order_id', 'in', ids).execute();
  const shipments = await db.selectFrom('shipments').selectAll().where('order_id', 'in', ids).execute();
  const events =
    shipments.length === 0
      ? []
      : await db
          .selectFrom('shipment_events')
          .selectAll()
          .where(
            'shipment_id',
            'in',
            shipments.map((s) => s.id),
          )
          .orderBy('seq')
          .execute();
  return rows.map((row) => {
    const shipment = shipments.find((s) => s.order_id === row.id);
    return {
      id: row.id,
      checkoutId: row.checkout_id,
      memberId: row.member_id,
      merchantId: row.merchant_id,
      status: row.status,
      itemsFen: big(row.items_fen).toString(),
      discountFen: big(row.discount_fen).toString(),
      totalFen: big(row.total_fen).toString(),
      paidCashFen: big(row.paid_cash_fen).toString(),
      paidStable: big(row.paid_stable).toString(),
      paymentMethod: row.payment_method,
      couponId: row.coupon_id,
      address: row.address,
      createdAt: row.created_at,
      payBy: row.pay_by,
      paidAt: row.paid_at,
      shippedAt: row.shipped_at,
      deliveredAt: row.delivered_at,
      completedAt: row.completed_at,
      cancelledAt: row.cancelled_at,
      refundedAt: row.refunded_at,
      refundRequestedAt: row.refund_requested_at,
      journalSeq: row.journal_seq === null ? null : big(row.journal_seq).toString(),
      items: items
        .filter((i) => i.order_id === row.id)
        .map((i) => ({
          skuId: i.sku_id,
          productId: i.product_id,
          title: i.title,
          skuName: i.sku_name,
          unitPriceFen: big(i.unit_price_fen).toString(),
          quantity: int(i.quantity),
        })),
      shipment:
        shipment === undefined
          ? null
          : {
              carrier: shipment.carrier,
              trackingNumber: shipment.tracking_number,
              createdAt: shipment.created_at,
              deliveredAt: shipment.delivered_at,
              events: events
                .filter((e) => e.shipment_id === shipment.id)
                .map((e) => ({
                  at: e.at,
                  status: e.status,
                  description: e.description,
                  location: e.location,
                })),
            },
    };
  });
}

/**
 * A page of orders, newest first, for a buyer, a merchant or everyone (admin), optionally of one
 * status. The cursor is the last order's `created_at|id` (keyset pagination: stable under inserts).
 */
export async function listOrders(
  db: Kysely<MallDatabase>,
  filter: { memberId?: string; merchantId?: string; status?: string },
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: OrderView[]; nextCursor: string | null }> {
  let query = db.selectFrom('orders').selectAll();
  if (filter.memberId !== undefined) query = query.where('member_id', '=', filter.memberId);
  if (filter.merchantId !== undefined) query = query.where('merchant_id', '=', filter.merchantId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (page.cursor !== undefined) {
    const [createdAt, id] = page.cursor.split('|');
    if (createdAt === undefined || id === undefined) throw new MallError('BAD_REQUEST', 'bad cursor');
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    items: await orderViews(db, pageRows),
    nextCursor: rows.length > page.limit && last !== undefined ? `${last.created_at}|${last.id}` : null,
  };
}
