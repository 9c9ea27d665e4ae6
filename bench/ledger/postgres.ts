/** A throwaway PostgreSQL server (scripts/postgres-server.js), its databases, and pgbench on it. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type * as PostgresServer from '../../scripts/postgres-server.js';

const run = promisify(execFile);

/**
 * scripts/postgres-server.js is plain JavaScript outside the compiled tree: find it from wherever this
 * file runs (bench/ledger or dist/bench/ledger) by walking up to the project's root.
 */
export async function loadPostgresServer(): Promise<typeof PostgresServer> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const script = join(dir, 'scripts', 'postgres-server.js');
    if (existsSync(script) && existsSync(join(dir, 'package.json')))
      return (await import(pathToFileURL(script).href)) as typeof PostgresServer;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('scripts/postgres-server.js not found above the benchmark');
    dir = parent;
  }
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the server (name: a plain identifier), returned as a URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  await withClient(serverUrl, (c) => c.query(`create database ${name} template template0 encoding 'UTF8'`));
  return databaseUrl(serverUrl, name);
}

/** Writes every dirty page now, so one phase does not pay for the checkpoint of the one before. */
export async function checkpoint(serverUrl: string): Promise<void> {
  await withClient(serverUrl, (c) => c.query('checkpoint'));
}

export interface PgbenchResult {
  readonly clients: number;
  readonly threads: number;
  readonly seconds: number;
  readonly tps: number;
  readonly latencyMs: number | undefined;
}

/** pgbench's TPC-B-like run: `pgbench -i -s SCALE` once, then `-c C -j J -T SECONDS` for each setting. */
export class Pgbench {
  private readonly program: string;
  private readonly connection: string[];

  constructor(
    binDir: string,
    private readonly port: number,
    private readonly database: string,
  ) {
    this.program = join(binDir, 'pgbench');
    this.connection = ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres'];
  }

  async init(scale: number): Promise<number> {
    const start = process.hrtime.bigint();
    await run(this.program, ['-i', '-q', '-s', String(scale), ...this.connection, this.database], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return Number(process.hrtime.bigint() - start) / 1e9;
  }

  async run(clients: number, threads: number, seconds: number): Promise<PgbenchResult> {
    const { stdout } = await run(
      this.program,
      [
        '-c',
        String(clients),
        '-j',
        String(threads),
        '-T',
        String(seconds),
        ...this.connection,
        this.database,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const tps = /^tps = ([0-9.]+)/m.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    const latency = /^latency average = ([0-9.]+) ms/m.exec(stdout);
    return {
      clients,
      threads,
      seconds,
      tps: Number(tps[1]),
      latencyMs: latency ? Number(latency[1]) : undefined,
    };
  }
}
