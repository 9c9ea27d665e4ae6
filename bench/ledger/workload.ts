/** Orders through the sequencer: the commands, the bounded-in-flight driver and a profile of its writes. */

import type { JournalEntry } from '../../src/ledger/entry.js';
import type { Ledger, LedgerCommand, LedgerStore } from '../../src/ledger/index.js';
import { parseLedgerLine } from '../../src/ledger/index.js';
import type { BalanceRow, LedgerWriter, RejectionRow } from '../../src/ledger/store.js';
import { SeededRandom } from '../../src/simulate/random.js';

const encoder = new TextEncoder();

/** One order as a client sends it: a JSON line through the same parser as `apply` and the API. */
export function orderCommand(key: string, member: string, amount: number): LedgerCommand {
  const line = JSON.stringify({ key, type: 'order', member, amount, profit: Math.floor(amount / 4) });
  const parsed = parseLedgerLine(encoder.encode(line));
  if (!parsed.ok) throw new Error(`bench command ${line} does not parse: ${parsed.message}`);
  return parsed.value;
}

/**
 * A seeded stream of orders: the first `newMembers` orders come from members m0, m1, ... in turn (each a
 * new holder), the rest from random members of the first `members`.
 */
export function orderStream(options: {
  prefix: string;
  members: number;
  newMembers: number;
  seed: number;
}): (i: number) => LedgerCommand {
  const random = new SeededRandom(options.seed);
  return (i) => {
    const member = i < options.newMembers ? i : random.int(0, options.members - 1);
    return orderCommand(`${options.prefix}${i}`, `m${member}`, random.int(990, 200_000));
  };
}

export interface DriveResult {
  readonly seconds: number;
  readonly rejected: number;
  readonly firstRejection: string | undefined;
}

/**
 * Submits `count` commands with at most `inFlight` unanswered, from the first submit to the last
 * acknowledgement: clients that send a new command as soon as one is answered. With `refill: 'burst'`
 * (the default) the free slots are refilled in one synchronous burst on the event-loop turn after the
 * oldest command is answered (a whole batch is answered at once), as requests from sockets would arrive; with 'each' the
 * loop awaits the oldest before every submit, so each refill is a microtask hop that interleaves with the
 * sequencer's own awaits. With `latencies`, records each command's submit-to-answer time in nanoseconds.
 */
export async function drive(
  ledger: Ledger,
  count: number,
  commandAt: (i: number) => LedgerCommand,
  options: {
    inFlight: number;
    refill?: 'burst' | 'each';
    latencies?: Float64Array;
    progressEvery?: number;
    onProgress?: (done: number, seconds: number) => void;
  },
): Promise<DriveResult> {
  const pending: (Promise<void> | undefined)[] = new Array(count);
  const { inFlight, latencies } = options;
  const each = options.refill === 'each';
  let answered = 0;
  let rejected = 0;
  let firstRejection: string | undefined;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    // Answers come in submit order, so the unanswered commands are answered..i-1.
    if (each) {
      if (i >= inFlight) await pending[i - inFlight];
    } else if (i - answered >= inFlight) {
      await pending[i - inFlight];
      // Refill from a new event-loop turn, as requests from sockets would arrive (and so that timers and
      // signals get their turn: SQLite's batches run in microtasks only).
      await new Promise((resume) => setImmediate(resume));
    }
    if (options.onProgress && options.progressEvery && i > 0 && i % options.progressEvery === 0)
      options.onProgress(i, Number(process.hrtime.bigint() - start) / 1e9);
    const command = commandAt(i);
    const submitted = process.hrtime.bigint();
    pending[i] = ledger.submit(command).then((result) => {
      if (latencies) latencies[i] = Number(process.hrtime.bigint() - submitted);
      if (result.kind === 'reject') {
        rejected++;
        firstRejection ??= `${command.key}: ${result.code} ${result.message}`;
      }
      answered++;
      pending[i] = undefined;
    });
  }
  while (answered < count) await pending[answered];
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, rejected, firstRejection };
}

/** What one batch wrote, kept to insert the very same rows again with no engine (the raw limit). */
export interface CapturedBatch {
  entries: JournalEntry[];
  rejections: RejectionRow[];
  balances: BalanceRow[];
}

/** Where the sequencer's transactions spend their time, summed over all batches (nanoseconds). */
export interface WriteProfile {
  batches: number;
  commands: number;
  entries: number;
  balances: number;
  /** The whole `store.write` of batches, from begin to commit. */
  batchNs: number;
  /** Inside the transaction but not in the store: idempotency decisions, the engine, hashing, JCS. */
  engineNs: number;
  catchUpNs: number;
  lookupNs: number;
  insertNs: number;
  upsertNs: number;
  /** begin (with the advisory lock on PostgreSQL) and commit, with its fsync. */
  beginCommitNs: number;
  snapshots: number;
  snapshotBytes: number;
  /** Writing the snapshot row (its own transaction). */
  snapshotWriteNs: number;
  /** From the end of the batch before a snapshot to its write: snapshotState + JSON.stringify. */
  snapshotBuildNs: number;
  largestBatch: number;
}

function emptyProfile(): WriteProfile {
  return {
    batches: 0,
    commands: 0,
    entries: 0,
    balances: 0,
    batchNs: 0,
    engineNs: 0,
    catchUpNs: 0,
    lookupNs: 0,
    insertNs: 0,
    upsertNs: 0,
    beginCommitNs: 0,
    snapshots: 0,
    snapshotBytes: 0,
    snapshotWriteNs: 0,
    snapshotBuildNs: 0,
    largestBatch: 0,
  };
}

/**
 * Wraps the store's `write` (the one the sequencer calls) to time each part of every transaction and,
 * with `capture`, keep the rows it wrote. Adds two clock reads per store call.
 */
export function profileWrites(store: LedgerStore, capture?: CapturedBatch[]): WriteProfile {
  const profile = emptyProfile();
  const original = store.write.bind(store);
  const now = () => Number(process.hrtime.bigint());
  let lastWriteEnd = 0;
  store.write = async <T>(work: (writer: LedgerWriter) => Promise<T>): Promise<T> => {
    const start = now();
    const parts = { catchUp: 0, lookup: 0, insert: 0, upsert: 0, snapshot: 0 };
    let snapshotBytes = -1;
    let commands = 0;
    const batch: CapturedBatch = { entries: [], rejections: [], balances: [] };
    const timed = async <R>(part: keyof typeof parts, call: () => Promise<R>): Promise<R> => {
      const t = now();
      try {
        return await call();
      } finally {
        parts[part] += now() - t;
      }
    };
    let workNs = 0;
    const result = await original(async (writer) => {
      const workStart = now();
      const wrapped: LedgerWriter = {
        db: writer.db,
        savepoint: (work) => writer.savepoint(work),
        insertAccountIndex: (rows) => timed('insert', () => writer.insertAccountIndex(rows)),
        upsertHistory: (rows) => timed('upsert', () => writer.upsertHistory(rows)),
        entriesAfter: (afterSeq) => timed('catchUp', () => writer.entriesAfter(afterSeq)),
        lookupKeys: (keys) => {
          commands = keys.length;
          return timed('lookup', () => writer.lookupKeys(keys));
        },
        insertEntries: (entries) => {
          if (capture) batch.entries = entries as JournalEntry[];
          profile.entries += entries.length;
          return timed('insert', () => writer.insertEntries(entries));
        },
        insertRejections: (rows) => {
          if (capture) batch.rejections = rows as RejectionRow[];
          return timed('insert', () => writer.insertRejections(rows));
        },
        insertParameters: (rows) => timed('insert', () => writer.insertParameters(rows)),
        upsertBalances: (rows) => {
          if (capture) batch.balances = rows as BalanceRow[];
          profile.balances += rows.length;
          return timed('upsert', () => writer.upsertBalances(rows));
        },
        insertSnapshot: (row) => {
          snapshotBytes = row.state.length;
          return timed('snapshot', () => writer.insertSnapshot(row));
        },
      };
      try {
        return await work(wrapped);
      } finally {
        workNs = now() - workStart;
      }
    });
    const end = now();
    if (snapshotBytes >= 0) {
      profile.snapshots++;
      profile.snapshotBytes += snapshotBytes;
      profile.snapshotWriteNs += end - start;
      if (lastWriteEnd > 0) profile.snapshotBuildNs += start - lastWriteEnd;
    } else {
      profile.batches++;
      profile.commands += commands;
      profile.largestBatch = Math.max(profile.largestBatch, commands);
      profile.batchNs += end - start;
      profile.catchUpNs += parts.catchUp;
      profile.lookupNs += parts.lookup;
      profile.insertNs += parts.insert;
      profile.upsertNs += parts.upsert;
      profile.engineNs += workNs - parts.catchUp - parts.lookup - parts.insert - parts.upsert;
      profile.beginCommitNs += end - start - workNs;
      if (capture) capture.push(batch);
    }
    lastWriteEnd = end;
    return result;
  };
  return profile;
}
