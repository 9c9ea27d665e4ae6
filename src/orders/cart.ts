import type { Kysely } from 'kysely';
import { big, int, type MallDatabase } from '../mall/database.js';
import { MallError } from '../mall/errors.js';
import type { MallTx } from '../mall/mall.js';
import { CHECKOUT_LINES_MAX, LINE_QUANTITY_MAX } from './checkout.js';

export interface CartView {
  merchants: {
    merchantId: string;
    items: {
      skuId: string;
      productId: string;
      title: string;
      skuName: string;
      unitPriceFen: string;
      quantity: number;
      stock: number;
    }[];
    subtotalFen: string;
  }[];
  totalFen: string;
}

/** Sets a cart line's quantity (0 removes it). */
export async function setCartItem(
  tx: MallTx,
  memberId: string,
  skuId: string,
  quantity: number,
): Promise<void> {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > LINE_QUANTITY_MAX)
    throw new MallError('BAD_REQUEST', `quantity must be 0..${LINE_QUANTITY_MAX}`);
  await tx.db
    .deleteFrom('cart_items')
    .where('member_id', '=', memberId)
    .where('sku_id', '=', skuId)
    .execute();
  if (quantity === 0) return;
  const sku = await tx.db
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .select('products.status')
    .where('skus.id', '=', skuId)
    .executeTakeFirst();
  if (sku === undefined || sku.status !== 'active')
    throw new MallError('NOT_FOUND', `no SKU ${skuId} on sale`, { skuId });
  const lines = await tx.db
    .selectFrom('cart_items')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  if (Number(lines.n) >= CHECKOUT_LINES_MAX)
    throw new MallError('BAD_REQUEST', `a cart holds at most ${CHECKOUT_LINES_MAX} lines`);
  await tx.db
    .insertInto('cart_items')
    .values({ member_id: memberId, sku_id: skuId, quantity, added_at: tx.now })
    .execute();
}

/** The cart, grouped by merchant as checkout will split it. */
export async function cartView(db: Kysely<MallDatabase>, memberId: string): Promise<CartView> {
  const rows = await db
    .selectFrom('cart_items')
    .innerJoin('skus', 'skus.id', 'cart_items.sku_id')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .select([
      'cart_items.sku_id',
      'cart_items.quantity',
      'skus.name',
      'skus.price_fen',
      'skus.stock',
      'products.id as product_id',
      'products.title',
      'products.merchant_id',
    ])
    .where('cart_items.member_id', '=', memberId)
    .orderBy('products.merchant_id')
    .orderBy('cart_items.sku_id')
    .execute();
  const merchants: CartView['merchants'] = [];
  let total = 0n;
  for (const row of rows) {
    let group = merchants.find((m) => m.merchantId === row.merchant_id);
    if (group === undefined) {
      group = { merchantId: row.merchant_id, items: [], subtotalFen: '0' };
      merchants.push(group);
    }
    const line = big(row.price_fen) * BigInt(int(row.quantity));
    group.subtotalFen = (BigInt(group.subtotalFen) + line).toString();
    total += line;
    group.items.push({
      skuId: row.sku_id,
      productId: row.product_id,
      title: row.title,
      skuName: row.name,
      unitPriceFen: big(row.price_fen).toString(),
      quantity: int(row.quantity),
      stock: int(row.stock),
    });
  }
  return { merchants, totalFen: total.toString() };
}
