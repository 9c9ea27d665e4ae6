import { createState } from '../economy/index.js';
import { type HistoryFigures, historyFigures } from '../ledger/index.js';
import type { Mall } from '../mall/mall.js';

/** A reading of the economy's history: the state and running totals after entry `seq` (0: genesis). */
export interface Reading {
  readonly seq: bigint;
  readonly time: string | undefined;
  readonly figures: HistoryFigures;
}

/** Before the first entry: the state every store starts from (parameters version 1 are SPEC's defaults). */
const GENESIS_FIGURES = historyFigures(createState());

/**
 * The last reading strictly before `instant` (ms): the history row of the latest 15-minute bucket that
 * ends by then. Before the first entry, genesis: every figure 0.
 */
export async function readingBefore(mall: Mall, instant: number): Promise<Reading> {
  const row = await mall.read
    .selectFrom('economy_history')
    .select(['seq', 'time', 'figures'])
    .where('bucket', '<', new Date(instant).toISOString())
    .orderBy('bucket', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return { seq: 0n, time: undefined, figures: GENESIS_FIGURES };
  return { seq: BigInt(row.seq), time: row.time, figures: JSON.parse(row.figures) as HistoryFigures };
}

/** The readings whose buckets start in [from, to), oldest first. */
export async function readingsBetween(mall: Mall, from: number, to: number): Promise<Reading[]> {
  const rows = await mall.read
    .selectFrom('economy_history')
    .select(['seq', 'time', 'figures'])
    .where('bucket', '>=', new Date(from).toISOString())
    .where('bucket', '<', new Date(to).toISOString())
    .orderBy('bucket')
    .execute();
  return rows.map((row) => ({
    seq: BigInt(row.seq),
    time: row.time,
    figures: JSON.parse(row.figures) as HistoryFigures,
  }));
}

export function figure(reading: Reading, name: keyof HistoryFigures): bigint {
  return BigInt(reading.figures[name] ?? '0');
}
