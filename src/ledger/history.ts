import {
  type CommandEffects,
  currentPrice,
  type EconomyState,
  TOTAL_NAMES,
  TREASURY_ID,
} from '../economy/index.js';

/**
 * The economy's history, written by the journal itself: one row per 15-minute bucket of UTC time with
 * the state after the bucket's last entry and the running totals (EconomyTotals). A price chart reads
 * the rows of a range; a daily report subtracts the reading at the end of the day before from the one at
 * the end of the day, in any time zone (every zone's offset is a multiple of 15 minutes).
 */
export const HISTORY_BUCKET_MS = 15 * 60 * 1000;

export interface HistoryRow {
  readonly bucket: string;
  readonly seq: bigint;
  readonly time: string;
  /** JSON object of decimal strings (HistoryFigures). */
  readonly figures: string;
}

/** The figures of one reading: the state's totals and levels, each a decimal string. */
export type HistoryFigures = Readonly<Record<HistoryFigureName, string>>;

export const LEVEL_NAMES = [
  'reserve',
  'supply',
  'minted',
  'burned',
  'dividendFund',
  'priceNum',
  'priceDen',
  'paramsVersion',
  'supplyCap',
  'treasuryPoints',
  'accounts',
] as const;

export type HistoryFigureName = (typeof LEVEL_NAMES)[number] | (typeof TOTAL_NAMES)[number];

/** `YYYY-MM-DDTHH:MM:00.000Z`, the start of the bucket holding `time` (an entry time). */
export function historyBucket(time: string): string {
  const ms = Date.parse(time);
  return new Date(ms - (ms % HISTORY_BUCKET_MS)).toISOString();
}

export function historyFigures(economy: EconomyState): HistoryFigures {
  const price = currentPrice(economy);
  const figures: Record<string, string> = {
    reserve: economy.reserve.toString(),
    supply: economy.supply.toString(),
    minted: economy.minted.toString(),
    burned: economy.burned.toString(),
    dividendFund: economy.dividendFund.toString(),
    priceNum: price.num.toString(),
    priceDen: price.den.toString(),
    paramsVersion: economy.paramsVersion.toString(),
    supplyCap: economy.params.supplyCap.toString(),
    treasuryPoints: (economy.accounts.get(TREASURY_ID)?.points ?? 0n).toString(),
    accounts: economy.accounts.size.toString(),
  };
  for (const name of TOTAL_NAMES) figures[name] = economy.totals[name].toString();
  return figures as HistoryFigures;
}

export function historyRow(economy: EconomyState, seq: bigint, time: string): HistoryRow {
  return { bucket: historyBucket(time), seq, time, figures: JSON.stringify(historyFigures(economy)) };
}

/**
 * Each id an entry's postings name (`<id>:cash`, ...; not the global accounts), once: the rows of the
 * `journal_accounts` index, so one member's history is a range read, not a scan of the journal.
 */
export function touchedIds(effects: CommandEffects, seq: bigint, into: (readonly [string, bigint])[]): void {
  let last: string | undefined;
  const seen = new Set<string>();
  effects.forEachLeg((id, slot) => {
    // Slot = suffix + 7 * asset; suffix 0 is a global account (reserve, world:*).
    if (slot % 7 === 0 || id === last) return;
    last = id;
    if (seen.has(id)) return;
    seen.add(id);
    into.push([id, seq]);
  });
}

/**
 * Collects the history rows of entries replayed in order (an import): one row per bucket, the reading
 * after the bucket's last entry, taken just before the first entry of the next bucket is applied.
 */
export class HistoryRecorder {
  private rows: HistoryRow[] = [];
  private last: { bucket: string; seq: bigint; time: string } | undefined;

  /** Call before applying the entry of `time`: it closes the previous bucket if this one is another. */
  before(economy: EconomyState, time: string): void {
    if (this.last !== undefined && this.last.bucket !== historyBucket(time)) this.close(economy);
  }

  /** Call after applying the entry. */
  after(seq: bigint, time: string): void {
    this.last = { bucket: historyBucket(time), seq, time };
  }

  /** The rows so far, the open bucket's included when `economy` (the state now) is given. */
  take(economy?: EconomyState): HistoryRow[] {
    if (economy !== undefined && this.last !== undefined) this.close(economy);
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  private close(economy: EconomyState): void {
    const last = this.last!;
    this.rows.push(historyRow(economy, last.seq, last.time));
    this.last = undefined;
  }
}
