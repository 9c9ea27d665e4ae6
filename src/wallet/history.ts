import { big } from '../mall/database.js';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';

export const HISTORY_LIMIT_DEFAULT = 20;
export const HISTORY_LIMIT_MAX = 100;

/** One posting of an entry: the signed change of `account`'s balance of `asset`. */
export interface PostingView {
  account: string;
  asset: string;
  amount: string;
}

/** One journal entry as an account's history shows it: only that account's postings. */
export interface HistoryItem {
  seq: string;
  time: string;
  key: string;
  /** The command's type (`order`, `sell`, `withdraw`, ...). */
  type: string;
  postings: PostingView[];
}

export interface HistoryPage {
  items: HistoryItem[];
  /** `before` of the next page (older entries), null at the end. */
  nextBefore: string | null;
}

/** A journal row as the history reads it. */
export interface JournalRowText {
  seq: number | string | bigint;
  time: string;
  key: string;
  command: string;
  postings: string;
  events: string;
}

/**
 * The journal entries whose postings touch `accountId` (`<id>:cash`, `<id>:points`, ...), newest first,
 * `limit` at a time before entry `before`: a range read of the `journal_accounts` index joined to the
 * journal. Errors: BAD_REQUEST for a limit outside 1..HISTORY_LIMIT_MAX.
 */
export async function accountHistory(
  mall: Mall,
  accountId: string,
  page: { before?: bigint | undefined; limit?: number | undefined },
): Promise<HistoryPage> {
  const limit = page.limit ?? HISTORY_LIMIT_DEFAULT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > HISTORY_LIMIT_MAX)
    throw new MallError('BAD_REQUEST', `limit is 1 to ${HISTORY_LIMIT_MAX}`, { field: 'limit' });
  const rows = await journalRowsOf(mall, accountId, { before: page.before, limit: limit + 1, order: 'desc' });
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map((row) => historyItem(row, accountId)),
    nextBefore: rows.length > limit && last !== undefined ? big(last.seq).toString() : null,
  };
}

/** The journal rows of entries touching `accountId`, by seq, `limit` of them after/before a seq. */
export async function journalRowsOf(
  mall: Mall,
  accountId: string,
  range: { before?: bigint | undefined; after?: bigint | undefined; limit: number; order: 'asc' | 'desc' },
): Promise<JournalRowText[]> {
  const { before, after } = range;
  return mall.read
    .selectFrom('journal_accounts')
    .innerJoin('journal', 'journal.seq', 'journal_accounts.seq')
    .select([
      'journal.seq',
      'journal.time',
      'journal.key',
      'journal.command',
      'journal.postings',
      'journal.events',
    ])
    .where('journal_accounts.id', '=', accountId)
    .$if(before !== undefined, (q) => q.where('journal_accounts.seq', '<', (before ?? 0n).toString()))
    .$if(after !== undefined, (q) => q.where('journal_accounts.seq', '>', (after ?? 0n).toString()))
    .orderBy('journal_accounts.seq', range.order)
    .limit(range.limit)
    .execute();
}

function historyItem(row: JournalRowText, accountId: string): HistoryItem {
  const command = JSON.parse(row.command) as { type?: unknown };
  if (typeof command.type !== 'string') throw new Error(`assertion failed: entry ${row.seq} has no type`);
  const postings = JSON.parse(row.postings) as [string, string, string][];
  const prefix = `${accountId}:`;
  const mine = postings
    .filter(([account]) => account.startsWith(prefix))
    .map(([account, asset, amount]) => ({ account, asset, amount: String(amount) }));
  return { seq: big(row.seq).toString(), time: row.time, key: row.key, type: command.type, postings: mine };
}
