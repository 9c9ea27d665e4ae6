/** The journal: commands in, hash-chained entries and balances out, on SQLite or PostgreSQL. */
export { type ArchiveTable, exportArchive, importArchive } from './archive.js';
export { type LedgerCommand, mallCommand, parseLedgerLine } from './command.js';
export type { JournalEntry } from './entry.js';
export { LedgerError, type LedgerErrorCode } from './errors.js';
export {
  HISTORY_BUCKET_MS,
  type HistoryFigureName,
  type HistoryFigures,
  historyBucket,
  historyFigures,
} from './history.js';
export type { LedgerState } from './ledger-state.js';
export { LATEST_SCHEMA } from './migrations/index.js';
export { Ledger, loadLedgerState, openStore } from './open.js';
export {
  type BalanceCapture,
  type BalanceDifference,
  type BalanceReconciliation,
  reconcileBalances,
} from './reconcile.js';
export type { CommandResult, Work, WorkContext } from './sequencer.js';
export type { LedgerStore } from './store.js';
export { type VerifyResult, verifyJournal } from './verify.js';
