import { restoreState, type StateSnapshot, snapshotState } from '../economy/index.js';
import type { LedgerCommand } from './command.js';
import { LedgerError } from './errors.js';
import { emptyLedgerState, type LedgerState, ReplayMismatch, replayEntry } from './ledger-state.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { type CommandResult, Sequencer, type Work } from './sequencer.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { LedgerStore } from './store.js';

/** Entries between two snapshots: start-up replays at most this many after the latest one. */
export const SNAPSHOT_EVERY = 500_000n;
/** Entries read at a time while replaying, so start-up memory does not grow with the journal. */
const REPLAY_PAGE = 10_000;

/**
 * Opens the store that TOKENMALL_DATABASE_URL names: `sqlite:PATH` or `postgres://...`. A writer on
 * SQLite takes the store's writer lock.
 * @throws LedgerError BAD_REQUEST for an unknown URL, STORE_LOCKED
 */
export function openStore(url: string, options: { writer: boolean }): LedgerStore {
  if (url.startsWith('sqlite:')) return new SqliteStore(url.slice('sqlite:'.length), options);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return new PostgresStore(url);
  throw new LedgerError(
    'BAD_REQUEST',
    `TOKENMALL_DATABASE_URL must be sqlite:PATH or postgres://..., got ${url}`,
  );
}

/**
 * Rebuilds a process's replica: the latest snapshot, then the entries after it through the engine (each
 * checked as verify checks it), and the stored balance projection. A snapshot only speeds this up;
 * `verify` never uses one.
 */
export async function loadLedgerState(store: LedgerStore): Promise<LedgerState> {
  const start = await store.startingPoint();
  const state = emptyLedgerState();
  const snapshot =
    start.snapshot === undefined ? undefined : (JSON.parse(start.snapshot.state) as StateSnapshot);
  // A snapshot from before the running totals existed cannot give them: replay from genesis instead.
  if (start.snapshot !== undefined && snapshot?.totals !== undefined) {
    state.economy = restoreState(snapshot);
    state.head = { seq: start.snapshot.seq, hash: start.snapshot.hash };
  }
  while (state.head.seq < start.head.seq) {
    const entries = await store.readEntries(state.head.seq, REPLAY_PAGE);
    if (entries.length === 0) throw new ReplayMismatch(state.head.seq + 1n, 'missing before the head');
    for (const entry of entries) {
      if (entry.seq > start.head.seq) break;
      replayEntry(state, entry, { project: false });
    }
  }
  state.balances.load(start.balances);
  return state;
}

/** The journal as one process uses it: a store, its replica, and the sequencer that writes. */
export class Ledger {
  private lastSnapshotSeq: bigint;

  private constructor(
    readonly store: LedgerStore,
    readonly sequencer: Sequencer,
  ) {
    this.lastSnapshotSeq = sequencer.ledger.head.seq;
  }

  static async open(url: string): Promise<Ledger> {
    const store = openStore(url, { writer: true });
    try {
      await store.migrate();
      const state = await loadLedgerState(store);
      let ledger: Ledger | undefined;
      const sequencer = new Sequencer(store, state, {
        reload: () => loadLedgerState(store),
        afterCommit: (current) => ledger!.snapshotIfDue(current),
      });
      ledger = new Ledger(store, sequencer);
      return ledger;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  get state(): LedgerState {
    return this.sequencer.ledger;
  }

  submit(command: LedgerCommand): Promise<CommandResult> {
    return this.sequencer.submit(command);
  }

  /** A unit of work in the next batch (Sequencer.run). */
  run<T>(work: Work<T>): Promise<T> {
    return this.sequencer.run(work);
  }

  /**
   * Brings this replica up to the journal's head, for a read that must be current when other
   * processes write to the same PostgreSQL (DESIGN.md): an empty batch catches up under the lock.
   */
  async catchUp(): Promise<void> {
    if (this.store.dialect === 'postgres') await this.sequencer.run(async () => undefined);
  }

  async close(): Promise<void> {
    await this.sequencer.drain();
    await this.store.close();
  }

  private async snapshotIfDue(state: LedgerState): Promise<void> {
    if (state.head.seq - this.lastSnapshotSeq < SNAPSHOT_EVERY) return;
    const row = {
      seq: state.head.seq,
      hash: state.head.hash,
      state: JSON.stringify(snapshotState(state.economy)),
    };
    await this.store.write((writer) => writer.insertSnapshot(row));
    this.lastSnapshotSeq = row.seq;
  }
}
