import { sql } from 'kysely';
import { big, int } from '../mall/database.js';
import { MallError } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import type { MallTx } from '../mall/mall.js';
import { type CouponRow, couponByCode, couponDiscount } from './coupons.js';
import { type OrderView, orderViews } from './order-view.js';

/** Lines, orders and quantities have limits (TIGER_STYLE: a limit on everything). */
export const CHECKOUT_LINES_MAX = 50;
export const LINE_QUANTITY_MAX = 999;

export interface CheckoutInput {
  /** What to buy; without it, the member's cart. */
  items?: { skuId: string; quantity: number }[];
  address: string;
  coupons?: string[];
}

interface Line {
  skuId: string;
  productId: string;
  merchantId: string;
  title: string;
  skuName: string;
  unitPriceFen: bigint;
  unitCostFen: bigint;
  quantity: number;
}

/**
 * Places one order per merchant for the lines given (or the cart), as Taobao and JD split a cart. Stock
 * is taken with a conditional update (`stock >= q`), so concurrent checkouts never oversell; a line out
 * of stock fails the whole checkout (its unit of work rolls back). Coupons apply to their merchant's
 * order (a platform coupon to the largest order it fits).
 * @throws MallError CART_EMPTY, NOT_FOUND, OUT_OF_STOCK, BAD_REQUEST, COUPON_*
 */
export async function checkout(
  tx: MallTx,
  memberId: string,
  input: CheckoutInput,
  payByMinutes: number,
): Promise<{ checkoutId: string; orders: OrderView[] }> {
  const wanted = input.items ?? (await cartLines(tx, memberId));
  if (wanted.length === 0) throw new MallError('CART_EMPTY', 'nothing to check out');
  if (wanted.length > CHECKOUT_LINES_MAX)
    throw new MallError('BAD_REQUEST', `at most ${CHECKOUT_LINES_MAX} lines`);
  const lines = await resolveLines(tx, mergeLines(wanted));
  for (const line of lines) await takeStock(tx, line.skuId, line.quantity);

  const byMerchant = new Map<string, Line[]>();
  for (const line of lines)
    byMerchant.set(line.merchantId, [...(byMerchant.get(line.merchantId) ?? []), line]);
  const coupons = await Promise.all((input.coupons ?? []).map((code) => couponByCode(tx.db, code)));
  const checkoutId = newId('ck');
  const payBy = new Date(new Date(tx.now).getTime() + payByMinutes * 60_000).toISOString();
  const orderIds: string[] = [];
  const merchants = [...byMerchant.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const assigned = assignCoupons(coupons, merchants, byMerchant);
  for (const merchantId of merchants) {
    const merchantLines = byMerchant.get(merchantId)!;
    const itemsFen = merchantLines.reduce((sum, l) => sum + l.unitPriceFen * BigInt(l.quantity), 0n);
    const costFen = merchantLines.reduce((sum, l) => sum + l.unitCostFen * BigInt(l.quantity), 0n);
    const coupon = assigned.get(merchantId);
    const discountFen =
      coupon === undefined ? 0n : await couponDiscount(tx, coupon, { merchantId, itemsFen, memberId });
    const id = newId('o');
    orderIds.push(id);
    await tx.db
      .insertInto('orders')
      .values({
        id,
        checkout_id: checkoutId,
        member_id: memberId,
        merchant_id: merchantId,
        status: 'pending_payment',
        items_fen: itemsFen.toString(),
        discount_fen: discountFen.toString(),
        total_fen: (itemsFen - discountFen).toString(),
        cost_fen: costFen.toString(),
        coupon_id: coupon?.id ?? null,
        address: input.address,
        created_at: tx.now,
        pay_by: payBy,
      })
      .execute();
    await tx.db
      .insertInto('order_items')
      .values(
        merchantLines.map((l) => ({
          order_id: id,
          sku_id: l.skuId,
          product_id: l.productId,
          title: l.title,
          sku_name: l.skuName,
          unit_price_fen: l.unitPriceFen.toString(),
          unit_cost_fen: l.unitCostFen.toString(),
          quantity: l.quantity,
        })),
      )
      .execute();
    if (coupon !== undefined)
      await tx.db
        .insertInto('coupon_redemptions')
        .values({ order_id: id, coupon_id: coupon.id, member_id: memberId, created_at: tx.now })
        .execute();
  }
  if (input.items === undefined)
    await tx.db.deleteFrom('cart_items').where('member_id', '=', memberId).execute();
  else
    await tx.db
      .deleteFrom('cart_items')
      .where('member_id', '=', memberId)
      .where(
        'sku_id',
        'in',
        lines.map((l) => l.skuId),
      )
      .execute();
  const rows = await tx.db
    .selectFrom('orders')
    .selectAll()
    .where('id', 'in', orderIds)
    .orderBy('id')
    .execute();
  return { checkoutId, orders: await orderViews(tx.db, rows) };
}

/** Takes `quantity` of a SKU's stock, or fails with OUT_OF_STOCK: the conditional update is the lock. */
export async function takeStock(tx: MallTx, skuId: string, quantity: number): Promise<void> {
  const result = await tx.db
    .updateTable('skus')
    .set({ stock: sql`stock - ${quantity}` })
    .where('id', '=', skuId)
    .where('stock', '>=', quantity)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    const sku = await tx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirst();
    throw new MallError('OUT_OF_STOCK', `only ${sku === undefined ? 0 : int(sku.stock)} left of ${skuId}`, {
      skuId,
      available: sku === undefined ? 0 : int(sku.stock),
    });
  }
}

/** Puts an order's items back in stock (cancel, refund). */
export async function restoreStock(tx: MallTx, orderId: string): Promise<void> {
  const items = await tx.db
    .selectFrom('order_items')
    .select(['sku_id', 'quantity'])
    .where('order_id', '=', orderId)
    .execute();
  for (const item of items)
    await tx.db
      .updateTable('skus')
      .set({ stock: sql`stock + ${int(item.quantity)}` })
      .where('id', '=', item.sku_id)
      .execute();
}

async function cartLines(tx: MallTx, memberId: string): Promise<{ skuId: string; quantity: number }[]> {
  const rows = await tx.db
    .selectFrom('cart_items')
    .select(['sku_id', 'quantity'])
    .where('member_id', '=', memberId)
    .orderBy('sku_id')
    .execute();
  return rows.map((r) => ({ skuId: r.sku_id, quantity: int(r.quantity) }));
}

function mergeLines(
  lines: readonly { skuId: string; quantity: number }[],
): { skuId: string; quantity: number }[] {
  const merged = new Map<string, number>();
  for (const { skuId, quantity } of lines) {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > LINE_QUANTITY_MAX)
      throw new MallError('BAD_REQUEST', `quantity must be 1..${LINE_QUANTITY_MAX}`, { skuId });
    merged.set(skuId, (merged.get(skuId) ?? 0) + quantity);
  }
  // A fixed order of stock updates keeps two checkouts from waiting on each other's rows (PostgreSQL).
  return [...merged]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([skuId, quantity]) => ({ skuId, quantity }));
}

async function resolveLines(
  tx: MallTx,
  wanted: readonly { skuId: string; quantity: number }[],
): Promise<Line[]> {
  const rows = await tx.db
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .select([
      'skus.id as skuId',
      'skus.name as skuName',
      'skus.price_fen',
      'skus.cost_fen',
      'products.id as productId',
      'products.merchant_id',
      'products.title',
      'products.status',
    ])
    .where(
      'skus.id',
      'in',
      wanted.map((w) => w.skuId),
    )
    .execute();
  return wanted.map(({ skuId, quantity }) => {
    const row = rows.find((r) => r.skuId === skuId);
    if (row === undefined || row.status !== 'active')
      throw new MallError('NOT_FOUND', `no SKU ${skuId} on sale`, { skuId });
    return {
      skuId,
      productId: row.productId,
      merchantId: row.merchant_id,
      title: row.title,
      skuName: row.skuName,
      unitPriceFen: big(row.price_fen),
      unitCostFen: big(row.cost_fen),
      quantity,
    };
  });
}

/** Merchant coupons to their merchant's order; each platform coupon to the largest order left. */
function assignCoupons(
  coupons: readonly CouponRow[],
  merchants: readonly string[],
  lines: ReadonlyMap<string, Line[]>,
): Map<string, CouponRow> {
  const assigned = new Map<string, CouponRow>();
  for (const coupon of coupons) {
    if (coupon.merchant_id === null) continue;
    if (!merchants.includes(coupon.merchant_id))
      throw new MallError(
        'COUPON_NOT_APPLICABLE',
        `coupon ${coupon.code} is for a merchant not in this checkout`,
        { coupon: coupon.code },
      );
    if (assigned.has(coupon.merchant_id))
      throw new MallError('COUPON_NOT_APPLICABLE', 'one coupon per order', { coupon: coupon.code });
    assigned.set(coupon.merchant_id, coupon);
  }
  const total = (m: string) => lines.get(m)!.reduce((s, l) => s + l.unitPriceFen * BigInt(l.quantity), 0n);
  for (const coupon of coupons) {
    if (coupon.merchant_id !== null) continue;
    const free = merchants
      .filter((m) => !assigned.has(m))
      .sort((a, b) => (total(b) > total(a) ? 1 : total(b) < total(a) ? -1 : 0));
    if (free[0] === undefined)
      throw new MallError('COUPON_NOT_APPLICABLE', 'one coupon per order', { coupon: coupon.code });
    assigned.set(free[0], coupon);
  }
  return assigned;
}
