import { sql } from 'kysely';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { DATE_PATTERN } from './local-time.js';
import { DIVIDEND_KEY_PREFIX, type DividendRun, dividendRunFromRow } from './run-dividends.js';

/** Keys `dividends:...` are the range [`dividends:`, `dividends;`) in byte order (keys are collated "C"). */
const KEY_LOW = DIVIDEND_KEY_PREFIX;
const KEY_HIGH = 'dividends;';
export const PAGE_MAX = 100;

export interface Page {
  readonly limit: number;
  /** The date of the last run of the previous page. */
  readonly cursor?: string | undefined;
}

function checkPage(page: Page): void {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > PAGE_MAX)
    throw new Error(`assertion failed: page limit ${page.limit} in 1..${PAGE_MAX}`);
  if (page.cursor !== undefined && !DATE_PATTERN.test(page.cursor))
    throw new MallError('BAD_REQUEST', 'cursor is not one this listing made', { field: 'cursor' });
}

/** Dividend runs, newest first (the unique key index in date order, not a journal scan). */
export async function listDividendRuns(
  mall: Mall,
  page: Page,
): Promise<{ items: DividendRun[]; nextCursor: string | null }> {
  checkPage(page);
  const high = page.cursor === undefined ? KEY_HIGH : `${DIVIDEND_KEY_PREFIX}${page.cursor}`;
  const rows = await mall.read
    .selectFrom('journal')
    .select(['seq', 'key', 'time', 'events'])
    .where('key', '>=', KEY_LOW)
    .where('key', '<', high)
    .orderBy('key', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(dividendRunFromRow);
  return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.date ?? null) : null };
}

/** What one run paid one account. */
export interface MemberDividend {
  date: string;
  seq: string;
  time: string;
  /** The account's `<id>:cash` fen posting of the payout (0 when the run paid it nothing). */
  paidFen: string;
}

/** Characters read before a match: the payout's `["dividend-fund","fen","-x"],` posting fits in it. */
const BEFORE = 64;
const AFTER = 30;

/**
 * What each run paid `accountId`, newest first. The payout is the account's `<id>:cash` fen posting that
 * directly follows a `dividend-fund` posting (payouts come before the cascade, whose sale proceeds are
 * `<id>:cash` postings too): the database finds the first such posting and returns only a few
 * characters around it, so a run over a million holders is never read whole.
 */
export async function memberDividends(
  mall: Mall,
  accountId: string,
  page: Page,
): Promise<{ items: MemberDividend[]; nextCursor: string | null }> {
  checkPage(page);
  const needle = `[${JSON.stringify(`${accountId}:cash`)},"fen","`;
  const position =
    mall.ledger.store.dialect === 'postgres'
      ? sql<number>`strpos(postings, ${needle})`
      : sql<number>`instr(postings, ${needle})`;
  const start =
    mall.ledger.store.dialect === 'postgres'
      ? sql<number>`greatest(${position} - ${BEFORE}, 1)`
      : sql<number>`max(${position} - ${BEFORE}, 1)`;
  const high = page.cursor === undefined ? KEY_HIGH : `${DIVIDEND_KEY_PREFIX}${page.cursor}`;
  const rows = await mall.read
    .selectFrom('journal')
    .select(['seq', 'key', 'time'])
    .select(position.as('found'))
    .select(sql<string>`substr(postings, ${start}, ${BEFORE + needle.length + AFTER})`.as('around'))
    .where('key', '>=', KEY_LOW)
    .where('key', '<', high)
    .orderBy('key', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map((row) => ({
    date: row.key.slice(DIVIDEND_KEY_PREFIX.length),
    seq: String(row.seq),
    time: row.time,
    paidFen: Number(row.found) > 0 ? payoutIn(row.around, needle) : '0',
  }));
  return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.date ?? null) : null };
}

/** The amount of the `needle` posting in `around` when a dividend-fund posting directly precedes it. */
function payoutIn(around: string, needle: string): string {
  const at = around.indexOf(needle);
  if (at < 0) throw new Error('assertion failed: the posting is in the text read around it');
  if (!/\["dividend-fund","fen","-[0-9]+"\],$/.test(around.slice(0, at))) return '0';
  const amount = /^([0-9]+)"\]/.exec(around.slice(at + needle.length));
  if (amount === null) throw new Error('assertion failed: a payout posting has an amount');
  return amount[1]!;
}
