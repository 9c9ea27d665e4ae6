/** Withdrawals of cash from members' and merchants' balances, decided by admins (issue 11). */
export { type LocalDay, localDay } from './local-day.js';
export {
  approveWithdrawal,
  listWithdrawals,
  payWithdrawal,
  rejectWithdrawal,
  requestWithdrawal,
  WITHDRAWAL_STATUSES,
  type WithdrawalFilter,
  type WithdrawalRequest,
  type WithdrawalStatus,
  type WithdrawalView,
} from './withdrawals.js';
