import { formatYuanPerPoint } from '../economy/index.js';
import { HISTORY_BUCKET_MS } from '../ledger/index.js';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { figure, readingsBetween } from './readings.js';

export interface PricePoint {
  /** The time of the last entry the point reflects (UTC). */
  readonly time: string;
  readonly seq: string;
  readonly priceFenPerPointNum: string;
  readonly priceFenPerPointDen: string;
  readonly priceYuanPerPoint: string;
  readonly reserveFen: string;
  readonly supplyMicro: string;
}

export const PRICE_POINTS_MAX = 1000;

/**
 * The price over any range, downsampled to at most `points` points: the range is cut into equal slices
 * and each slice shows its last reading (the history keeps one reading per 15 minutes). The price only
 * moves by the rules; a chart of it is a record, not a forecast.
 * @throws MallError INVALID_DATE_RANGE
 */
export async function priceHistory(
  mall: Mall,
  options: { from?: string; to?: string; points?: number },
): Promise<{ from: string; to: string; points: PricePoint[] }> {
  // Entry times are the journal's (UTC wall clock, or TOKENMALL_FIXED_TIME), so the defaults are too.
  const bounds = await historyBounds(mall);
  const to = options.to === undefined ? Math.max(Date.now(), bounds.end) : Date.parse(options.to);
  const from = options.from === undefined ? Math.min(bounds.start, to - 1) : Date.parse(options.from);
  if (Number.isNaN(from) || Number.isNaN(to) || from >= to)
    throw new MallError('INVALID_DATE_RANGE', 'from must be a time before to');
  const slices = Math.min(options.points ?? 200, PRICE_POINTS_MAX);
  const readings = await readingsBetween(mall, from, to);
  const width = (to - from) / slices;
  const points: PricePoint[] = [];
  let lastSlice = -1;
  for (let i = readings.length - 1; i >= 0; i--) {
    const reading = readings[i]!;
    const slice = Math.min(slices - 1, Math.floor((Date.parse(reading.time!) - from) / width));
    if (slice === lastSlice) continue;
    lastSlice = slice;
    const price = { num: figure(reading, 'priceNum'), den: figure(reading, 'priceDen') };
    points.push({
      time: reading.time!,
      seq: reading.seq.toString(),
      priceFenPerPointNum: price.num.toString(),
      priceFenPerPointDen: price.den.toString(),
      priceYuanPerPoint: formatYuanPerPoint(price),
      reserveFen: figure(reading, 'reserve').toString(),
      supplyMicro: figure(reading, 'supply').toString(),
    });
  }
  points.reverse();
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), points };
}

/** The start of the first bucket and the end of the last (a day before now when there is none). */
async function historyBounds(mall: Mall): Promise<{ start: number; end: number }> {
  const row = await mall.read
    .selectFrom('economy_history')
    .select((eb) => [eb.fn.min('bucket').as('first'), eb.fn.max('bucket').as('last')])
    .executeTakeFirst();
  if (row?.first == null || row.last == null) return { start: Date.now() - 86_400_000, end: Date.now() };
  return { start: Date.parse(row.first), end: Date.parse(row.last) + HISTORY_BUCKET_MS };
}
