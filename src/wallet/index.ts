/** The wallet: one's points, their price and value, quota, balances; selling, converting, settling (issue 11). */
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
