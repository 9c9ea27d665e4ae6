/** Pages of id-ordered lists (ids sort by creation, src/mall/ids.ts): size, cursor and the page itself. */
import { MallError } from './errors.js';

/** One page of a list, newest first; `nextCursor` continues it, null at the end. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;
const CURSOR_PATTERN = /^[0-9a-z]{1,64}$/;

/** A page size in 1..PAGE_LIMIT_MAX, or 400 BAD_REQUEST. */
export function pageLimit(limit: number | undefined): number {
  const value = limit ?? PAGE_LIMIT_DEFAULT;
  if (!Number.isSafeInteger(value) || value < 1 || value > PAGE_LIMIT_MAX)
    throw new MallError('BAD_REQUEST', `limit is 1 to ${PAGE_LIMIT_MAX}`, { field: 'limit' });
  return value;
}

/**
 * A cursor of an id-ordered list: the last id shown (ids sort by creation, src/mall/ids.ts). Anything
 * else is 400 BAD_REQUEST.
 */
export function idCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  if (!CURSOR_PATTERN.test(cursor))
    throw new MallError('BAD_REQUEST', 'cursor is not one this list gave', { field: 'cursor' });
  return cursor;
}

/** The page of `rows` (fetched with limit + 1) and the cursor after its last row. */
export function idPage<R extends { id: string }, T>(rows: R[], limit: number, view: (row: R) => T): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { items: shown.map(view), nextCursor: rows.length > limit && last !== undefined ? last.id : null };
}
