/**
 * `npm run bench:dividends`: one dividend run over 1M holders, end to end through the journal, on SQLite
 * and on PostgreSQL (the dividends issue's benchmark). Not a test: it asserts nothing and never runs in
 * `npm test`. For each store it:
 *
 * - builds a store of HOLDERS holders through the sequencer (`Ledger.submit`, batches of 5,000, at most
 *   IN_FLIGHT unanswered): members m0, m1, ... each order once, which gives each points and dividend
 *   quota and fills the dividend fund; the time is printed, not part of the target;
 * - times one `{type:'dividends'}` command with key `dividends:<date>` as the mall's runDividends sends
 *   it (src/dividends/run-dividends.ts: a unit of work, `Ledger.run`, that journals `mallCommand(key,
 *   {type:'dividends'})`), from the call until the unit is answered, i.e. durably committed: the entry
 *   with every payout, its postings, the balance projection and whatever rows the journal writes with
 *   it; then, timed apart, the read-back of the entry's events that runDividends does next;
 * - prints the payouts, the entry's size, and where the transaction's wall time goes (each call on the
 *   store's writer is timed; the gaps between them are the sequencer's CPU: the engine, the entry's JCS
 *   and hash, the balance rows), with garbage-collection pauses; with BENCH_PROFILE=1 also a CPU profile
 *   of the run by function and by file;
 * - runs `verify` on the store (the holders are real journaled state: it replays every entry).
 *
 * Target (SQLite): the run under 30 s. PostgreSQL is a throwaway server (scripts/postgres-server.js:
 * fsync=on, synchronous_commit=on, shared_buffers=256MB); everything lives in a temporary folder that is
 * removed at the end, on an error or on Ctrl-C. The full run takes about 13 minutes, most of it building
 * the PostgreSQL store (see docs/benchmarks.md).
 *
 * Environment (the defaults are the issue's full workload):
 *   BENCH_SCALE=small          10,000 holders instead of 1,000,000
 *   BENCH_HOLDERS, BENCH_IN_FLIGHT (default 20000)   override one figure
 *   BENCH_SKIP=sqlite,postgres,verify   leave parts out
 *   BENCH_PROFILE=1            CPU-profile the dividend run (node:inspector; adds a little overhead)
 *   BENCH_PROFILE_OUT=FILE     with BENCH_PROFILE, also save it as FILE (a .cpuprofile)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { StartedPostgres } from '../scripts/postgres-server.js';
import { progressBar } from '../src/cli/progress.js';
import { Ledger, mallCommand, openStore, verifyJournal } from '../src/ledger/index.js';
import { type DividendsConfig, readConfig } from './dividends/config.js';
import { type ProfileSummary, startProfile, watchGc } from './dividends/profile.js';
import { phasesOf, traceWrites, type WriteTrace } from './dividends/timeline.js';
import { checkpoint, createDatabase, loadPostgresServer, withClient } from './ledger/postgres.js';
import { int, line, mib, seconds, verdict } from './ledger/report.js';
import { drive, orderStream } from './ledger/workload.js';

type StoreKind = 'sqlite' | 'postgres';

const TARGET_SECONDS = 30;

interface Build {
  readonly seconds: number;
  readonly rejected: number;
  readonly entries: bigint;
  readonly holders: number;
  readonly fundFen: bigint;
}

interface DividendRun {
  readonly seconds: number;
  readonly commitEndSeconds: number;
  readonly acknowledged: boolean;
  readonly answer: string;
  /** runDividends' read of the entry's events after the commit. */
  readonly readBackSeconds: number;
  readonly payouts: number;
  readonly paidFen: string;
  readonly postingsChars: number;
  readonly eventsChars: number;
  readonly postings: number;
  readonly balanceRows: number;
  readonly trace: WriteTrace;
  readonly gc: { pauses: number; ms: number; longestMs: number };
  /** CPU time of this process during the run (user + system): well below the wall time means waiting. */
  readonly cpuSeconds: number;
  /** The 1-minute load average just before the run: above the 2 cores, others competed for them. */
  readonly loadBefore: number;
  readonly indexRows: number | undefined;
  readonly storeBytes: number;
  readonly profile: ProfileSummary | undefined;
}

interface StoreFigures {
  kind: StoreKind;
  build: Build;
  run: DividendRun;
  verify?: { ok: boolean; seconds: number; entries: number; reason?: string };
}

const config = readConfig();
let interrupted = false;
const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | undefined;

/** Runs the cleanup steps once, last registered first; a second caller waits for the same run. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop()!;
      try {
        await step();
      } catch (error) {
        process.stderr.write(`cleanup: ${(error as Error).message}\n`);
      }
    }
  })();
  return cleaning;
}

const storeName = (kind: StoreKind) => (kind === 'sqlite' ? 'SQLite' : 'PostgreSQL');

/** Each holder orders once, through the sequencer, with a progress bar (on a terminal) and a line per 10%. */
async function buildStore(ledger: Ledger, holders: number): Promise<Build> {
  const bar = progressBar('  building', holders);
  const tenth = Math.max(1, Math.round(holders / 10));
  let nextLine = tenth;
  const next = orderStream({ prefix: 'h', members: holders, newMembers: holders, seed: 11 });
  const start = process.hrtime.bigint();
  const result = await drive(ledger, holders, next, {
    inFlight: config.inFlight,
    progressEvery: Math.max(1_000, Math.round(holders / 200)),
    onProgress: (done, elapsed) => {
      bar.update(done);
      if (done < nextLine) return;
      nextLine += tenth;
      const rate = done / elapsed;
      if (!process.stderr.isTTY)
        line(
          `  building: ${done}/${holders} holders after ${elapsed.toFixed(0)} s, ${int(rate)}/s, about ${int((holders - done) / rate)} s left`,
        );
    },
  });
  // The last batch's snapshot (when one is due) is written after its answers: wait for it too.
  await ledger.sequencer.drain();
  const elapsed = seconds(start);
  bar.finish(holders);
  const economy = ledger.state.economy;
  return {
    seconds: elapsed,
    rejected: result.rejected,
    entries: ledger.state.head.seq,
    holders: economy.holders.size,
    fundFen: economy.dividendFund,
  };
}

async function storeBytes(kind: StoreKind, url: string): Promise<number> {
  if (kind === 'sqlite') {
    const path = url.slice('sqlite:'.length);
    let total = 0;
    for (const file of [path, `${path}-wal`]) {
      try {
        total += statSync(file).size;
      } catch {
        // No WAL file after a clean close.
      }
    }
    return total;
  }
  return withClient(url, async (c) =>
    Number((await c.query('select pg_database_size(current_database()) as n')).rows[0].n),
  );
}

/** Rows `journal_accounts` holds for the entry, when the schema has that index (undefined otherwise). */
async function indexRowsOf(kind: StoreKind, url: string, seq: bigint): Promise<number | undefined> {
  const query = 'select count(*) as n from journal_accounts where seq = ';
  try {
    if (kind === 'sqlite') {
      const db = new Database(url.slice('sqlite:'.length), { readonly: true });
      try {
        return Number((db.prepare(`${query}?`).get(seq) as { n: number }).n);
      } finally {
        db.close();
      }
    }
    return await withClient(url, async (c) =>
      Number((await c.query(`${query}$1`, [seq.toString()])).rows[0].n),
    );
  } catch {
    return undefined;
  }
}

/** Writes the WAL (SQLite) or every dirty page (PostgreSQL) out now, so the run does not pay for the build's. */
async function settle(kind: StoreKind, url: string, serverUrl: string | undefined): Promise<void> {
  if (kind === 'postgres') {
    await checkpoint(serverUrl!);
    return;
  }
  const db = new Database(url.slice('sqlite:'.length));
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Postings in the JCS text `[[account,asset,amount],...]`: one `[` each after the outer one (the ids here have none). */
function countPostings(text: string): number {
  let count = 0;
  for (let at = text.indexOf('[', 1); at >= 0; at = text.indexOf('[', at + 1)) count++;
  return count;
}

/** One dividend run as the mall's runDividends makes it, timed from the call to the durable answer. */
async function runDividends(ledger: Ledger, kind: StoreKind, url: string): Promise<DividendRun> {
  const date = new Date().toISOString().slice(0, 10);
  const command = mallCommand(`dividends:${date}`, { type: 'dividends' });
  const tracer = traceWrites(ledger.store);
  global.gc?.();
  const stopProfile = config.profile ? await startProfile() : undefined;
  const gcDone = watchGc();
  const loadBefore = loadavg()[0] ?? 0;
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const startNs = Number(start);
  // src/dividends/run-dividends.ts: mall.write((tx) => journal(tx, key, {type:'dividends'})).
  const result = await ledger.run((context) => context.journal(command));
  const elapsed = seconds(start);
  const cpu = process.cpuUsage(cpuBefore);
  const gc = await gcDone();
  const profile = await stopProfile?.(config.profileOut);
  // runDividends then reads the entry back for its figures (committed reads: the reader connection).
  const readStart = process.hrtime.bigint();
  const readBack = await sql<{
    events: string;
  }>`select seq, key, time, events from journal where key = ${command.key}`.execute(ledger.store.reader);
  const readBackSeconds = seconds(readStart);
  if (readBack.rows.length !== 1) throw new Error(`the entry of ${command.key} was not read back`);
  const trace = tracer.last();
  if (trace === undefined) throw new Error('the dividend run wrote no transaction');
  const entry = trace.entries[0];
  if (result.kind !== 'ack' || entry === undefined) {
    throw new Error(
      `the dividend run was not applied: ${result.kind === 'reject' ? `${result.code} ${result.message}` : 'no entry written'}`,
    );
  }
  const events = JSON.parse(entry.events) as Record<string, string>[];
  const ran = events.find((e) => e.type === 'dividends.ran');
  const balanceCall = trace.calls.find((c) => c.name === 'upsertBalances');
  const postingsChars = entry.postings.length;
  const postings = countPostings(entry.postings);
  // The entry's text is over 100 MiB at full scale: keep only its figures.
  trace.entries = [];
  return {
    seconds: elapsed,
    commitEndSeconds: (trace.endNs - startNs) / 1e9,
    acknowledged: true,
    answer: `ack seq ${result.seq}`,
    readBackSeconds,
    payouts: Number(ran?.holders ?? 0),
    paidFen: ran?.paid ?? '0',
    postingsChars,
    eventsChars: entry.events.length,
    postings,
    balanceRows: balanceCall?.rows ?? 0,
    trace,
    gc,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    loadBefore,
    indexRows: await indexRowsOf(kind, url, result.seq),
    storeBytes: await storeBytes(kind, url),
    profile,
  };
}

function printRun(run: DividendRun, kind: StoreKind): void {
  line(
    `  dividend run: ${run.seconds.toFixed(2)} s from the call to the durable answer (${run.answer}; committed at ${run.commitEndSeconds.toFixed(2)} s)${kind === 'sqlite' ? ` (target < ${TARGET_SECONDS} s: ${verdict(run.seconds < TARGET_SECONDS)})` : ''}`,
  );
  line(
    `  payouts: ${run.payouts} holders paid ${run.paidFen} fen; ${run.postings} postings, postings text ${mib(run.postingsChars)} (${run.postingsChars} chars), events ${run.eventsChars} chars; ${run.balanceRows} balance rows upserted${run.indexRows === undefined ? '' : `; ${run.indexRows} journal_accounts rows for the entry`}`,
  );
  line(
    `  then runDividends' read-back of the entry (seq, key, time, events): ${run.readBackSeconds.toFixed(2)} s`,
  );
  if (run.seconds - run.commitEndSeconds > 0.5)
    line(
      `  note: ${(run.seconds - run.commitEndSeconds).toFixed(2)} s between the commit and the answer (a snapshot fell due after this batch?)`,
    );
  const write = run.trace.endNs - run.trace.startNs;
  const part = (ns: number) => `${(ns / 1e9).toFixed(2)} s (${((ns / 1e9 / run.seconds) * 100).toFixed(0)}%)`;
  line(`  where the wall time goes (the transaction took ${part(write)}):`);
  for (const phase of phasesOf(run.trace)) {
    if (phase.ns >= 1e6) line(`    ${part(phase.ns)}  ${phase.label}`);
  }
  line(`    ${part(run.seconds * 1e9 - write)}  outside the transaction (linger, queueing, answering)`);
  line(
    `  garbage collection during the run: ${run.gc.pauses} pauses, ${(run.gc.ms / 1000).toFixed(2)} s in all, the longest ${run.gc.longestMs.toFixed(0)} ms`,
  );
  line(
    `  this process used ${run.cpuSeconds.toFixed(2)} s of CPU during the run; load average before it ${run.loadBefore.toFixed(2)} (${cpus().length} cores)`,
  );
  line(`  store after the run: ${mib(run.storeBytes)}`);
  if (run.profile) {
    const profile = run.profile;
    const share = (ms: number) =>
      `${(ms / 1000).toFixed(2)} s (${((ms / profile.totalMs) * 100).toFixed(0)}%)`;
    line(`  CPU profile of the run (${(profile.totalMs / 1000).toFixed(2)} s sampled), self time by file:`);
    for (const f of profile.byFile.slice(0, 12)) line(`    ${share(f.ms)}  ${f.name}`);
    line('  self time by function:');
    for (const f of profile.byFunction.slice(0, 20)) line(`    ${share(f.ms)}  ${f.name}`);
  }
}

async function verifyStore(url: string): Promise<NonNullable<StoreFigures['verify']>> {
  const store = openStore(url, { writer: false });
  try {
    global.gc?.();
    const start = process.hrtime.bigint();
    const total = Number(await store.entryCount());
    const bar = progressBar('  verify', total);
    const result = await verifyJournal(store, { onProgress: (seq) => bar.update(Number(seq)) });
    bar.finish(Number(result.seq));
    const elapsed = seconds(start);
    return result.ok
      ? { ok: true, seconds: elapsed, entries: Number(result.seq) }
      : { ok: false, seconds: elapsed, entries: Number(result.seq), reason: result.reason };
  } finally {
    await store.close();
  }
}

async function storePart(kind: StoreKind, url: string, serverUrl?: string): Promise<StoreFigures> {
  line();
  line(
    `${storeName(kind)}${kind === 'sqlite' ? ' (WAL, synchronous=FULL)' : ''}: ${config.holders} holders, each one order through the sequencer, then one dividend run`,
  );
  let ledger: Ledger | undefined = await Ledger.open(url);
  let figures: StoreFigures;
  try {
    const build = await buildStore(ledger, config.holders);
    line(
      `  built in ${build.seconds.toFixed(1)} s (${int(config.holders / build.seconds)} orders/s${build.rejected > 0 ? `, ${build.rejected} rejected` : ''}; not part of the target): ${build.entries} entries, ${build.holders} holders, dividend fund ${build.fundFen} fen`,
    );
    await settle(kind, url, serverUrl);
    const run = await runDividends(ledger, kind, url);
    figures = { kind, build, run };
    printRun(run, kind);
    const closing = ledger;
    ledger = undefined;
    await closing.close();
  } finally {
    await ledger?.close().catch(() => undefined);
  }
  if (!config.skip.has('verify')) {
    figures.verify = await verifyStore(url);
    const v = figures.verify;
    line(
      `  verify: ${v.ok ? 'ok' : `FAILED at entry ${v.entries}: ${v.reason}`}, ${v.entries} entries in ${v.seconds.toFixed(1)} s`,
    );
  }
  return figures;
}

function printSummary(results: StoreFigures[]): void {
  line();
  line('summary:');
  for (const { kind, build, run, verify } of results) {
    line(
      `  ${storeName(kind).padEnd(10)} ${run.seconds.toFixed(2)} s for ${run.payouts} payouts (entry postings ${mib(run.postingsChars)})${kind === 'sqlite' ? `, target < ${TARGET_SECONDS} s: ${verdict(run.seconds < TARGET_SECONDS)}` : ''}; store built in ${build.seconds.toFixed(0)} s; verify ${verify === undefined ? 'not run' : verify.ok ? 'ok' : 'FAILED'}`,
    );
  }
}

async function main(settings: DividendsConfig): Promise<void> {
  line(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, scale ${settings.scale} (${settings.holders} holders), ${new Date().toISOString()}, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'tokenmall-dividends-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  cleanups.push(removeDir);
  process.once('exit', removeDir);
  line(`files under ${dir} (removed at the end)`);
  const results: StoreFigures[] = [];

  if (!settings.skip.has('sqlite')) {
    const path = join(dir, 'dividends.sqlite');
    results.push(await storePart('sqlite', `sqlite:${path}`));
    // Free the disk before PostgreSQL builds its own store.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    global.gc?.();
  }

  if (!settings.skip.has('postgres') && !interrupted) {
    const postgresServer = await loadPostgresServer();
    const server: StartedPostgres = await postgresServer.startPostgres();
    cleanups.push(() => server.stop());
    const version = await withClient(
      server.url,
      async (c) => (await c.query('show server_version')).rows[0].server_version,
    );
    line();
    line(
      `PostgreSQL ${version} on port ${server.port} (fsync=on, synchronous_commit=on, shared_buffers=256MB)`,
    );
    const url = await createDatabase(server.url, 'dividends_bench');
    results.push(await storePart('postgres', url, server.url));
  }
  printSummary(results);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

try {
  await main(config);
} catch (error) {
  if (!interrupted) {
    process.stderr.write(`bench:dividends failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
// An unanswered promise or an idle pool must not keep a finished benchmark alive.
process.exit(interrupted ? 130 : undefined);
