/** Daily dividends (分红): the run under `dividends:<date>`, its schedule, and the runs as read back. */

export {
  changeParams,
  currentParams,
  mergeParams,
  type ParamsRecord,
  type ParamsVersion,
  type ParamsView,
  paramsHistory,
  paramsRecord,
} from './economy-params.js';
export { localDate, localDateTime } from './local-time.js';
export { listDividendRuns, type MemberDividend, memberDividends, PAGE_MAX } from './queries.js';
export {
  type DividendExit,
  type DividendRun,
  dividendKey,
  runDividends,
  runDueDividends,
} from './run-dividends.js';
export { startDividendScheduler } from './scheduler.js';
