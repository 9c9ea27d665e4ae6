import { type ExpressionBuilder, sql } from 'kysely';
import type { MallDatabase } from '../mall/database.js';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { pageLimit } from '../mall/pages.js';
import { maskId } from './identity.js';
import type { Role } from './index.js';
import { MEMBER_VIEW_COLUMNS, type MemberView, memberView } from './member-view.js';

export const SEARCH_LENGTH_MAX = 100;

/** One page of a list, newest first; `nextCursor` continues it, null at the end. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface PageRequest {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** A member someone referred, as the referrer sees them. */
export interface ReferralView {
  readonly id: string;
  readonly displayName: string;
  readonly createdAt: string;
}

/** The member `id`, or 404 NOT_FOUND. */
export async function getMember(mall: Mall, id: string): Promise<MemberView> {
  const row = await mall.read
    .selectFrom('members')
    .select(MEMBER_VIEW_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw new MallError('NOT_FOUND', `no member ${id}`, { member: id });
  return memberView(row);
}

/** The members `referrerId` referred, newest first. Errors: 400 BAD_REQUEST for a bad cursor or limit. */
export async function listReferrals(
  mall: Mall,
  referrerId: string,
  page: PageRequest,
): Promise<Page<ReferralView>> {
  const limit = pageLimit(page.limit);
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const rows = await mall.read
    .selectFrom('members')
    .select(['id', 'display_name', 'created_at'])
    .where('referrer_id', '=', referrerId)
    .$if(after !== undefined, (q) => q.where((eb) => before(eb, after!)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, (row) => ({
    id: maskId(row.id),
    displayName: row.display_name,
    createdAt: row.created_at,
  }));
}

export interface MemberFilter extends PageRequest {
  readonly role?: Role | undefined;
  /** Part of a phone number, e-mail address or display name (case-insensitive). */
  readonly q?: string | undefined;
}

/** Members for an admin, newest first, filtered by role and a search text. Errors: 400 BAD_REQUEST. */
export async function listMembers(mall: Mall, filter: MemberFilter): Promise<Page<MemberView>> {
  const limit = pageLimit(filter.limit);
  const after = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
  const q = filter.q?.trim().toLowerCase();
  if (q !== undefined && q.length > SEARCH_LENGTH_MAX)
    throw new MallError('BAD_REQUEST', `a search has at most ${SEARCH_LENGTH_MAX} characters`, {
      field: 'q',
    });
  // LIKE's own wildcards in the search text are matched literally.
  const pattern = q === undefined || q === '' ? undefined : `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await mall.read
    .selectFrom('members')
    .select(MEMBER_VIEW_COLUMNS)
    .$if(filter.role !== undefined, (qb) => qb.where('role', '=', filter.role ?? ''))
    .$if(pattern !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or(
          (['phone', 'email', 'display_name'] as const).map(
            (column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`,
          ),
        ),
      ),
    )
    .$if(after !== undefined, (qb) => qb.where((eb) => before(eb, after!)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, memberView);
}

interface Position {
  readonly createdAt: string;
  readonly id: string;
}

/** Rows strictly after `position` in (created_at desc, id desc) order. */
function before(eb: ExpressionBuilder<MallDatabase, 'members'>, position: Position) {
  return eb.or([
    eb('created_at', '<', position.createdAt),
    eb.and([eb('created_at', '=', position.createdAt), eb('id', '<', position.id)]),
  ]);
}

function toPage<R extends { id: string; created_at: string }, T>(
  rows: R[],
  limit: number,
  view: (row: R) => T,
): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeCursor({ createdAt: last.created_at, id: last.id })
      : null;
  return { items: shown.map(view), nextCursor };
}

/** Cursors are opaque to clients: base64url of `createdAt|id`. */
function encodeCursor(position: Position): string {
  return Buffer.from(`${position.createdAt}|${position.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Position {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [createdAt, id, ...rest] = text.split('|');
  if (
    createdAt === undefined ||
    id === undefined ||
    rest.length > 0 ||
    Number.isNaN(Date.parse(createdAt)) ||
    !/^[^\s:|]{1,64}$/.test(id)
  )
    throw new MallError('BAD_REQUEST', 'cursor is not one this list gave', { field: 'cursor' });
  return { createdAt, id };
}
