import type { Kysely } from 'kysely';
import { big, type MallDatabase } from '../mall/database.js';
import { eventsOfEntry, type JournalRow, type MallEvent } from './events.js';

/** Most journal entries one feed page or one fill pass reads. */
export const ENTRIES_PER_READ_MAX = 1000;

/** A seq as a driver parameter: both drivers take a safe number; a journal never gets near 2^53. */
export function seqParam(seq: bigint): number {
  const n = Number(seq);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`seq ${seq} out of range`);
  return n;
}

/** Up to `limit` journal entries after `afterSeq`, in seq order. */
export async function journalRowsAfter(
  db: Kysely<MallDatabase>,
  afterSeq: bigint,
  limit: number,
): Promise<JournalRow[]> {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > ENTRIES_PER_READ_MAX)
    throw new Error(`limit ${limit} out of range`);
  const rows = await db
    .selectFrom('journal')
    .select(['seq', 'time', 'key', 'command', 'postings', 'events', 'hash'])
    .where('seq', '>', seqParam(afterSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
  const entries = rows.map((row) => ({ ...row, seq: big(row.seq) }));
  for (let i = 1; i < entries.length; i++)
    if (entries[i]!.seq !== entries[i - 1]!.seq + 1n)
      throw new Error(`journal gap after seq ${entries[i - 1]!.seq}`);
  return entries;
}

export interface EventPage {
  readonly events: MallEvent[];
  /** The seq to pass as `after` for the next page: the last entry read (or `after` when none was). */
  readonly nextAfter: string;
}

/**
 * One page of the event feed: the events of up to `limit` entries after `afterSeq`, those of `types`
 * only when given. The page moves on by entries, so a filter that matches nothing still advances.
 */
export async function readEventFeed(
  db: Kysely<MallDatabase>,
  options: { afterSeq: bigint; limit: number; types?: ReadonlySet<string> },
): Promise<EventPage> {
  const entries = await journalRowsAfter(db, options.afterSeq, options.limit);
  const events = entries
    .flatMap(eventsOfEntry)
    .filter((event) => options.types === undefined || options.types.has(event.type));
  const last = entries.at(-1);
  return { events, nextAfter: (last?.seq ?? options.afterSeq).toString() };
}
