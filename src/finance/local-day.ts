import { localDateTime } from '../dividends/index.js';

/**
 * The UTC instant (ms) at which the local calendar day `date` (`YYYY-MM-DD`) starts in `timeZone`.
 * Two passes over the zone's offset, so a day that starts just after a daylight-saving change comes out
 * right; zones without DST (Asia/Shanghai) need one.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(year, month - 1, day);
  let start = utcMidnight - offsetAt(utcMidnight, timeZone);
  start = utcMidnight - offsetAt(start, timeZone);
  return start;
}

/** The next calendar date, `YYYY-MM-DD`. */
export function nextDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** Local wall-clock time minus UTC at instant `at`, in ms (whole minutes). */
function offsetAt(at: number, timeZone: string): number {
  const minuteStart = at - (((at % 60_000) + 60_000) % 60_000);
  const { date, minutes } = localDateTime(new Date(minuteStart), timeZone);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) + minutes * 60_000 - minuteStart;
}
