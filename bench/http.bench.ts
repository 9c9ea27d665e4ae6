/**
 * `npm run bench:http`: the mall's speed over HTTP on loopback (the HTTP issue's benchmark section). Not
 * a test: it asserts nothing and never runs in `npm test`. `tokenmall serve` runs as a child process
 * (its own core), autocannon drives it from this process, on SQLite and then on PostgreSQL, each on a
 * fresh store that `serve` seeds with the demo wine shop:
 *
 * - paid orders/s: each of CONNECTIONS virtual users loops checkout -> start a gateway payment -> the
 *   gateway's signed notification; per-step and per-order latency p50/p99/max;
 * - completed orders/s: the same, then ship and deliver (the merchant's staff) and the buyer's
 *   confirmation, whose answer shows the order completed with its journal entry (the economy applied);
 * - the reference: a bare Fastify app (one JSON route) in its own process, same connections;
 * - where the CPU went in each measured window (server, PostgreSQL, load generator, everything else:
 *   this machine is shared, so a busy neighbour shows there), and the server's CPU per request;
 * - after each store's phases, `tokenmall verify` on the store (it must print `ok`);
 * - with BENCH_PROFILE=1, the server's CPU profile (`node --cpu-prof`) summed up by function and place,
 *   and on PostgreSQL the statements per request and the costliest ones (pg_stat_statements).
 *
 * Buyers are registered (scrypt) and SKU stock is set high before any timing. Each phase warms up
 * unmeasured, then measures on the same connections. Targets (SQLite, this 2-core machine): >= 5,000
 * paid orders/s with every step's p99 under 50 ms; >= 1,000 completed orders/s. PostgreSQL is a
 * throwaway server (scripts/postgres-server.js); everything lives in a temporary folder removed at the
 * end, on an error or on Ctrl-C, and every child process is killed.
 *
 * Environment:
 *   BENCH_SCALE=small          a quick run: 200 buyers, 5 s phases, 2 s warm-ups, 3 s reference
 *                              (default full: 2,000 buyers, 20 s phases, 5 s warm-ups, 10 s reference)
 *   BENCH_CONNECTIONS (64), BENCH_BUYERS, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_REFERENCE_SECONDS
 *   BENCH_PROFILE=1            profile the server (and PostgreSQL's statements) and print the hot spots
 *   BENCH_SQLITE_DIR=/dev/shm  put the SQLite store there (on tmpfs, to see what fsync costs)
 *   BENCH_SKIP=sqlite,postgres,reference,lifecycle   leave parts out
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { readConfig } from './http/config.js';
import { type CpuTargets, machineBusyPercent } from './http/cpu.js';
import { lifecycleSteps, paidOrderSteps } from './http/flows.js';
import { type ChainRun, type PlainRun, runChain, runPlain, type Step } from './http/load.js';
import { killChildren, startBareFastify, startServe, verifyStore } from './http/processes.js';
import { profileLines, readProfile, summarizeProfile } from './http/profile.js';
import {
  int,
  line,
  printChainRun,
  printPlainRun,
  printTable,
  type StoreFigures,
  storeRows,
  type TableRow,
} from './http/report.js';
import { setUpShop } from './http/shop.js';
import {
  readStatements,
  resetStatements,
  STATEMENT_SETTINGS,
  type StatementFigures,
  statementLines,
} from './http/statements.js';
import { createDatabase, loadPostgresServer, withClient } from './ledger/postgres.js';

const config = readConfig();
const GATEWAY_SECRET = 'bench-http-gateway-secret';
const PROFILE_TOP = 25;
const BACKGROUND_SAMPLE_MS = 2000;
const STATEMENTS_TOP = 12;

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

async function referencePart(): Promise<PlainRun> {
  line();
  line(
    `reference: bare Fastify (one GET route answering {"ok":true}), ${config.connections} connections, ${config.referenceSeconds} s after a ${config.warmupSeconds} s warm-up`,
  );
  const server = await startBareFastify();
  cleanups.push(() => server.stop());
  try {
    const run = await runPlain(server.url, {
      connections: config.connections,
      seconds: config.referenceSeconds,
      warmupSeconds: config.warmupSeconds,
      cpu: { serverPid: server.pid },
    });
    printPlainRun(run);
    return run;
  } finally {
    await server.stop();
  }
}

/** Where a phase runs: the server's URL, the store's (for PostgreSQL's counters), whose CPU to read. */
interface PhaseTarget {
  readonly serverUrl: string;
  readonly storeUrl: string;
  readonly cpu: CpuTargets;
  /** Read pg_stat_statements over the measured window (PostgreSQL with BENCH_PROFILE=1). */
  readonly statements: boolean;
}

/** One measured phase: the chain on the configured connections, printed as it ends. */
async function measurePhase(
  title: string,
  unit: string,
  steps: readonly Step[],
  target: PhaseTarget,
  seconds: number,
): Promise<ChainRun> {
  line(
    `  ${title}, ${config.connections} connections, ${seconds} s after a ${config.warmupSeconds} s warm-up`,
  );
  let statements: StatementFigures | undefined;
  const window = target.statements
    ? {
        opened: () => resetStatements(target.storeUrl),
        closed: async () => {
          statements = await readStatements(target.storeUrl, STATEMENTS_TOP);
        },
      }
    : undefined;
  const run = await runChain(target.serverUrl, steps, {
    connections: config.connections,
    warmupSeconds: config.warmupSeconds,
    seconds,
    cpu: target.cpu,
    window,
  });
  printChainRun(run, unit);
  if (statements !== undefined) {
    for (const text of statementLines(statements, run.requestsPerSecond * run.seconds, run.seconds))
      line(`    ${text}`);
  }
  return run;
}

/** One store: a fresh server on it, the shop set up, the paid and lifecycle phases, then verify. */
async function storePart(
  label: string,
  url: string,
  dir: string,
  databasePid?: number,
): Promise<StoreFigures> {
  line();
  const profileDir = config.profile ? mkdtempSync(join(dir, 'profile-')) : undefined;
  const server = await startServe(url, { TOKENMALL_GATEWAY_SECRET: GATEWAY_SECRET }, profileDir);
  cleanups.push(() => server.stop());
  let paid: ChainRun;
  let lifecycle: ChainRun | undefined;
  try {
    const shop = await setUpShop(server.url, server.output(), config.buyers);
    line(
      `${label}: demo shop seeded, ${shop.skus.length} SKUs with stock set high, ${shop.buyerTokens.length} buyers registered in ${shop.registerSeconds.toFixed(1)} s (${int(shop.buyerTokens.length / shop.registerSeconds)}/s, not timed below)`,
    );
    const target: PhaseTarget = {
      serverUrl: server.url,
      storeUrl: url,
      cpu: { serverPid: server.pid, databasePid },
      statements: config.profile && databasePid !== undefined,
    };
    paid = await measurePhase(
      'paid orders (checkout -> pay -> gateway notify)',
      'paid orders',
      paidOrderSteps(shop, GATEWAY_SECRET),
      target,
      config.paidSeconds,
    );
    if (!config.skip.has('lifecycle')) {
      lifecycle = await measurePhase(
        'whole life (paid order -> ship -> deliver -> confirm)',
        'completed orders',
        lifecycleSteps(shop, GATEWAY_SECRET),
        target,
        config.lifecycleSeconds,
      );
    }
  } catch (error) {
    process.stderr.write(`server output:\n${server.output().slice(-4000)}\n`);
    throw error;
  } finally {
    await server.stop();
  }
  if (profileDir !== undefined) {
    for (const text of profileLines(summarizeProfile(readProfile(profileDir), PROFILE_TOP)))
      line(`  ${text}`);
  }
  const verify = await verifyStore(url);
  line(`  tokenmall verify: ${verify.text}`);
  return { label, paid, lifecycle, verify };
}

/** A throwaway PostgreSQL server with a fresh database: its URL and the postmaster's pid. */
async function startDatabase(dir: string): Promise<{ url: string; postmasterPid: number | undefined }> {
  const postgresServer = await loadPostgresServer();
  const started = await postgresServer.startPostgres(config.profile ? { settings: STATEMENT_SETTINGS } : {});
  cleanups.push(() => started.stop());
  const version = await withClient(
    started.url,
    async (c) => (await c.query('show server_version')).rows[0].server_version,
  );
  line();
  line(
    `PostgreSQL ${version} on port ${started.port} (fsync=on, synchronous_commit=on, shared_buffers=256MB; under ${dir})`,
  );
  const pidText = readFileSync(join(started.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0];
  const postmasterPid = Number(pidText);
  return {
    url: await createDatabase(started.url, 'http_bench'),
    postmasterPid: Number.isSafeInteger(postmasterPid) && postmasterPid > 0 ? postmasterPid : undefined,
  };
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  line(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform} ${process.arch}, scale ${config.scale}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'tokenmall-http-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  cleanups.push(removeDir);
  process.once('exit', removeDir);

  const background = await machineBusyPercent(BACKGROUND_SAMPLE_MS);
  line(
    `before the run, other processes kept the machine ${int(background)}% busy (of ${cpus().length * 100}%)${background > 20 ? ': figures below are lower than on an idle machine' : ''}`,
  );
  const reference = config.skip.has('reference') ? undefined : await referencePart();
  const stores: StoreFigures[] = [];
  if (!config.skip.has('sqlite')) {
    const sqliteDir =
      config.sqliteDir === undefined ? dir : mkdtempSync(join(config.sqliteDir, 'tokenmall-http-bench-'));
    if (sqliteDir !== dir) cleanups.push(() => rmSync(sqliteDir, { recursive: true, force: true }));
    stores.push(await storePart('SQLite', `sqlite:${join(sqliteDir, 'store.db')}`, dir));
  }
  if (!config.skip.has('postgres')) {
    const database = await startDatabase(dir);
    stores.push(await storePart('PostgreSQL', database.url, dir, database.postmasterPid));
  }

  line();
  line(`summary (${config.connections} connections; targets from the issue apply to SQLite):`);
  const rows: TableRow[] = [];
  if (reference) {
    rows.push(
      {
        measure: 'reference: bare Fastify requests/s',
        result: int(reference.requestsPerSecond),
        target: '-',
        met: undefined,
      },
      {
        measure: 'reference: bare Fastify p99',
        result: `${reference.p99Ms.toFixed(1)} ms`,
        target: '-',
        met: undefined,
      },
    );
  }
  for (const s of stores) rows.push(...storeRows(s, s.label === 'SQLite'));
  printTable(rows);
  line(`bench:http took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    killChildren();
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.once('exit', killChildren);

try {
  await main();
} catch (error) {
  if (!interrupted) {
    process.stderr.write(`bench:http failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
// Keep-alive sockets or an idle pool must not keep a finished benchmark alive.
process.exit(interrupted ? 130 : undefined);
