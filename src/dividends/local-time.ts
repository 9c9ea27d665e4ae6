/**
 * The operator's day (CONTRACTS.md TOKENMALL_TIMEZONE) without a date library: Intl.DateTimeFormat
 * gives the local calendar date and wall-clock time of an instant in an IANA time zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local date (`YYYY-MM-DD`) and minutes since local midnight of `at` in `timeZone`. */
export function localDateTime(at: Date, timeZone: string): { date: string; minutes: number } {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const { year, month, day, hour, minute } = parts;
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined
  )
    throw new Error(`assertion failed: Intl gave no date parts for ${timeZone}`);
  const date = `${year.padStart(4, '0')}-${month}-${day}`;
  if (!DATE_PATTERN.test(date)) throw new Error(`assertion failed: local date ${date} is YYYY-MM-DD`);
  return { date, minutes: Number(hour) * 60 + Number(minute) };
}

/** The local calendar date of `at` in `timeZone`, `YYYY-MM-DD`. */
export function localDate(at: Date, timeZone: string): string {
  return localDateTime(at, timeZone).date;
}

export const DATE_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** `HH:MM` as minutes since midnight (config.ts has already checked the form). */
export function minutesOfDay(hhmm: string): number {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(hhmm);
  if (match === null) throw new Error(`assertion failed: dividend time ${hhmm} is HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}
