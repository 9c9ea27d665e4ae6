import { Cron } from 'croner';
import type { Mall } from '../mall/mall.js';
import { minutesOfDay } from './local-time.js';
import { runDueDividends } from './run-dividends.js';

/** How often a failed scheduled run is tried again. */
const RETRY_INTERVAL_MS = 60_000;

/**
 * The daily dividend schedule of one node: croner fires at `settings.dividendTime` in
 * `settings.timezone` and runs the day (an empty fund included: the day is recorded). When the node
 * starts after the run time and the day has no run yet (it was down at the time), it makes the run up
 * at once if the fund has something to pay. A scheduled run that failed (the database was away) is
 * tried again every minute until it succeeds. Every trigger goes through runDueDividends, whose
 * journal key `dividends:<date>` makes it exactly once a day across restarts and nodes; the time it
 * reads is `mall.clock`. Returns a function that stops the schedule.
 */
export function startDividendScheduler(mall: Mall, onError: (error: unknown) => void): () => void {
  if (mall.settings.dividendTime === 'off') return () => {};
  const minutes = minutesOfDay(mall.settings.dividendTime);
  let running = false;
  let failed = false;
  const check = (options: { skipEmptyFund?: boolean }): void => {
    // One check at a time per node: a slow run is not started twice by the next tick.
    if (running) return;
    running = true;
    runDueDividends(mall, options)
      .then(() => {
        failed = false;
      })
      .catch((error: unknown) => {
        failed = true;
        onError(error);
      })
      .finally(() => {
        running = false;
      });
  };
  const cron = new Cron(
    `${minutes % 60} ${Math.floor(minutes / 60)} * * *`,
    { timezone: mall.settings.timezone, unref: true },
    () => check({}),
  );
  const timer = setInterval(() => {
    if (failed) check({});
  }, RETRY_INTERVAL_MS);
  timer.unref();
  check({ skipEmptyFund: true });
  return () => {
    cron.stop();
    clearInterval(timer);
  };
}
