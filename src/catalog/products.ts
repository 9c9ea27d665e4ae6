import type { Kysely } from 'kysely';
import type { MallDatabase } from '../mall/database.js';
import { MallError, notFound } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import type { MallTx } from '../mall/mall.js';
import { type NewSku, skuValues } from './skus.js';
import {
  type CatalogSource,
  dbOf,
  PRODUCT_STATUSES,
  type Product,
  type ProductStatus,
  productFromRow,
  type Sku,
  skuFromRow,
} from './types.js';
import { CATALOG_LIMITS, checkImageUrls, checkText } from './validate.js';

export interface NewProduct {
  readonly merchantId: string;
  readonly categoryId?: string | null | undefined;
  readonly title: string;
  readonly description?: string | undefined;
  readonly imageUrls?: readonly string[] | undefined;
  readonly status?: ProductStatus | undefined;
  readonly skus: readonly NewSku[];
}

export interface ProductChanges {
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly imageUrls?: readonly string[] | undefined;
  readonly status?: ProductStatus | undefined;
  /** A category id, or null to take the product out of its category. */
  readonly categoryId?: string | null | undefined;
}

/** Adds a product with its SKUs (at least one). Errors: BAD_REQUEST, NOT_FOUND (merchant, category). */
export async function createProduct(tx: MallTx, input: NewProduct): Promise<Product> {
  if (input.skus.length < 1 || input.skus.length > CATALOG_LIMITS.skuCountMax)
    throw new MallError('BAD_REQUEST', `a product needs 1..${CATALOG_LIMITS.skuCountMax} SKUs`, {
      field: 'skus',
    });
  const title = checkText(input.title, 'title', 1, CATALOG_LIMITS.titleLengthMax);
  const description = checkText(
    input.description ?? '',
    'description',
    0,
    CATALOG_LIMITS.descriptionLengthMax,
  );
  const imageUrls = checkImageUrls(input.imageUrls ?? []);
  const status = checkStatus(input.status ?? 'active');
  const merchant = await tx.db
    .selectFrom('merchants')
    .select('id')
    .where('id', '=', input.merchantId)
    .executeTakeFirst();
  if (merchant === undefined) throw notFound('merchant', input.merchantId);
  const categoryId = input.categoryId ?? null;
  if (categoryId !== null) await requireCategory(tx.db, categoryId);
  const id = newId('pd', new Date(tx.now));
  const skus = input.skus.map((sku) => skuValues(id, newId('sk', new Date(tx.now)), sku));
  await tx.db
    .insertInto('products')
    .values({
      id,
      merchant_id: input.merchantId,
      category_id: categoryId,
      title,
      description,
      image_urls: JSON.stringify(imageUrls),
      status,
      created_at: tx.now,
    })
    .execute();
  await tx.db.insertInto('skus').values(skus).execute();
  return getProduct(tx, id);
}

/** Changes a product's texts, images, status or category. Errors: BAD_REQUEST, NOT_FOUND. */
export async function updateProduct(tx: MallTx, id: string, changes: ProductChanges): Promise<Product> {
  const values: {
    title?: string;
    description?: string;
    image_urls?: string;
    status?: ProductStatus;
    category_id?: string | null;
  } = {};
  if (changes.title !== undefined)
    values.title = checkText(changes.title, 'title', 1, CATALOG_LIMITS.titleLengthMax);
  if (changes.description !== undefined)
    values.description = checkText(
      changes.description,
      'description',
      0,
      CATALOG_LIMITS.descriptionLengthMax,
    );
  if (changes.imageUrls !== undefined) values.image_urls = JSON.stringify(checkImageUrls(changes.imageUrls));
  if (changes.status !== undefined) values.status = checkStatus(changes.status);
  if (changes.categoryId !== undefined) {
    if (changes.categoryId !== null) await requireCategory(tx.db, changes.categoryId);
    values.category_id = changes.categoryId;
  }
  if (Object.keys(values).length > 0) {
    const result = await tx.db.updateTable('products').set(values).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound('product', id);
  }
  return getProduct(tx, id);
}

/** A product with its SKUs, whatever its status (callers decide who may see a hidden one). Errors: NOT_FOUND. */
export async function getProduct(source: CatalogSource, id: string): Promise<Product> {
  const db = dbOf(source);
  const row = await db
    .selectFrom('products as p')
    .innerJoin('merchants as m', 'm.id', 'p.merchant_id')
    .selectAll('p')
    .select('m.name as merchant_name')
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw notFound('product', id);
  const skus = await skusOf(db, [id]);
  return productFromRow(row, skus.get(id) ?? []);
}

/** The merchant a product belongs to (it never changes), for checking who may edit it. Errors: NOT_FOUND. */
export async function productMerchantId(source: CatalogSource, productId: string): Promise<string> {
  const row = await dbOf(source)
    .selectFrom('products')
    .select('merchant_id')
    .where('id', '=', productId)
    .executeTakeFirst();
  if (row === undefined) throw notFound('product', productId);
  return row.merchant_id;
}

/** The SKUs of some products, cheapest first (ids made in one unit do not sort by creation), by product. */
export async function skusOf(
  db: Kysely<MallDatabase>,
  productIds: readonly string[],
): Promise<Map<string, Sku[]>> {
  const grouped = new Map<string, Sku[]>();
  if (productIds.length === 0) return grouped;
  const rows = await db
    .selectFrom('skus')
    .selectAll()
    .where('product_id', 'in', [...productIds])
    .orderBy('product_id')
    .orderBy('price_fen')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = grouped.get(row.product_id) ?? [];
    list.push(skuFromRow(row));
    grouped.set(row.product_id, list);
  }
  return grouped;
}

async function requireCategory(db: Kysely<MallDatabase>, id: string): Promise<void> {
  const row = await db.selectFrom('categories').select('id').where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('category', id);
}

function checkStatus(status: string): ProductStatus {
  if (!(PRODUCT_STATUSES as readonly string[]).includes(status))
    throw new MallError('BAD_REQUEST', 'status must be active or hidden', { field: 'status' });
  return status as ProductStatus;
}
