import { MallError } from '../mall/errors.js';
import { journal, type Mall } from '../mall/mall.js';
import { DATE_PATTERN, localDateTime, minutesOfDay } from './local-time.js';

/** The journal key of a day's run (CONTRACTS.md "Scheduled and system commands"). */
export const DIVIDEND_KEY_PREFIX = 'dividends:';
export const dividendKey = (date: string): string => `${DIVIDEND_KEY_PREFIX}${date}`;

/** A member's forced exit (出局) that a run caused (the cascade after the payouts). */
export interface DividendExit {
  member: string;
  pointsMicro: string;
  netFen: string;
}

/** One day's dividend run (分红) as the journal recorded it; every amount a decimal string. */
export interface DividendRun {
  /** The operator's local date the run belongs to. */
  date: string;
  key: string;
  seq: string;
  /** The entry's time (UTC). */
  time: string;
  /** Sum paid out, fen. */
  paidFen: string;
  /** Holders paid more than 0. */
  holders: string;
  /** The dividend fund after the payouts, fen. */
  leftFen: string;
  exits: DividendExit[];
}

/** The journal row's parts a run is read from. */
export interface DividendRow {
  seq: number | string | bigint;
  key: string;
  time: string;
  events: string;
}

/**
 * Runs the dividends of `date` (default: today in the mall's time zone) under the key
 * `dividends:<date>`, in one unit of work. The journal's idempotency makes it once a day: a second
 * call for the same date, from this node or another, gets the first run back (same seq).
 * @throws MallError BAD_REQUEST for a date that is not `YYYY-MM-DD`
 */
export async function runDividends(mall: Mall, date?: string): Promise<DividendRun> {
  const day = date ?? localDateTime(mall.clock.now(), mall.settings.timezone).date;
  if (!DATE_PATTERN.test(day))
    throw new MallError('BAD_REQUEST', `date ${day} is not YYYY-MM-DD`, { date: day });
  const key = dividendKey(day);
  const seq = await mall.write((tx) => journal(tx, key, { type: 'dividends' }));
  // The entry is durable now; it is read back for its figures (a repeat gets the first run's).
  const row = await mall.read
    .selectFrom('journal')
    .select(['seq', 'key', 'time', 'events'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (row === undefined || BigInt(row.seq) !== seq)
    throw new Error(`assertion failed: entry ${seq} of ${key} is in the journal`);
  return dividendRunFromRow(row);
}

/**
 * The catch-up check that makes the schedule exactly-once (a node that was down at the run time, or
 * restarted, runs it once): when today's local time has reached the dividend time and today's key is
 * not in the journal yet, runs today's dividends. Returns the run it made, or undefined.
 */
export async function runDueDividends(
  mall: Mall,
  options: { skipEmptyFund?: boolean } = {},
): Promise<DividendRun | undefined> {
  // `off`: no schedule; an admin runs each day's dividends by hand.
  if (mall.settings.dividendTime === 'off') return undefined;
  const { date, minutes } = localDateTime(mall.clock.now(), mall.settings.timezone);
  if (minutes < minutesOfDay(mall.settings.dividendTime)) return undefined;
  const existing = await mall.read
    .selectFrom('journal')
    .select('seq')
    .where('key', '=', dividendKey(date))
    .executeTakeFirst();
  if (existing !== undefined) return undefined;
  if (options.skipEmptyFund === true) {
    // A missed run made up later pays only if there is something to pay: a store that starts after the
    // run time with an empty fund (a new shop) leaves the day to the admin's "run now" or tomorrow.
    await mall.ledger.catchUp();
    if (mall.ledger.state.economy.dividendFund === 0n) return undefined;
  }
  return runDividends(mall, date);
}

/** A run from its journal row: `dividends.ran {paid, holders, left}` and the `member.exited` events. */
export function dividendRunFromRow(row: DividendRow): DividendRun {
  if (!row.key.startsWith(DIVIDEND_KEY_PREFIX)) throw new Error(`assertion failed: ${row.key} is a run`);
  const events = JSON.parse(row.events) as Record<string, string>[];
  const ran = events.find((e) => e.type === 'dividends.ran');
  if (ran === undefined) throw new Error(`assertion failed: entry ${row.seq} records dividends.ran`);
  return {
    date: row.key.slice(DIVIDEND_KEY_PREFIX.length),
    key: row.key,
    seq: String(row.seq),
    time: row.time,
    paidFen: ran.paid ?? '0',
    holders: ran.holders ?? '0',
    leftFen: ran.left ?? '0',
    exits: events
      .filter((e) => e.type === 'member.exited')
      .map((e) => ({ member: e.member ?? '', pointsMicro: e.points ?? '0', netFen: e.net ?? '0' })),
  };
}
