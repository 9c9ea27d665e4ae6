/** The wallet: one's points, their price and value, quota, balances; selling, converting, settling (issue 11). */

export { accountHistory, HISTORY_LIMIT_MAX, type HistoryItem, type HistoryPage } from './history.js';
export { type Leaderboard, leaderboard, maskMember } from './leaderboard.js';
export {
  configuredLevels,
  type Level,
  type LevelView,
  levelOf,
  levelView,
  parseLevels,
} from './levels.js';
export { type ReferralReport, referralReport } from './referrals.js';
export {
  type ConversionResult,
  convertPoints,
  type SaleResult,
  type SettlementResult,
  sellPoints,
  settleStable,
} from './trades.js';
export { RISK_STATEMENT, type TransparencyReport, transparencyReport } from './transparency.js';
export {
  type PriceView,
  priceView,
  valueOfPoints,
  type WalletView,
  walletOf,
  walletView,
} from './wallet-view.js';
