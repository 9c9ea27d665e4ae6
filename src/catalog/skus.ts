import { sql } from 'kysely';
import { MallError, notFound } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import type { MallTx } from '../mall/mall.js';
import { type CatalogSource, dbOf, type Sku, skuFromRow } from './types.js';
import { CATALOG_LIMITS, checkPrice, checkStock, checkText } from './validate.js';

export interface NewSku {
  readonly name: string;
  readonly priceFen: bigint;
  readonly costFen: bigint;
  readonly stock: number;
}

export interface SkuChanges {
  readonly name?: string | undefined;
  readonly priceFen?: bigint | undefined;
  readonly costFen?: bigint | undefined;
}

/** A stock change: add `delta` (negative takes away), or set the level outright. */
export type StockChange = { readonly delta: number } | { readonly set: number };

/** A SKU's row, checked: name 1..100, price >= 1, cost in 0..price, stock in 0..1e9. Errors: BAD_REQUEST. */
export function skuValues(productId: string, id: string, sku: NewSku) {
  checkPrice(sku.priceFen, sku.costFen);
  return {
    id,
    product_id: productId,
    name: checkText(sku.name, 'name', 1, CATALOG_LIMITS.nameLengthMax),
    price_fen: sku.priceFen,
    cost_fen: sku.costFen,
    stock: checkStock(sku.stock),
  };
}

/** Adds a SKU to a product. Errors: BAD_REQUEST, NOT_FOUND. */
export async function addSku(tx: MallTx, productId: string, input: NewSku): Promise<Sku> {
  const values = skuValues(productId, newId('sk', new Date(tx.now)), input);
  const product = await tx.db
    .selectFrom('products')
    .select('id')
    .where('id', '=', productId)
    .executeTakeFirst();
  if (product === undefined) throw notFound('product', productId);
  const count = await tx.db
    .selectFrom('skus')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= CATALOG_LIMITS.skuCountMax)
    throw new MallError('BAD_REQUEST', `a product has at most ${CATALOG_LIMITS.skuCountMax} SKUs`);
  await tx.db.insertInto('skus').values(values).execute();
  return getSku(tx, values.id);
}

/**
 * Renames or re-prices a SKU; the new price and cost are checked together (cost <= price). Orders keep
 * the price they were placed at (order_items). Errors: BAD_REQUEST, NOT_FOUND.
 */
export async function updateSku(tx: MallTx, id: string, changes: SkuChanges): Promise<Sku> {
  const current = await getSku(tx, id);
  const priceFen = changes.priceFen ?? current.priceFen;
  const costFen = changes.costFen ?? current.costFen;
  checkPrice(priceFen, costFen);
  const name =
    changes.name === undefined
      ? current.name
      : checkText(changes.name, 'name', 1, CATALOG_LIMITS.nameLengthMax);
  await tx.db
    .updateTable('skus')
    .set({ name, price_fen: priceFen, cost_fen: costFen })
    .where('id', '=', id)
    .execute();
  return getSku(tx, id);
}

/**
 * Changes a SKU's stock with one conditional update, so it never goes below 0 however many run at once
 * (DESIGN.md). Errors: BAD_REQUEST (out of range), NOT_FOUND, OUT_OF_STOCK (a delta below what is there).
 */
export async function adjustStock(tx: MallTx, id: string, change: StockChange): Promise<Sku> {
  if ('set' in change) {
    const result = await tx.db
      .updateTable('skus')
      .set({ stock: checkStock(change.set, 'set') })
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound('sku', id);
    return getSku(tx, id);
  }
  const delta = change.delta;
  if (!Number.isSafeInteger(delta) || Math.abs(delta) > CATALOG_LIMITS.stockMax)
    throw new MallError(
      'BAD_REQUEST',
      `delta must be a whole number in -${CATALOG_LIMITS.stockMax}..${CATALOG_LIMITS.stockMax}`,
      {
        field: 'delta',
      },
    );
  const result = await tx.db
    .updateTable('skus')
    .set({ stock: sql`stock + ${delta}` })
    .where('id', '=', id)
    .where(sql<boolean>`stock + ${delta} >= 0`)
    .where(sql<boolean>`stock + ${delta} <= ${CATALOG_LIMITS.stockMax}`)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    const sku = await getSku(tx, id);
    if (delta > 0)
      throw new MallError('BAD_REQUEST', `stock may not exceed ${CATALOG_LIMITS.stockMax}`, { sku: id });
    throw new MallError('OUT_OF_STOCK', `only ${sku.stock} left of sku ${id}`, {
      sku: id,
      stock: sku.stock,
      delta,
    });
  }
  return getSku(tx, id);
}

/** One SKU. Errors: NOT_FOUND. */
export async function getSku(source: CatalogSource, id: string): Promise<Sku> {
  const row = await dbOf(source).selectFrom('skus').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('sku', id);
  return skuFromRow(row);
}

/** The merchant a SKU's product belongs to, for checking who may edit it. Errors: NOT_FOUND. */
export async function skuMerchantId(source: CatalogSource, skuId: string): Promise<string> {
  const row = await dbOf(source)
    .selectFrom('skus as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select('p.merchant_id')
    .where('s.id', '=', skuId)
    .executeTakeFirst();
  if (row === undefined) throw notFound('sku', skuId);
  return row.merchant_id;
}
