import { formatYuanPerPoint } from '../economy/index.js';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { nextDate, startOfLocalDay } from './local-day.js';
import { figure, type Reading, readingBefore } from './readings.js';

/** One local day of the finance report: flows during the day, levels at its end. Amounts are decimal strings. */
export interface DailyReport {
  readonly date: string;
  readonly timezone: string;
  /** The day's bounds in UTC. */
  readonly from: string;
  readonly to: string;
  /** The journal entries the day covers: (openingSeq, closingSeq]. */
  readonly openingSeq: string;
  readonly closingSeq: string;
  readonly orders: string;
  readonly salesFen: string;
  readonly salesCashFen: string;
  readonly salesStable: string;
  readonly reserveInflowFen: string;
  readonly dividendFundInflowFen: string;
  readonly pointsMintedMicro: string;
  readonly pointsBurnedMicro: string;
  readonly dividendsPaidFen: string;
  readonly sellFeesFen: string;
  readonly sellNetFen: string;
  readonly convertFeesFen: string;
  readonly stableIssued: string;
  readonly stableSettled: string;
  readonly exits: string;
  readonly withdrawalsPaidFen: string;
  readonly payoutsPaidFen: string;
  readonly reserveFen: string;
  readonly supplyMicro: string;
  readonly priceFenPerPointNum: string;
  readonly priceFenPerPointDen: string;
  readonly priceYuanPerPoint: string;
  readonly dividendFundFen: string;
  readonly outstandingQuotaFen: string;
  /** Every stable point owed, those held for open orders included. */
  readonly outstandingStable: string;
  readonly treasuryPointsMicro: string;
}

/** The report's columns in CSV order (the CSV header is these names). */
export const DAILY_REPORT_COLUMNS = [
  'date',
  'timezone',
  'from',
  'to',
  'openingSeq',
  'closingSeq',
  'orders',
  'salesFen',
  'salesCashFen',
  'salesStable',
  'reserveInflowFen',
  'dividendFundInflowFen',
  'pointsMintedMicro',
  'pointsBurnedMicro',
  'dividendsPaidFen',
  'sellFeesFen',
  'sellNetFen',
  'convertFeesFen',
  'stableIssued',
  'stableSettled',
  'exits',
  'withdrawalsPaidFen',
  'payoutsPaidFen',
  'reserveFen',
  'supplyMicro',
  'priceFenPerPointNum',
  'priceFenPerPointDen',
  'priceYuanPerPoint',
  'dividendFundFen',
  'outstandingQuotaFen',
  'outstandingStable',
  'treasuryPointsMicro',
] as const satisfies readonly (keyof DailyReport)[];

export const REPORT_DAYS_MAX = 366;

/**
 * The finance report of the local days `from`..`to` (inclusive, `YYYY-MM-DD` in the operator's time
 * zone): each day is the difference of two readings of the economy's history, at the end of the day
 * before and at the end of the day, so it costs two indexed reads a day whatever the volume.
 * @throws MallError INVALID_DATE_RANGE
 */
export async function dailyReports(mall: Mall, from: string, to: string): Promise<DailyReport[]> {
  if (from > to) throw new MallError('INVALID_DATE_RANGE', `from ${from} is after to ${to}`);
  const timezone = mall.settings.timezone;
  const days: string[] = [];
  for (let date = from; date <= to; date = nextDate(date)) {
    days.push(date);
    if (days.length > REPORT_DAYS_MAX)
      throw new MallError('INVALID_DATE_RANGE', `at most ${REPORT_DAYS_MAX} days in one report`);
  }
  const reports: DailyReport[] = [];
  let opening = await readingBefore(mall, startOfLocalDay(from, timezone));
  for (const date of days) {
    const start = startOfLocalDay(date, timezone);
    const end = startOfLocalDay(nextDate(date), timezone);
    const closing = await readingBefore(mall, end);
    reports.push(dayReport(date, timezone, start, end, opening, closing));
    opening = closing;
  }
  return reports;
}

function dayReport(
  date: string,
  timezone: string,
  start: number,
  end: number,
  opening: Reading,
  closing: Reading,
): DailyReport {
  const flow = (name: Parameters<typeof figure>[1]) =>
    (figure(closing, name) - figure(opening, name)).toString();
  const level = (name: Parameters<typeof figure>[1]) => figure(closing, name).toString();
  const price = { num: figure(closing, 'priceNum'), den: figure(closing, 'priceDen') };
  return {
    date,
    timezone,
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    openingSeq: opening.seq.toString(),
    closingSeq: closing.seq.toString(),
    orders: flow('orders'),
    salesFen: flow('sales'),
    salesCashFen: flow('salesCash'),
    salesStable: (
      figure(closing, 'sales') -
      figure(closing, 'salesCash') -
      (figure(opening, 'sales') - figure(opening, 'salesCash'))
    ).toString(),
    reserveInflowFen: flow('reserveIn'),
    dividendFundInflowFen: flow('dividendFundIn'),
    pointsMintedMicro: flow('minted'),
    pointsBurnedMicro: flow('burned'),
    dividendsPaidFen: flow('dividendsPaid'),
    sellFeesFen: flow('sellFees'),
    sellNetFen: flow('sellNet'),
    convertFeesFen: flow('convertFees'),
    stableIssued: flow('stableIssued'),
    stableSettled: flow('stableSettled'),
    exits: flow('exits'),
    withdrawalsPaidFen: flow('withdrawalsPaid'),
    payoutsPaidFen: flow('payoutsPaid'),
    reserveFen: level('reserve'),
    supplyMicro: level('supply'),
    priceFenPerPointNum: price.num.toString(),
    priceFenPerPointDen: price.den.toString(),
    priceYuanPerPoint: formatYuanPerPoint(price),
    dividendFundFen: level('dividendFund'),
    outstandingQuotaFen: (figure(closing, 'quotaIssued') - figure(closing, 'quotaRetired')).toString(),
    outstandingStable: (figure(closing, 'stableIssued') - figure(closing, 'stableSettled')).toString(),
    treasuryPointsMicro: level('treasuryPoints'),
  };
}
