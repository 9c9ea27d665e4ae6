import type { BalanceProjection } from './balance-projection.js';
import { emptyLedgerState, ReplayMismatch, replayEntry } from './ledger-state.js';
import type { LedgerStore } from './store.js';

export type VerifyResult =
  | { ok: true; seq: bigint; head: string }
  | { ok: false; seq: bigint; reason: string };

const PAGE = 10_000;

/**
 * CONTRACTS.md `verify`: replays the journal from genesis through the engine (never from a snapshot),
 * checking every entry's chain link, parameters, postings, events and hash, then every stored balance
 * against the replay. With `expectedHead`, the chain must also contain that hash (a cut tail shows).
 */
export async function verifyJournal(
  store: LedgerStore,
  options: { expectedHead?: string; onProgress?: (seq: bigint, total: bigint) => void } = {},
): Promise<VerifyResult> {
  const total = await store.entryCount();
  const state = emptyLedgerState();
  let headSeen = options.expectedHead === undefined;
  for (;;) {
    const entries = await store.readEntries(state.head.seq, PAGE);
    if (entries.length === 0) break;
    for (const entry of entries) {
      try {
        // A deleted or reordered entry breaks the seq order or the chain here.
        replayEntry(state, entry, { project: true });
      } catch (error) {
        if (error instanceof ReplayMismatch) return { ok: false, seq: error.seq, reason: error.reason };
        throw error;
      }
      if (!headSeen && entry.hash === options.expectedHead) headSeen = true;
    }
    options.onProgress?.(state.head.seq, total);
  }
  if (BigInt(total) !== state.head.seq) {
    return { ok: false, seq: state.head.seq + 1n, reason: 'entries beyond a gap in the sequence' };
  }
  const balanceProblem = await compareBalances(store, state.balances);
  if (balanceProblem !== undefined) return { ok: false, seq: state.head.seq, reason: balanceProblem };
  if (!headSeen) {
    return {
      ok: false,
      seq: state.head.seq + 1n,
      reason: `head ${options.expectedHead} is not in the chain`,
    };
  }
  return { ok: true, seq: state.head.seq, head: state.head.hash };
}

async function compareBalances(store: LedgerStore, replayed: BalanceProjection): Promise<string | undefined> {
  const stored = new Map<string, string>();
  for (const [account, asset, amount] of await store.readBalances())
    stored.set(`${account} ${asset}`, amount);
  for (const [account, asset, amount] of replayed.rows()) {
    const key = `${account} ${asset}`;
    const have = stored.get(key) ?? '0';
    if (have !== amount) return `stored balance ${key} is ${have}, the journal gives ${amount}`;
    stored.delete(key);
  }
  for (const [key, amount] of stored) {
    if (amount !== '0') return `stored balance ${key} is ${amount}, the journal gives 0`;
  }
  return undefined;
}
