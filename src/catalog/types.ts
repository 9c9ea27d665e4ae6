import type { Kysely, Selectable } from 'kysely';
import { big, int, type MallDatabase } from '../mall/database.js';
import type { Mall, MallTx } from '../mall/mall.js';

/** A product anyone may see (`active`) or only its merchant's staff and admins (`hidden`). */
export type ProductStatus = 'active' | 'hidden';
export const PRODUCT_STATUSES: readonly ProductStatus[] = ['active', 'hidden'];

export interface Merchant {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly createdAt: string;
}

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly sort: number;
}

/** One buyable variant of a product (规格 = SKU), with its own price, cost and stock. */
export interface Sku {
  readonly id: string;
  readonly productId: string;
  readonly name: string;
  readonly priceFen: bigint;
  readonly costFen: bigint;
  readonly stock: number;
}

export interface Product {
  readonly id: string;
  readonly merchantId: string;
  readonly merchantName: string;
  readonly categoryId: string | null;
  readonly title: string;
  readonly description: string;
  readonly imageUrls: readonly string[];
  readonly status: ProductStatus;
  readonly createdAt: string;
  /** The lowest SKU price: what a listing shows and what price filters and sorts use. */
  readonly priceFen: bigint;
  readonly skus: readonly Sku[];
}

/** Where catalog reads come from: committed reads (`mall.read`) or a unit of work's transaction. */
export type CatalogSource = Pick<Mall, 'read'> | Pick<MallTx, 'db'>;

export function dbOf(source: CatalogSource): Kysely<MallDatabase> {
  return 'read' in source ? source.read : source.db;
}

export function merchantFromRow(row: Selectable<MallDatabase['merchants']>): Merchant {
  return { id: row.id, name: row.name, description: row.description, createdAt: row.created_at };
}

export function categoryFromRow(row: Selectable<MallDatabase['categories']>): Category {
  return { id: row.id, name: row.name, nameEn: row.name_en, sort: int(row.sort) };
}

export function skuFromRow(row: Selectable<MallDatabase['skus']>): Sku {
  const sku: Sku = {
    id: row.id,
    productId: row.product_id,
    name: row.name,
    priceFen: big(row.price_fen),
    costFen: big(row.cost_fen),
    stock: int(row.stock),
  };
  if (sku.stock < 0 || sku.priceFen < 1n || sku.costFen < 0n)
    throw new Error(`sku ${sku.id}: bad stored values`);
  return sku;
}

type ProductRow = Selectable<MallDatabase['products']> & { merchant_name: string };

/** A product row with its SKUs (at least one: a product is created with its SKUs and never loses one). */
export function productFromRow(row: ProductRow, skus: readonly Sku[]): Product {
  if (skus.length === 0) throw new Error(`product ${row.id} has no SKUs`);
  if (row.status !== 'active' && row.status !== 'hidden') throw new Error(`product ${row.id}: bad status`);
  let priceFen = skus[0]!.priceFen;
  for (const sku of skus) if (sku.priceFen < priceFen) priceFen = sku.priceFen;
  return {
    id: row.id,
    merchantId: row.merchant_id,
    merchantName: row.merchant_name,
    categoryId: row.category_id,
    title: row.title,
    description: row.description,
    imageUrls: parseImageUrls(row.id, row.image_urls),
    status: row.status,
    createdAt: row.created_at,
    priceFen,
    skus,
  };
}

function parseImageUrls(productId: string, text: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new Error(`product ${productId}: image_urls is not a list of strings`);
  return value;
}
