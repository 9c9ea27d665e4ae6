import type { Kysely } from 'kysely';
import type { JournalEntry } from './entry.js';
import type { HistoryRow } from './history.js';

/** What a key decided the first time (CONTRACTS.md "Rejections are results too"). */
export type KeyRecord =
  | { readonly kind: 'entry'; readonly seq: bigint; readonly commandHash: string }
  | {
      readonly kind: 'rejection';
      readonly commandHash: string;
      readonly code: string;
      readonly message: string;
    };

export interface RejectionRow {
  readonly key: string;
  readonly commandHash: string;
  readonly code: string;
  readonly message: string;
}

export interface ParametersRow {
  readonly version: bigint;
  /** JCS of the ten parameters, integers as decimal strings. */
  readonly params: string;
}

export interface SnapshotRow {
  readonly seq: bigint;
  readonly hash: string;
  readonly state: string;
}

export interface Head {
  readonly seq: bigint;
  readonly hash: string;
}

/** A stored balance of the projection: `account`, `asset`, amount as a decimal string. */
export type BalanceRow = readonly [account: string, asset: string, amount: string];

/**
 * Everything the journal does inside one write transaction, which holds the economy's lock (an
 * advisory lock on PostgreSQL, the write lock on SQLite) until it commits.
 */
export interface LedgerWriter {
  /** Kysely on this transaction's connection, for the mall's rows written with the journal. */
  readonly db: Kysely<unknown>;
  /** Runs `work` inside a savepoint: if it throws, its row changes are rolled back and the error rethrown. */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
  /** Entries written by others since `afterSeq` (several processes on one PostgreSQL). */
  entriesAfter(afterSeq: bigint): Promise<JournalEntry[]>;
  lookupKeys(keys: readonly string[]): Promise<Map<string, KeyRecord>>;
  insertEntries(entries: readonly JournalEntry[]): Promise<void>;
  insertRejections(rows: readonly RejectionRow[]): Promise<void>;
  insertParameters(rows: readonly ParametersRow[]): Promise<void>;
  upsertBalances(rows: readonly BalanceRow[]): Promise<void>;
  /** Rows of the `journal_accounts` index: (id, seq) for each id an entry's postings name. */
  insertAccountIndex(rows: readonly (readonly [string, bigint])[]): Promise<void>;
  /** The economy's history rows (src/ledger/history.ts); a row of a bucket already stored replaces it. */
  upsertHistory(rows: readonly HistoryRow[]): Promise<void>;
  insertSnapshot(row: SnapshotRow): Promise<void>;
}

/**
 * A consistent read of what a process needs to start: the head, the latest snapshot and the balances
 * at that head. The entries between the snapshot and the head are read afterwards in pages (they never
 * change once written).
 */
export interface StartingPoint {
  readonly head: Head;
  readonly snapshot: SnapshotRow | undefined;
  readonly balances: BalanceRow[];
}

/**
 * The journal's storage, one interface over SQLite and PostgreSQL (src/ledger/sqlite, src/ledger/postgres).
 * Reads in seq order; writes only through `write`.
 */
export interface LedgerStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations (up to `target`, a migration name, when given); returns the schema number. */
  migrate(target?: string): Promise<number>;
  schemaVersion(): Promise<number>;
  write<T>(work: (writer: LedgerWriter) => Promise<T>): Promise<T>;
  startingPoint(): Promise<StartingPoint>;
  head(): Promise<Head>;
  /** Entries with seq > afterSeq in seq order, at most `limit`. */
  readEntries(afterSeq: bigint, limit: number): Promise<JournalEntry[]>;
  entryCount(): Promise<bigint>;
  readParameters(): Promise<ParametersRow[]>;
  /** Rejections in key byte order. */
  readRejections(): Promise<RejectionRow[]>;
  readBalances(): Promise<BalanceRow[]>;
  /** True when nothing but the migrations' own rows is stored (import's precondition). */
  isFresh(): Promise<boolean>;
  /**
   * Kysely for reads outside the writer's transaction: they see only committed rows (on SQLite a second
   * connection, so a read never sees a batch that may still roll back).
   */
  readonly reader: Kysely<unknown>;
  /** A consistent copy of a live store into a file (SQLite only). */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}
