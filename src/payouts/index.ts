/** Merchant payouts: what the mall owes a merchant for its orders, requested and paid out (issue 11). */
export {
  approvePayout,
  listPayouts,
  type OwedView,
  owedToMerchant,
  PAYOUT_STATUSES,
  type PayoutFilter,
  type PayoutStatus,
  type PayoutView,
  rejectPayout,
  requestPayout,
  requestScheduledPayouts,
  SCHEDULE_REQUESTER,
} from './payouts.js';
export { startPayoutSchedule } from './schedule.js';
