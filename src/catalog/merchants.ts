import { MallError, notFound } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import { journal, type MallTx } from '../mall/mall.js';
import { type CatalogSource, dbOf, type Merchant, merchantFromRow } from './types.js';
import { CATALOG_LIMITS, checkId, checkText } from './validate.js';

export interface NewMerchant {
  readonly id?: string | undefined;
  readonly name: string;
  readonly description?: string | undefined;
}

/**
 * Adds a merchant: its row, then its account in the economy (`merchant` command, key
 * `merchant:<id>:create`), last in the unit as journal() requires.
 * Errors: BAD_REQUEST (id, name), ACCOUNT_EXISTS (the id is a merchant or another account already).
 */
export async function createMerchant(tx: MallTx, input: NewMerchant): Promise<Merchant> {
  const merchant = await insertMerchant(tx, input);
  await journalMerchant(tx, merchant.id);
  return merchant;
}

/** The merchant's row only; the caller must call journalMerchant() at the end of the same unit. */
export async function insertMerchant(tx: MallTx, input: NewMerchant): Promise<Merchant> {
  const id = checkId(input.id ?? newId('mc', new Date(tx.now)), 'id');
  const merchant: Merchant = {
    id,
    name: checkText(input.name, 'name', 1, CATALOG_LIMITS.nameLengthMax),
    description: checkText(input.description ?? '', 'description', 0, CATALOG_LIMITS.descriptionLengthMax),
    createdAt: tx.now,
  };
  const taken = await tx.db.selectFrom('merchants').select('id').where('id', '=', id).executeTakeFirst();
  // The economy's ids are shared by every kind of account (members, merchants, treasury).
  if (taken !== undefined || tx.context.economy.accounts.has(id))
    throw new MallError('ACCOUNT_EXISTS', `the id ${id} is taken`, { id });
  await tx.db
    .insertInto('merchants')
    .values({ id, name: merchant.name, description: merchant.description, created_at: merchant.createdAt })
    .execute();
  return merchant;
}

/** Opens the merchant's economy account. Call it last in the unit that inserted the merchant's row. */
export async function journalMerchant(tx: MallTx, id: string): Promise<void> {
  await journal(tx, `merchant:${id}:create`, { type: 'merchant', id });
}

/** One merchant. Errors: NOT_FOUND. */
export async function getMerchant(source: CatalogSource, id: string): Promise<Merchant> {
  const row = await dbOf(source).selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('merchant', id);
  return merchantFromRow(row);
}

/** Merchants in id order, `limit` at a time after the id `after`. */
export async function listMerchants(
  source: CatalogSource,
  options: { limit: number; after?: string | undefined },
): Promise<{ items: Merchant[]; nextCursor: string | null }> {
  if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 500)
    throw new Error('limit must be 1..500');
  let query = dbOf(source)
    .selectFrom('merchants')
    .selectAll()
    .orderBy('id')
    .limit(options.limit + 1);
  if (options.after !== undefined) query = query.where('id', '>', options.after);
  const rows = await query.execute();
  const items = rows.slice(0, options.limit).map(merchantFromRow);
  return { items, nextCursor: rows.length > options.limit ? items[items.length - 1]!.id : null };
}
