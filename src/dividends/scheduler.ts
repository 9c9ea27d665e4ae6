import { Cron } from 'croner';
import type { Mall } from '../mall/mall.js';
import { minutesOfDay } from './local-time.js';
import { runDueDividends } from './run-dividends.js';

/** How often the catch-up check runs besides the cron trigger. */
const CATCH_UP_INTERVAL_MS = 60_000;

/**
 * The daily dividend schedule of one node: croner fires at `settings.dividendTime` in
 * `settings.timezone`, and a catch-up check runs at start and every minute (a node that was down at the
 * run time, or restarted after it, runs the day's run once). Every trigger goes through
 * runDueDividends, whose journal key `dividends:<date>` makes it exactly once a day across restarts and
 * nodes; the time it reads is `mall.clock`. Returns a function that stops the schedule.
 */
export function startDividendScheduler(mall: Mall, onError: (error: unknown) => void): () => void {
  if (mall.settings.dividendTime === 'off') return () => {};
  const minutes = minutesOfDay(mall.settings.dividendTime);
  let running = false;
  const check = (): void => {
    // One check at a time per node: a slow run is not started twice by the next tick.
    if (running) return;
    running = true;
    runDueDividends(mall)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  const cron = new Cron(
    `${minutes % 60} ${Math.floor(minutes / 60)} * * *`,
    { timezone: mall.settings.timezone, unref: true },
    check,
  );
  const timer = setInterval(check, CATCH_UP_INTERVAL_MS);
  timer.unref();
  check();
  return () => {
    cron.stop();
    clearInterval(timer);
  };
}
