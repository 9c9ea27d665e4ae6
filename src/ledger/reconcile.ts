import { emptyLedgerState, type LedgerState, ReplayMismatch, replayEntry } from './ledger-state.js';
import type { BalanceRow, LedgerStore } from './store.js';

/** The stored and the live balances, read at one head (the caller makes sure nothing moved between). */
export interface BalanceCapture {
  readonly headSeq: bigint;
  readonly stored: readonly BalanceRow[];
  readonly replica: readonly BalanceRow[];
}

/** One balance on which the journal, the stored projection and the live replica do not all agree. */
export interface BalanceDifference {
  readonly account: string;
  readonly asset: string;
  /** What replaying the journal from genesis gives. */
  readonly journal: string;
  /** The `balances` table. */
  readonly stored: string;
  /** This process's in-memory projection. */
  readonly replica: string;
}

export interface BalanceReconciliation {
  readonly headSeq: bigint;
  readonly headHash: string;
  readonly entries: bigint;
  /** The first entry that does not replay (then the balances compared are those up to it). */
  readonly brokenEntry: { readonly seq: bigint; readonly reason: string } | undefined;
  readonly balancesCompared: number;
  readonly differences: BalanceDifference[];
  /** The replayed state, for the caller's own comparisons. */
  readonly replayed: LedgerState;
}

const PAGE = 10_000;

/**
 * Replays the journal from genesis and compares every balance with the stored projection and the live
 * replica, listing every difference (where `tokenmall verify` stops at the first). The replay yields to
 * the event loop between pages, so a server keeps answering while it runs.
 */
export async function reconcileBalances(
  store: LedgerStore,
  capture: BalanceCapture,
  onProgress?: (seq: bigint) => void,
): Promise<BalanceReconciliation> {
  const state = emptyLedgerState();
  let brokenEntry: BalanceReconciliation['brokenEntry'];
  const until = capture.headSeq;
  replay: for (;;) {
    const entries = await store.readEntries(state.head.seq, PAGE);
    if (entries.length === 0) break;
    for (const entry of entries) {
      if (entry.seq > until) break replay;
      try {
        replayEntry(state, entry, { project: true });
      } catch (error) {
        if (!(error instanceof ReplayMismatch)) throw error;
        brokenEntry = { seq: error.seq, reason: error.reason };
        break replay;
      }
    }
    onProgress?.(state.head.seq);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const stored = new Map<string, string>();
  for (const [account, asset, amount] of capture.stored) stored.set(`${account} ${asset}`, amount);
  const live = new Map<string, string>();
  for (const [account, asset, amount] of capture.replica) live.set(`${account} ${asset}`, amount);
  const keys = new Set<string>(stored.keys());
  for (const key of live.keys()) keys.add(key);
  const journal = new Map<string, string>();
  for (const [account, asset, amount] of state.balances.rows()) {
    const key = `${account} ${asset}`;
    journal.set(key, amount);
    keys.add(key);
  }
  const differences: BalanceDifference[] = [];
  for (const key of [...keys].sort()) {
    const fromJournal = journal.get(key) ?? '0';
    const fromStore = stored.get(key) ?? '0';
    const fromReplica = live.get(key) ?? '0';
    // A zero balance and no row are the same balance.
    if (fromJournal === fromStore && fromJournal === fromReplica) continue;
    const [account, asset] = key.split(' ') as [string, string];
    differences.push({ account, asset, journal: fromJournal, stored: fromStore, replica: fromReplica });
  }
  return {
    headSeq: state.head.seq,
    headHash: state.head.hash,
    entries: state.head.seq,
    brokenEntry,
    balancesCompared: keys.size,
    differences,
    replayed: state,
  };
}
