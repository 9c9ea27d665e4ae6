#!/usr/bin/env node
// A throwaway PostgreSQL 15 server for tests and benchmarks, on a temporary folder and a free port.
//
//   node scripts/postgres-server.js     prints TOKENMALL_DATABASE_URL=postgres://... and runs until
//                                       SIGINT/SIGTERM, then stops the server and removes its folder.
//
// The vitest harness (test/support/postgres.ts) imports startPostgres() from here.
// Debian's postgresql-15 refuses to run as root, so as root initdb/pg_ctl run as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PG_VERSION = '15';
const DEFAULT_SETTINGS = {
  listen_addresses: '127.0.0.1',
  fsync: 'on',
  synchronous_commit: 'on',
  shared_buffers: '256MB',
  max_connections: '200',
};

/** The folder holding initdb, pg_ctl and postgres: $TOKENMALL_PG_BIN, else Debian's layout. */
export function postgresBinDir() {
  const dir = process.env.TOKENMALL_PG_BIN || `/usr/lib/postgresql/${PG_VERSION}/bin`;
  if (!existsSync(join(dir, 'pg_ctl'))) {
    throw new Error(
      `PostgreSQL ${PG_VERSION} is not installed (no ${join(dir, 'pg_ctl')}). ` +
        `Run as root: apt-get update && apt-get install -y postgresql-${PG_VERSION}`,
    );
  }
  return dir;
}

/** A port that was free a moment ago (bind port 0 on 127.0.0.1, read it, close). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('could not pick a free port'));
      });
    });
  });
}

/** Runs a PostgreSQL program, as `postgres` when we are root; throws with its output on failure. */
function runPg(asPostgresUser, program, args) {
  const [command, argv] = asPostgresUser
    ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
    : [program, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw new Error(`${command} failed to run: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim();
    throw new Error(`${[command, ...argv].join(' ')} exited with ${result.status}:\n${output}`);
  }
  return result.stdout;
}

function postmasterPid(dataDir) {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/**
 * Starts a fresh PostgreSQL 15 cluster (initdb --locale=C --encoding=UTF8, trust auth, superuser
 * `postgres`) in a temporary folder, listening on 127.0.0.1:<free port> and a unix socket inside the
 * folder. Resolves once it accepts connections.
 *
 * @param {{ settings?: Record<string, string> }} [options] extra or overriding server settings (`-c name=value`)
 * @returns {Promise<{ url: string, port: number, dir: string, stop: () => Promise<void> }>}
 */
export async function startPostgres(options = {}) {
  const binDir = postgresBinDir();
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'tokenmall-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  let running = false;
  let removed = false;

  const stopSync = () => {
    if (running) {
      running = false;
      try {
        runPg(isRoot, join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } catch (error) {
        // Leave the folder for a look if the server would not stop; say so.
        console.error(`postgres-server: could not stop the server in ${dir}: ${error.message}`);
        return;
      }
    }
    if (!removed) {
      removed = true;
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // Last resort if our process exits without calling stop() (spawnSync works inside 'exit').
  const onExit = () => stopSync();

  try {
    if (isRoot) {
      execFileSync('chown', ['-R', 'postgres:postgres', dir]);
      // The folder's parents must let `postgres` in (e.g. TMPDIR under /root would not).
      try {
        runPg(true, 'test', ['-w', dir, '-a', '-x', dir]);
      } catch {
        throw new Error(
          `the postgres user cannot use ${dir}; point TMPDIR at a folder it can reach, e.g. /tmp`,
        );
      }
    }
    runPg(isRoot, join(binDir, 'initdb'), [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--locale=C',
      '--encoding=UTF8',
      '--no-sync', // only initdb's own final flush; the server runs with fsync=on
      '--no-instructions',
    ]);

    const settings = { ...DEFAULT_SETTINGS, ...options.settings, unix_socket_directories: dir };
    let port = 0;
    // Another process may grab the free port between our probe and postgres binding it: retry.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      // pg_ctl hands -o to /bin/sh, so quote each value.
      const quote = (value) => `'${String(value).replaceAll("'", "'\\''")}'`;
      const serverOptions = [
        `-p ${port}`,
        ...Object.entries(settings).map(([k, v]) => `-c ${k}=${quote(v)}`),
      ];
      try {
        runPg(isRoot, join(binDir, 'pg_ctl'), [
          '-D',
          dataDir,
          '-l',
          logFile,
          '-w',
          '-t',
          '60',
          '-o',
          serverOptions.join(' '),
          'start',
        ]);
        running = true;
        process.once('exit', onExit);
        break;
      } catch (error) {
        const log = tail(logFile);
        if (attempt < 3 && /could not bind|Address already in use/i.test(log)) continue;
        throw new Error(`${error.message}\n--- ${logFile} ---\n${log}`);
      }
    }

    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      dir,
      stop: async () => {
        process.removeListener('exit', onExit);
        const pid = running ? postmasterPid(dataDir) : undefined;
        stopSync();
        // pg_ctl detaches the postmaster, so PID 1 reaps it; until then it lingers as a zombie that
        // `pgrep postgres` still lists. Give the reaper a moment (capped: some PID 1s never reap).
        for (let waited = 0; pid !== undefined && existsSync(`/proc/${pid}`) && waited < 5000; waited += 50) {
          await new Promise((done) => setTimeout(done, 50));
        }
      },
    };
  } catch (error) {
    stopSync();
    throw new Error(`could not start a test PostgreSQL server: ${error.message}`, { cause: error });
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const started = Date.now();
    const server = await startPostgres();
    console.log(`TOKENMALL_DATABASE_URL=${server.url}`);
    console.error(`postgres-server: ready in ${Date.now() - started} ms (${server.dir}); Ctrl-C stops it`);
    let stopping = false;
    const shutdown = async (signal) => {
      if (stopping) return;
      stopping = true;
      console.error(`postgres-server: ${signal}, stopping`);
      await server.stop();
      process.exit(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    process.on('SIGHUP', shutdown);
    setInterval(() => {}, 1 << 30); // keep the event loop alive until a signal arrives
  } catch (error) {
    console.error(`postgres-server: ${error.message}`);
    process.exit(1);
  }
}
