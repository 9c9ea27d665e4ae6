/** Finance: the daily report, the price history and the reconciliation, from the journal (issue 11). */
export { nextDate, startOfLocalDay } from './local-day.js';
export { PRICE_POINTS_MAX, type PricePoint, priceHistory } from './price-history.js';
export { type HeldDifference, type Reconciliation, reconcile } from './reconcile.js';
export { DAILY_REPORT_COLUMNS, type DailyReport, dailyReports, REPORT_DAYS_MAX } from './reports.js';
