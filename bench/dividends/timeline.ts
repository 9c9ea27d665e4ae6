/**
 * Where one sequencer transaction spends its wall time: the store's `write` is wrapped so that every
 * call the sequencer makes on the writer (whatever the writer's methods are: a Proxy times them all) is
 * stamped, and the gaps between the calls are the sequencer's own CPU work (the engine, the entry's
 * text and hash, the balance rows).
 */
import type { JournalEntry } from '../../src/ledger/entry.js';
import type { LedgerStore } from '../../src/ledger/index.js';
import type { LedgerWriter } from '../../src/ledger/store.js';

export interface WriterCall {
  readonly name: string;
  readonly startNs: number;
  readonly endNs: number;
  /** The length of the call's first argument when it is an array (the rows written). */
  readonly rows: number | undefined;
}

export interface WriteTrace {
  readonly startNs: number;
  /** The sequencer's work starts: begin (and the advisory lock on PostgreSQL) is done. */
  workStartNs: number;
  /** The sequencer's work returned: what follows is the commit and its fsync. */
  workEndNs: number;
  endNs: number;
  readonly calls: WriterCall[];
  /** The entries the batch wrote (the first argument of insertEntries). */
  entries: readonly JournalEntry[];
}

const now = () => Number(process.hrtime.bigint());

/** Wraps `store.write`; `last()` is the latest transaction that committed. */
export function traceWrites(store: LedgerStore): { last(): WriteTrace | undefined } {
  const original = store.write.bind(store);
  let last: WriteTrace | undefined;
  store.write = async <T>(work: (writer: LedgerWriter) => Promise<T>): Promise<T> => {
    const trace: WriteTrace = {
      startNs: now(),
      workStartNs: 0,
      workEndNs: 0,
      endNs: 0,
      calls: [],
      entries: [],
    };
    const result = await original(async (writer) => {
      trace.workStartNs = now();
      try {
        return await work(traced(writer, trace));
      } finally {
        trace.workEndNs = now();
      }
    });
    trace.endNs = now();
    last = trace;
    return result;
  };
  return { last: () => last };
}

function traced(writer: LedgerWriter, trace: WriteTrace): LedgerWriter {
  return new Proxy(writer, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      // savepoint wraps a unit's own calls, which are stamped one by one.
      if (typeof value !== 'function' || property === 'savepoint') return value;
      const name = String(property);
      return async (...args: unknown[]) => {
        const first = args[0];
        if (name === 'insertEntries') trace.entries = first as JournalEntry[];
        const startNs = now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          trace.calls.push({
            name,
            startNs,
            endNs: now(),
            rows: Array.isArray(first) ? first.length : undefined,
          });
        }
      };
    },
  });
}

export interface Phase {
  readonly label: string;
  readonly ns: number;
}

/** What the sequencer computes between two writer calls, by the call that follows it. */
const GAP_LABELS: Record<string, string> = {
  lookupKeys: 'replaying entries of other writers, collecting keys',
  insertEntries:
    'sequencer CPU: applyCommand (the engine), then from its effects the balance projection, postings and events JCS, sha256, touched ids',
  upsertBalances: 'sequencer CPU: takeChanged (the changed balances as rows)',
};

/** The transaction as consecutive phases, from begin to commit; their sum is the write's wall time. */
export function phasesOf(trace: WriteTrace): Phase[] {
  const phases: Phase[] = [
    { label: 'begin (+ advisory lock on PostgreSQL)', ns: trace.workStartNs - trace.startNs },
  ];
  let at = trace.workStartNs;
  for (const call of trace.calls) {
    const gap = call.startNs - at;
    if (gap > 0)
      phases.push({ label: GAP_LABELS[call.name] ?? `sequencer CPU before ${call.name}`, ns: gap });
    phases.push({
      label: `store.${call.name}${call.rows === undefined ? '' : ` (${call.rows} rows)`}`,
      ns: call.endNs - call.startNs,
    });
    at = call.endNs;
  }
  if (trace.workEndNs > at)
    phases.push({ label: 'sequencer CPU after the last call', ns: trace.workEndNs - at });
  phases.push({ label: 'commit (+ fsync, WAL checkpoint on SQLite)', ns: trace.endNs - trace.workEndNs });
  return phases;
}
