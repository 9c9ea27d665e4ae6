import { MallError, notFound } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import type { MallTx } from '../mall/mall.js';
import { type CatalogSource, type Category, categoryFromRow, dbOf } from './types.js';
import { CATALOG_LIMITS, checkId, checkText } from './validate.js';

const CATEGORY_COUNT_MAX = 1000;
const SORT_MAX = 1_000_000;

export interface NewCategory {
  readonly id?: string | undefined;
  readonly name: string;
  readonly nameEn?: string | undefined;
  readonly sort?: number | undefined;
}

export interface CategoryChanges {
  readonly name?: string | undefined;
  readonly nameEn?: string | undefined;
  readonly sort?: number | undefined;
}

function checkSort(sort: number): number {
  if (!Number.isInteger(sort) || Math.abs(sort) > SORT_MAX)
    throw new MallError('BAD_REQUEST', `sort must be a whole number in -${SORT_MAX}..${SORT_MAX}`, {
      field: 'sort',
    });
  return sort;
}

/** Adds a category (admins). Errors: BAD_REQUEST, CATEGORY_EXISTS. */
export async function createCategory(tx: MallTx, input: NewCategory): Promise<Category> {
  const category: Category = {
    id: checkId(input.id ?? newId('ct', new Date(tx.now)), 'id'),
    name: checkText(input.name, 'name', 1, CATALOG_LIMITS.nameLengthMax),
    nameEn: checkText(input.nameEn ?? '', 'nameEn', 0, CATALOG_LIMITS.nameLengthMax),
    sort: checkSort(input.sort ?? 0),
  };
  const count = await tx.db
    .selectFrom('categories')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= CATEGORY_COUNT_MAX)
    throw new MallError('BAD_REQUEST', `at most ${CATEGORY_COUNT_MAX} categories`);
  const taken = await tx.db
    .selectFrom('categories')
    .select('id')
    .where('id', '=', category.id)
    .executeTakeFirst();
  if (taken !== undefined)
    throw new MallError('CATEGORY_EXISTS', `the category ${category.id} exists`, { category: category.id });
  await tx.db
    .insertInto('categories')
    .values({ id: category.id, name: category.name, name_en: category.nameEn, sort: category.sort })
    .execute();
  return category;
}

/** Renames or re-sorts a category (admins). Errors: BAD_REQUEST, NOT_FOUND. */
export async function updateCategory(tx: MallTx, id: string, changes: CategoryChanges): Promise<Category> {
  const values: { name?: string; name_en?: string; sort?: number } = {};
  if (changes.name !== undefined)
    values.name = checkText(changes.name, 'name', 1, CATALOG_LIMITS.nameLengthMax);
  if (changes.nameEn !== undefined)
    values.name_en = checkText(changes.nameEn, 'nameEn', 0, CATALOG_LIMITS.nameLengthMax);
  if (changes.sort !== undefined) values.sort = checkSort(changes.sort);
  if (Object.keys(values).length > 0) {
    const result = await tx.db.updateTable('categories').set(values).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound('category', id);
  }
  return getCategory(tx, id);
}

/** Removes a category (admins); its products stay, without a category. Errors: NOT_FOUND. */
export async function deleteCategory(tx: MallTx, id: string): Promise<void> {
  await tx.db.updateTable('products').set({ category_id: null }).where('category_id', '=', id).execute();
  const result = await tx.db.deleteFrom('categories').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('category', id);
}

/** One category. Errors: NOT_FOUND. */
export async function getCategory(source: CatalogSource, id: string): Promise<Category> {
  const row = await dbOf(source).selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('category', id);
  return categoryFromRow(row);
}

/** Every category, by `sort` then id. */
export async function listCategories(source: CatalogSource): Promise<Category[]> {
  const rows = await dbOf(source)
    .selectFrom('categories')
    .selectAll()
    .orderBy('sort')
    .orderBy('id')
    .limit(CATEGORY_COUNT_MAX)
    .execute();
  return rows.map(categoryFromRow);
}
