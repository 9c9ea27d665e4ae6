import { type Kysely, sql } from 'kysely';
import { big, type MallDatabase } from '../mall/database.js';
import { MallError } from '../mall/errors.js';
import { skusOf } from './products.js';
import { type CatalogSource, dbOf, type Product, productFromRow } from './types.js';

export type ProductSort = 'new' | 'price_asc' | 'price_desc';
export const PRODUCT_SORTS: readonly ProductSort[] = ['new', 'price_asc', 'price_desc'];
export const PAGE_LIMIT_MAX = 100;
const QUERY_LENGTH_MAX = 100;

export interface ProductQuery {
  /** Words to find in the title or description (case-insensitive). */
  readonly q?: string | undefined;
  readonly categoryId?: string | undefined;
  readonly merchantId?: string | undefined;
  /** Bounds on a product's lowest SKU price, inclusive. */
  readonly minPriceFen?: bigint | undefined;
  readonly maxPriceFen?: bigint | undefined;
  readonly sort?: ProductSort | undefined;
  /** 1..100, default 20. */
  readonly limit?: number | undefined;
  /** The nextCursor of the page before. */
  readonly cursor?: string | undefined;
  /** Hidden products too (merchant staff and admins); the public sees active ones only. */
  readonly includeHidden?: boolean | undefined;
}

export interface ProductPage {
  readonly items: Product[];
  /** Pass it back as `cursor` for the next page; null on the last one. */
  readonly nextCursor: string | null;
  /** How many products match the filters, on every page. */
  readonly total: number;
}

/** Where a page ended: the sort it was made with, the sort key (time or price) and the id. */
interface Cursor {
  readonly s: ProductSort;
  readonly k: string;
  readonly i: string;
}

/**
 * A page of products, newest or by lowest SKU price, with keyset pagination: a cursor names the last
 * row seen, so walking the pages never repeats or skips a product even while products are added.
 * Errors: BAD_REQUEST (limit, q, a cursor that is not ours or was made for another sort).
 */
export async function listProducts(source: CatalogSource, query: ProductQuery): Promise<ProductPage> {
  const sort = query.sort ?? 'new';
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT_MAX)
    throw new MallError('BAD_REQUEST', `limit must be 1..${PAGE_LIMIT_MAX}`, { field: 'limit' });
  if (query.q !== undefined && [...query.q].length > QUERY_LENGTH_MAX)
    throw new MallError('BAD_REQUEST', `q is at most ${QUERY_LENGTH_MAX} characters`, { field: 'q' });
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort);
  const db = dbOf(source);

  const counted = await filtered(db, query)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  let page = filtered(db, query).selectAll('p').select(['m.name as merchant_name', 'pr.min_price']);
  if (after !== undefined) {
    page = page.where((eb) => {
      if (sort === 'new')
        return eb.or([
          eb('p.created_at', '<', after.k),
          eb.and([eb('p.created_at', '=', after.k), eb('p.id', '<', after.i)]),
        ]);
      const price = BigInt(after.k);
      const op = sort === 'price_asc' ? '>' : '<';
      return eb.or([
        eb('pr.min_price', op, price),
        eb.and([eb('pr.min_price', '=', price), eb('p.id', op, after.i)]),
      ]);
    });
  }
  page =
    sort === 'new'
      ? page.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc')
      : page
          .orderBy('pr.min_price', sort === 'price_asc' ? 'asc' : 'desc')
          .orderBy('p.id', sort === 'price_asc' ? 'asc' : 'desc');
  const rows = await page.limit(limit + 1).execute();

  const pageRows = rows.slice(0, limit);
  const skus = await skusOf(
    db,
    pageRows.map((r) => r.id),
  );
  const items = pageRows.map((row) => productFromRow(row, skus.get(row.id) ?? []));
  const last = pageRows[pageRows.length - 1];
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeCursor({
          s: sort,
          k: sort === 'new' ? last.created_at : big(last.min_price).toString(),
          i: last.id,
        })
      : null;
  return { items, nextCursor, total: Number(counted.n) };
}

/** Products with their lowest price and merchant, narrowed by the query's filters. */
function filtered(db: Kysely<MallDatabase>, query: ProductQuery) {
  const prices = db
    .selectFrom('skus')
    .select((eb) => ['product_id', eb.fn.min('price_fen').as('min_price')])
    .groupBy('product_id')
    .as('pr');
  let rows = db
    .selectFrom('products as p')
    .innerJoin(prices, 'pr.product_id', 'p.id')
    .innerJoin('merchants as m', 'm.id', 'p.merchant_id');
  if (query.includeHidden !== true) rows = rows.where('p.status', '=', 'active');
  if (query.merchantId !== undefined) rows = rows.where('p.merchant_id', '=', query.merchantId);
  if (query.categoryId !== undefined) rows = rows.where('p.category_id', '=', query.categoryId);
  if (query.minPriceFen !== undefined) rows = rows.where('pr.min_price', '>=', query.minPriceFen);
  if (query.maxPriceFen !== undefined) rows = rows.where('pr.min_price', '<=', query.maxPriceFen);
  const q = query.q?.trim();
  if (q !== undefined && q !== '') {
    // LIKE with % and _ escaped, lower() on both sides: SQLite's LIKE ignores ASCII case only, PostgreSQL's none.
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    rows = rows.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('p.title')}) like lower(${pattern}) escape '\\'`,
        sql<boolean>`lower(${eb.ref('p.description')}) like lower(${pattern}) escape '\\'`,
      ]),
    );
  }
  return rows;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(text: string, sort: ProductSort): Cursor {
  const invalid = new MallError('BAD_REQUEST', 'cursor is not one this listing made', { field: 'cursor' });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof value !== 'object' || value === null) throw invalid;
  const { s, k, i } = value as Record<string, unknown>;
  if (s !== sort || typeof k !== 'string' || typeof i !== 'string' || i.length > 64 || k.length > 64)
    throw invalid;
  if (sort !== 'new' && !/^[0-9]{1,15}$/.test(k)) throw invalid;
  return { s: sort, k, i };
}
