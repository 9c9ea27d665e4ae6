/**
 * `npm run bench:ledger`: the journal's speed in one run (the ledger issue's benchmark section). Not a
 * test: it asserts nothing and never runs in `npm test`. On this machine it prints:
 *
 * - durable orders/s and p50/p99 acknowledgement latency through the sequencer (`Ledger.submit`, answered
 *   only once its batch is committed) on SQLite and on PostgreSQL: ORDERS orders from MEMBERS members,
 *   at most IN_FLIGHT unanswered, from the first submit to the last acknowledgement, with where the time
 *   goes inside the sequencer's transactions;
 * - the raw limit of each storage: the very rows that run wrote (entries, balance upserts), in the same
 *   batches, inserted into a fresh database of the same schema straight through the driver (no engine,
 *   no hashing), and each durable figure as a ratio of it;
 * - on that same PostgreSQL server, pgbench's TPC-B-like TPS (`pgbench -i -s 10`, then `-c 1 -j 1` and
 *   `-c 8 -j 2`, 30 s each), and the ledger's figure as a ratio of the better one;
 * - `verify` speed (entries/s) on each store, and start-up time (`loadLedgerState` in a fresh process)
 *   on a store of 1M holders and 5M entries built through the sequencer (progress printed; over 10
 *   minutes on SQLite is accepted and said): from the latest snapshot, from the one before it (the longest
 *   replay a start-up meets, up to 100k entries) and with no snapshot (every entry replayed);
 * - each target of the issue with "meets target" or "MISSES target".
 *
 * Targets: SQLite >= 50,000 durable orders/s; PostgreSQL >= 20,000 and >= 4x pgbench's better TPS; each
 * >= 30% of its raw limit. PostgreSQL is a throwaway server (scripts/postgres-server.js: fsync=on,
 * synchronous_commit=on, shared_buffers=256MB); everything lives in a temporary folder that is removed at
 * the end, on an error or on Ctrl-C. The full run takes about half an hour (building the 5M-entry store
 * through the sequencer is most of it) and needs a few GB of free disk under $TMPDIR.
 *
 * Environment (the defaults are the issue's full workload):
 *   BENCH_SCALE=small          a smoke run: 50k orders from 10k members, 5 s pgbench runs, a start-up
 *                              store of 50k holders and 200k entries (default: full = 300k orders from
 *                              100k members, 30 s pgbench runs, 1M holders and 5M entries)
 *   BENCH_REFILL=each          refill each free in-flight slot with its own await (a microtask hop)
 *                              instead of one synchronous burst per answered batch (default burst)
 *   BENCH_ORDERS, BENCH_MEMBERS, BENCH_IN_FLIGHT (default 20000), BENCH_PGBENCH_SCALE (10),
 *   BENCH_PGBENCH_SECONDS, BENCH_STARTUP_HOLDERS, BENCH_STARTUP_ENTRIES   override one figure
 *   BENCH_STARTUP_ON=sqlite,postgres   where to build the start-up store (default sqlite only)
 *   BENCH_SKIP=sqlite,postgres,pgbench,raw,verify,startup   leave parts out
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { StartedPostgres } from '../scripts/postgres-server.js';
import { Ledger, type LedgerCommand, openStore, verifyJournal } from '../src/ledger/index.js';
import { type BenchConfig, readConfig, type StoreKind } from './ledger/config.js';
import {
  checkpoint,
  createDatabase,
  loadPostgresServer,
  Pgbench,
  type PgbenchResult,
  withClient,
} from './ledger/postgres.js';
import { type RawResult, rawPostgres, rawSqlite } from './ledger/raw.js';
import { int, line, mib, percentilesMs, profileLines, seconds, verdict } from './ledger/report.js';
import {
  type CapturedBatch,
  drive,
  orderStream,
  profileWrites,
  type WriteProfile,
} from './ledger/workload.js';

const runChild = promisify(execFile);
/** Start-up children still running: Ctrl-C kills them before the folder they use is removed. */
const children = new Set<ChildProcess>();

interface SequencerRun {
  readonly ordersPerSecond: number;
  readonly seconds: number;
  readonly rejected: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly profile: WriteProfile;
  readonly batches: CapturedBatch[];
}

interface StoreFigures {
  run?: SequencerRun;
  raw?: RawResult;
  verify?: { entriesPerSecond: number; entries: number; seconds: number; ok: boolean };
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

/** The throughput run: every command submitted through the sequencer, timed, its writes profiled. */
async function measureSequencer(url: string, commands: readonly LedgerCommand[]): Promise<SequencerRun> {
  const ledger = await Ledger.open(url);
  let open = true;
  try {
    const batches: CapturedBatch[] = [];
    const profile = profileWrites(ledger.store, config.skip.has('raw') ? undefined : batches);
    const latencies = new Float64Array(commands.length);
    global.gc?.();
    const result = await drive(ledger, commands.length, (i) => commands[i]!, {
      inFlight: config.inFlight,
      refill: config.refill,
      latencies,
    });
    open = false;
    await ledger.close();
    const [p50, p99, max] = percentilesMs(latencies, [0.5, 0.99, 1]);
    if (result.firstRejection)
      line(`  note: ${result.rejected} rejected, the first ${result.firstRejection}`);
    return {
      ordersPerSecond: commands.length / result.seconds,
      seconds: result.seconds,
      rejected: result.rejected,
      p50Ms: p50!,
      p99Ms: p99!,
      maxMs: max!,
      profile,
      batches,
    };
  } finally {
    if (open) await ledger.close().catch(() => undefined);
  }
}

async function verifySpeed(url: string): Promise<NonNullable<StoreFigures['verify']>> {
  const store = openStore(url, { writer: false });
  try {
    global.gc?.();
    const start = process.hrtime.bigint();
    const result = await verifyJournal(store);
    const elapsed = seconds(start);
    if (!result.ok) line(`  verify FAILED at entry ${result.seq}: ${result.reason}`);
    const entries = Number(result.seq);
    return { entriesPerSecond: entries / elapsed, entries, seconds: elapsed, ok: result.ok };
  } finally {
    await store.close();
  }
}

function printRun(run: SequencerRun): void {
  line(
    `  durable orders/s: ${int(run.ordersPerSecond)} (${run.seconds.toFixed(2)} s${run.rejected > 0 ? `, ${run.rejected} rejected` : ''})`,
  );
  line(
    `  acknowledgement latency (submit to answer): p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms, max ${run.maxMs.toFixed(1)} ms`,
  );
  for (const text of profileLines(run.profile, run.seconds)) line(`    ${text}`);
}

function printRaw(raw: RawResult, run: SequencerRun): number {
  const rowsPerSecond = raw.entries / raw.seconds;
  line(
    `  raw limit: the same ${raw.entries} entries + ${raw.balances} balance upserts in ${raw.batches} transactions, no engine: ${int(rowsPerSecond)} entries/s (${raw.seconds.toFixed(2)} s)`,
  );
  const ratio = run.ordersPerSecond / rowsPerSecond;
  line(`  durable / raw: ${(ratio * 100).toFixed(1)}% (target >= 30%: ${verdict(ratio >= 0.3)})`);
  return ratio;
}

function printVerify(verify: NonNullable<StoreFigures['verify']>): void {
  line(
    `  verify: ${verify.entries} entries in ${verify.seconds.toFixed(2)} s: ${int(verify.entriesPerSecond)} entries/s${verify.ok ? '' : ' (FAILED)'}`,
  );
}

async function sqlitePart(dir: string, commands: readonly LedgerCommand[]): Promise<StoreFigures> {
  const figures: StoreFigures = {};
  const path = join(dir, 'ledger.sqlite');
  line();
  line(
    `SQLite (WAL, synchronous=FULL): ${commands.length} orders from ${config.members} members, at most ${config.inFlight} in flight (refill: ${config.refill})`,
  );
  const run = await measureSequencer(`sqlite:${path}`, commands);
  figures.run = run;
  printRun(run);
  line(`  target >= 50000 durable orders/s: ${verdict(run.ordersPerSecond >= 50_000)}`);
  if (!config.skip.has('raw')) {
    figures.raw = await rawSqlite(join(dir, 'raw.sqlite'), run.batches);
    printRaw(figures.raw, run);
  }
  run.batches.length = 0;
  if (!config.skip.has('verify')) {
    figures.verify = await verifySpeed(`sqlite:${path}`);
    printVerify(figures.verify);
  }
  return figures;
}

async function postgresPart(
  server: StartedPostgres,
  binDir: string,
  commands: readonly LedgerCommand[],
): Promise<{ figures: StoreFigures; pgbench: PgbenchResult[] }> {
  const figures: StoreFigures = {};
  const pgbench: PgbenchResult[] = [];
  if (!config.skip.has('postgres')) {
    line();
    line(
      `PostgreSQL: ${commands.length} orders from ${config.members} members, at most ${config.inFlight} in flight (refill: ${config.refill})`,
    );
    const url = await createDatabase(server.url, 'ledger_bench');
    await checkpoint(server.url);
    const run = await measureSequencer(url, commands);
    figures.run = run;
    printRun(run);
    line(`  target >= 20000 durable orders/s: ${verdict(run.ordersPerSecond >= 20_000)}`);
    if (!config.skip.has('raw')) {
      const rawUrl = await createDatabase(server.url, 'raw_bench');
      await checkpoint(server.url);
      figures.raw = await rawPostgres(rawUrl, run.batches);
      printRaw(figures.raw, run);
    }
    run.batches.length = 0;
    if (!config.skip.has('verify')) {
      figures.verify = await verifySpeed(url);
      printVerify(figures.verify);
    }
  }
  if (!config.skip.has('pgbench')) {
    line();
    await createDatabase(server.url, 'pgbench');
    const bench = new Pgbench(binDir, server.port, 'pgbench');
    const initSeconds = await bench.init(config.pgbenchScale);
    line(
      `pgbench on the same server (TPC-B-like, scale ${config.pgbenchScale}, initialised in ${initSeconds.toFixed(1)} s):`,
    );
    for (const [clients, threads] of [
      [1, 1],
      [8, 2],
    ] as const) {
      await checkpoint(server.url);
      const result = await bench.run(clients, threads, config.pgbenchSeconds);
      pgbench.push(result);
      line(
        `  -c ${clients} -j ${threads} -T ${config.pgbenchSeconds}: ${int(result.tps)} tps${result.latencyMs === undefined ? '' : ` (latency average ${result.latencyMs} ms)`}`,
      );
    }
    const best = Math.max(...pgbench.map((r) => r.tps));
    if (figures.run) {
      const ratio = figures.run.ordersPerSecond / best;
      line(
        `  ledger durable orders/s / pgbench's better TPS: ${ratio.toFixed(2)}x (target >= 4x: ${verdict(ratio >= 4)})`,
      );
    }
  }
  return { figures, pgbench };
}

interface StartupFigures {
  kind: StoreKind;
  buildSeconds: number;
  entries: number;
  holdersOrdered: number;
  rejected: number;
  storeBytes: number;
  snapshots: { count: number; lastSeq: number; bytes: number };
  withSnapshot?: ChildStartup;
  /** From the snapshot before the latest: the longest replay a start-up meets between two snapshots. */
  withEarlierSnapshot?: { replayed: number; startup: ChildStartup };
  withoutSnapshot?: ChildStartup;
  verify?: NonNullable<StoreFigures['verify']>;
}

type ChildStartup =
  | { ok: true; seconds: number; head: string; holders: number; maxRssMiB: number }
  | { ok: false; error: string };

async function childStartup(url: string): Promise<ChildStartup> {
  const child = fileURLToPath(new URL('./ledger/startup-child.js', import.meta.url));
  try {
    if (interrupted) throw new Error('interrupted');
    const running = runChild(process.execPath, [...process.execArgv, child, url], {
      maxBuffer: 16 * 1024 * 1024,
    });
    children.add(running.child);
    const { stdout } = await running.finally(() => children.delete(running.child));
    const last = stdout.trim().split('\n').at(-1) ?? '';
    return { ok: true, ...(JSON.parse(last) as Omit<Extract<ChildStartup, { ok: true }>, 'ok'>) };
  } catch (error) {
    const failed = error as Error & { stderr?: string; code?: number | string; signal?: string };
    const tail = (failed.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    return { ok: false, error: `exit ${failed.code ?? failed.signal ?? '?'}: ${tail || failed.message}` };
  }
}

function printStartup(label: string, startup: ChildStartup | undefined): void {
  if (startup === undefined) return;
  if (!startup.ok) {
    line(`  ${label}: did not finish (${startup.error})`);
    return;
  }
  line(
    `  ${label}: ${startup.seconds.toFixed(2)} s (head ${startup.head}, ${startup.holders} holders; peak RSS ${startup.maxRssMiB} MiB)`,
  );
}

async function snapshotStats(kind: StoreKind, url: string): Promise<StartupFigures['snapshots']> {
  const query =
    'select count(*) as count, coalesce(max(seq), 0) as last, coalesce(sum(length(state)), 0) as bytes from snapshots';
  if (kind === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    try {
      const row = db.prepare(query).get() as { count: number; last: number; bytes: number };
      return { count: row.count, lastSeq: row.last, bytes: row.bytes };
    } finally {
      db.close();
    }
  }
  return withClient(url, async (c) => {
    const row = (await c.query(query)).rows[0];
    return { count: Number(row.count), lastSeq: Number(row.last), bytes: Number(row.bytes) };
  });
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

/** Deletes every snapshot, or with `latestOnly` the latest one (the one before it becomes the latest). */
async function deleteSnapshots(kind: StoreKind, url: string, latestOnly = false): Promise<void> {
  const statement = latestOnly
    ? 'delete from snapshots where seq = (select max(seq) from snapshots)'
    : 'delete from snapshots';
  if (kind === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length));
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
    return;
  }
  await withClient(url, (c) => c.query(statement));
}

/** Builds the start-up store through the sequencer, then times start-ups and verify on it. */
async function startupPart(kind: StoreKind, url: string): Promise<StartupFigures> {
  const { startupHolders: holders, startupEntries: entries } = config;
  line();
  line(
    `start-up store on ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${holders} members each order once, then repeat orders up to ${entries} entries, through the sequencer`,
  );
  const ledger = await Ledger.open(url);
  let result: Awaited<ReturnType<typeof drive>>;
  try {
    const next = orderStream({ prefix: 's', members: holders, newMembers: holders, seed: 2 });
    result = await drive(ledger, entries, next, {
      inFlight: config.inFlight,
      refill: config.refill,
      progressEvery: Math.max(10_000, Math.round(entries / 10)),
      onProgress: (done, elapsed) => {
        const rate = done / elapsed;
        line(
          `  building: ${done}/${entries} entries after ${elapsed.toFixed(0)} s, ${int(rate)}/s, about ${int((entries - done) / rate)} s left`,
        );
      },
    });
  } finally {
    await ledger.close();
  }
  const figures: StartupFigures = {
    kind,
    buildSeconds: result.seconds,
    entries,
    holdersOrdered: holders,
    rejected: result.rejected,
    storeBytes: await storeBytes(kind, url),
    snapshots: await snapshotStats(kind, url),
  };
  const { snapshots } = figures;
  line(
    `  built in ${result.seconds.toFixed(0)} s (${int(entries / result.seconds)} entries/s${result.rejected > 0 ? `, ${result.rejected} rejected` : ''})${result.seconds > 600 ? '; over 10 minutes, which the issue accepts for building this store' : ''}`,
  );
  line(
    `  store: ${mib(figures.storeBytes)} on disk, ${snapshots.count} snapshots (${mib(snapshots.bytes / Math.max(1, snapshots.count))} each, ${mib(snapshots.bytes)} in all), the latest at seq ${snapshots.lastSeq}`,
  );
  figures.withSnapshot = await childStartup(url);
  printStartup(
    `start-up from the latest snapshot (replays ${entries - snapshots.lastSeq} entries after it)`,
    figures.withSnapshot,
  );
  if (!config.skip.has('verify')) {
    figures.verify = await verifySpeed(url);
    printVerify(figures.verify);
  }
  if (snapshots.count >= 2) {
    await deleteSnapshots(kind, url, true);
    const replayed = entries - (await snapshotStats(kind, url)).lastSeq;
    const startup = await childStartup(url);
    figures.withEarlierSnapshot = { replayed, startup };
    printStartup(`start-up from the snapshot before it (replays ${replayed} entries)`, startup);
  }
  await deleteSnapshots(kind, url);
  figures.withoutSnapshot = await childStartup(url);
  printStartup(`start-up with no snapshot (replays all ${entries} entries)`, figures.withoutSnapshot);
  return figures;
}

function printSummary(
  sqlite: StoreFigures | undefined,
  postgres: StoreFigures | undefined,
  pgbench: PgbenchResult[],
  startups: StartupFigures[],
): void {
  line();
  line('summary (targets from the issue):');
  const ratioText = (raw: RawResult | undefined, run: SequencerRun) => {
    if (!raw) return 'raw limit not measured';
    const ratio = run.ordersPerSecond / (raw.entries / raw.seconds);
    return `${(ratio * 100).toFixed(1)}% of the raw ${int(raw.entries / raw.seconds)}/s (>= 30%: ${verdict(ratio >= 0.3)})`;
  };
  if (sqlite?.run) {
    const run = sqlite.run;
    line(
      `  SQLite:     ${int(run.ordersPerSecond)} durable orders/s (>= 50000: ${verdict(run.ordersPerSecond >= 50_000)}), p99 ${run.p99Ms.toFixed(0)} ms; ${ratioText(sqlite.raw, run)}`,
    );
  }
  const best = pgbench.length > 0 ? Math.max(...pgbench.map((r) => r.tps)) : undefined;
  if (postgres?.run) {
    const run = postgres.run;
    line(
      `  PostgreSQL: ${int(run.ordersPerSecond)} durable orders/s (>= 20000: ${verdict(run.ordersPerSecond >= 20_000)}), p99 ${run.p99Ms.toFixed(0)} ms; ${ratioText(postgres.raw, run)}`,
    );
    if (best !== undefined) {
      const ratio = run.ordersPerSecond / best;
      line(
        `              ${ratio.toFixed(2)}x pgbench's better TPS ${int(best)} (>= 4x: ${verdict(ratio >= 4)})`,
      );
    }
  } else if (best !== undefined) {
    line(`  pgbench's better TPS: ${int(best)}`);
  }
  for (const [name, figures] of [
    ['SQLite', sqlite],
    ['PostgreSQL', postgres],
  ] as const) {
    if (figures?.verify)
      line(
        `  verify on ${name}: ${int(figures.verify.entriesPerSecond)} entries/s (${figures.verify.entries} entries)`,
      );
  }
  for (const s of startups) {
    const store = s.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const text = (startup: ChildStartup | undefined) =>
      startup === undefined ? 'not run' : startup.ok ? `${startup.seconds.toFixed(2)} s` : 'did not finish';
    line(
      `  ${store} with ${s.holdersOrdered} holders and ${s.entries} entries: start-up ${text(s.withSnapshot)} from the latest snapshot${s.withEarlierSnapshot ? `, ${text(s.withEarlierSnapshot.startup)} replaying ${s.withEarlierSnapshot.replayed} entries after the one before` : ''}, ${text(s.withoutSnapshot)} with none; verify ${s.verify ? `${int(s.verify.entriesPerSecond)} entries/s` : 'not run'}`,
    );
  }
}

async function main(settings: BenchConfig): Promise<void> {
  line(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, scale ${settings.scale}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'tokenmall-ledger-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  cleanups.push(removeDir);
  // Again on the way out, in case a step still running after Ctrl-C wrote into it after the cleanup.
  process.once('exit', removeDir);
  line(`files under ${dir} (removed at the end)`);

  const needsOrders = !settings.skip.has('sqlite') || !settings.skip.has('postgres');
  const commands: LedgerCommand[] = [];
  if (needsOrders) {
    const next = orderStream({ prefix: 'o', members: settings.members, newMembers: 0, seed: 1 });
    const start = process.hrtime.bigint();
    for (let i = 0; i < settings.orders; i++) commands.push(next(i));
    line(
      `parsed ${settings.orders} order lines beforehand (parseLedgerLine, command hash): ${int(settings.orders / seconds(start))} lines/s, not counted below`,
    );
  }

  let sqlite: StoreFigures | undefined;
  if (!settings.skip.has('sqlite')) sqlite = await sqlitePart(dir, commands);

  let server: StartedPostgres | undefined;
  let binDir = '';
  const needsServer =
    !settings.skip.has('postgres') ||
    !settings.skip.has('pgbench') ||
    (!settings.skip.has('startup') && settings.startupOn.includes('postgres'));
  if (needsServer) {
    const postgresServer = await loadPostgresServer();
    binDir = postgresServer.postgresBinDir();
    const started = await postgresServer.startPostgres();
    server = started;
    cleanups.push(() => started.stop());
    const version = await withClient(
      started.url,
      async (c) => (await c.query('show server_version')).rows[0].server_version,
    );
    line(
      `PostgreSQL ${version} on port ${started.port} (fsync=on, synchronous_commit=on, shared_buffers=256MB)`,
    );
  }

  let postgres: StoreFigures | undefined;
  let pgbench: PgbenchResult[] = [];
  if (server && (!settings.skip.has('postgres') || !settings.skip.has('pgbench'))) {
    const result = await postgresPart(server, binDir, commands);
    postgres = result.figures;
    pgbench = result.pgbench;
  }
  commands.length = 0;

  const startups: StartupFigures[] = [];
  if (!settings.skip.has('startup')) {
    for (const kind of settings.startupOn) {
      global.gc?.();
      const url =
        kind === 'sqlite'
          ? `sqlite:${join(dir, 'startup.sqlite')}`
          : await createDatabase(server!.url, 'startup_bench');
      startups.push(await startupPart(kind, url));
    }
  }
  printSummary(sqlite, postgres, pgbench, startups);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    for (const child of children) child.kill('SIGKILL');
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

try {
  await main(config);
} catch (error) {
  // After Ctrl-C the server goes away under the run: that error is expected, not news.
  if (!interrupted) {
    process.stderr.write(`bench:ledger failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
// An unanswered promise or an idle pool must not keep a finished benchmark alive.
process.exit(interrupted ? 130 : undefined);
