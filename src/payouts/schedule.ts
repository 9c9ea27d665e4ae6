import { Cron } from 'croner';
import type { Mall } from '../mall/mall.js';
import { requestScheduledPayouts } from './payouts.js';

/**
 * The payout schedule of one node (settings.payoutSchedule): at 01:00 local time every day, or every
 * Monday, each merchant that is owed money gets one payout request for an admin to approve. Several
 * nodes may fire together: a merchant with an open request gets no second one (requestScheduledPayouts
 * checks and inserts in one unit of the journal's total order). Returns a function that stops it.
 */
export function startPayoutSchedule(mall: Mall, onError: (error: unknown) => void): () => void {
  const { payoutSchedule, timezone } = mall.settings;
  if (payoutSchedule === 'off') return () => {};
  const pattern = payoutSchedule === 'daily' ? '0 1 * * *' : '0 1 * * 1';
  const cron = new Cron(pattern, { timezone, unref: true }, () => {
    requestScheduledPayouts(mall).catch(onError);
  });
  return () => cron.stop();
}
