/** The operator's local day as a half-open range of UTC instants (CONTRACTS.md TOKENMALL_TIMEZONE). */
export interface LocalDay {
  /** `YYYY-MM-DD` in the time zone. */
  readonly date: string;
  /** UTC ISO text of the day's first instant, inclusive. */
  readonly startUtc: string;
  /** UTC ISO text of the next day's first instant, exclusive. */
  readonly endUtc: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The wall-clock fields of `at` in `timezone`, read back as if they were UTC: at + offset. */
function wallClockMs(at: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const ms = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  if (Number.isNaN(ms)) throw new Error(`assertion failed: cannot read the time in ${timezone}`);
  return ms;
}

/** The UTC instant of local midnight that starts the local date whose UTC-midnight is `dateMs`. */
function localMidnight(dateMs: number, timezone: string): number {
  // Two rounds: the offset at the guess, then at the corrected instant (a DST change near midnight).
  let guess = dateMs - (wallClockMs(dateMs, timezone) - dateMs);
  guess = dateMs - (wallClockMs(guess, timezone) - guess);
  return guess;
}

/** The local day that contains `now` in `timezone` (an IANA name). */
export function localDay(now: Date, timezone: string): LocalDay {
  const wall = wallClockMs(now.getTime(), timezone);
  const dateMs = wall - (wall % DAY_MS);
  const start = localMidnight(dateMs, timezone);
  const end = localMidnight(dateMs + DAY_MS, timezone);
  if (!(start <= now.getTime() && now.getTime() < end))
    throw new Error(`assertion failed: ${now.toISOString()} outside its local day in ${timezone}`);
  return {
    date: new Date(dateMs).toISOString().slice(0, 10),
    startUtc: new Date(start).toISOString(),
    endUtc: new Date(end).toISOString(),
  };
}
