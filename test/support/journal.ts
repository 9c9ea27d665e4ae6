// The journal as an operator drives it: the built `tokenmall` CLI in child processes, on a SQLite file in
// a temporary folder or a fresh PostgreSQL database, plus plain SQL on the same store for checks and
// tampering (better-sqlite3, pg). Used by test/journal/*.test.ts.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { createTestDatabase, dropTestDatabase } from './postgres.js';

export const root = join(import.meta.dirname, '..', '..');
export const journalVectors = join(root, 'test', 'vectors', 'journal');
const bin = join(root, 'bin', 'tokenmall.js');

export const FIXED_TIME = '2026-01-01T00:00:00.000Z';
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI run on the store at `url`, entry times fixed. */
export function cliEnv(url: string): NodeJS.ProcessEnv {
  return { ...process.env, TOKENMALL_DATABASE_URL: url, TOKENMALL_FIXED_TIME: FIXED_TIME };
}

/** Runs `tokenmall ARGS` to completion on the store at `url`, `input` on its standard input. */
export function tokenmall(url: string, args: readonly string[], input?: string | Buffer): CliRun {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: cliEnv(url),
    input: input ?? '',
    encoding: 'utf8',
    // A CLI that hangs fails its test instead of the whole run (normal runs take about a second).
    timeout: 20_000,
  });
  if (result.error)
    throw new Error(`tokenmall ${args.join(' ')}: ${result.error.message} ${result.stderr ?? ''}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `tokenmall ARGS` in the background; resolves when it exits, killing it after `timeoutMs`. */
export function tokenmallAsync(url: string, args: readonly string[], timeoutMs = 30_000): Promise<CliRun> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: cliEnv(url),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** A vector file's text. */
export function vector(name: string): string {
  return readFileSync(join(journalVectors, name), 'utf8');
}

/** Output lines, without the empty string after the last newline. */
export function lines(text: string): string[] {
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}

/** The decompressed text of an archive file. */
export function archiveText(file: string): string {
  return gunzipSync(readFileSync(file)).toString('utf8');
}

export type Row = Record<string, unknown>;

/** One store of a test: its URL, a folder for files, the CLI and SQL on it. */
export interface TestStore {
  readonly dialect: Dialect;
  readonly url: string;
  /** A temporary folder of this store's (archives, backups). */
  readonly dir: string;
  cli(...args: string[]): CliRun;
  /** `cli` in the background, so that several runs can go at once. */
  cliAsync(...args: string[]): Promise<CliRun>;
  /** `tokenmall apply -` with `input` on standard input. */
  applyText(input: string | Buffer): CliRun;
  /** SQL with `?` placeholders (rewritten to `$n` for PostgreSQL); rows of a query, [] otherwise. */
  sql(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Every row of a table in `orderBy` order, each value as a string (the drivers' types differ). */
  rows(table: string, orderBy: string): Promise<Record<string, string>[]>;
  dispose(): Promise<void>;
}

/** A fresh store: a SQLite file in a new temporary folder, or a new PostgreSQL database. */
export async function newStore(dialect: Dialect): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), `tokenmall-journal-${dialect}-`));
  const url =
    dialect === 'sqlite' ? `sqlite:${join(dir, 'store.db')}` : await createTestDatabase(inject('pgAdminUrl'));
  return storeAt(dialect, url, dir);
}

/**
 * A copy of a store no process has open (a copy of the SQLite file, or a PostgreSQL database made with
 * the original as its template): cheaper than applying the same feed again.
 */
export async function cloneStore(original: TestStore): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), `tokenmall-journal-${original.dialect}-`));
  if (original.dialect === 'sqlite') {
    const from = original.url.slice('sqlite:'.length);
    const to = join(dir, 'store.db');
    copyFileSync(from, to);
    if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
    return storeAt('sqlite', `sqlite:${to}`, dir);
  }
  const url = await createTestDatabase(inject('pgAdminUrl'));
  const name = (u: string) => decodeURIComponent(new URL(u).pathname.slice(1));
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE "${name(url)}"`);
    await admin.query(`CREATE DATABASE "${name(url)}" TEMPLATE "${name(original.url)}"`);
  } finally {
    await admin.end();
  }
  return storeAt('postgres', url, dir);
}

function storeAt(dialect: Dialect, url: string, dir: string): TestStore {
  const sql = async (text: string, params: readonly unknown[] = []): Promise<Row[]> => {
    if (dialect === 'sqlite') {
      const db = new Database(url.slice('sqlite:'.length));
      try {
        const statement = db.prepare(text);
        if (statement.reader) return statement.all(...params) as Row[];
        statement.run(...params);
        return [];
      } finally {
        db.close();
      }
    }
    let n = 0;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (
        await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          params as unknown[],
        )
      ).rows as Row[];
    } finally {
      await client.end();
    }
  };
  return {
    dialect,
    url,
    dir,
    cli: (...args) => tokenmall(url, args),
    cliAsync: (...args) => tokenmallAsync(url, args),
    applyText: (input) => tokenmall(url, ['apply', '-'], input),
    sql,
    async rows(table, orderBy) {
      const found = await sql(`select * from ${table} order by ${orderBy}`);
      return found.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])));
    },
    async dispose() {
      if (dialect === 'postgres') await dropTestDatabase(url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A store's tables as strings, to compare two stores or one store before and after. */
export async function tables(store: TestStore): Promise<Record<string, Record<string, string>[]>> {
  return {
    journal: await store.rows('journal', 'seq'),
    rejections: await store.rows('rejections', 'key'),
    parameters: await store.rows('parameters', 'version'),
    balances: await store.rows('balances', 'account, asset'),
  };
}

/** The number of rows of a table. */
export async function count(store: TestStore, table: string): Promise<number> {
  const [row] = await store.sql(`select count(*) as n from ${table}`);
  return Number(row?.n);
}

/** A running `tokenmall apply -`: send lines, wait for its answers, end its input. */
export interface ApplyProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything it printed so far. */
  output(): { stdout: string; stderr: string };
  send(line: string): void;
  /** Resolves once its standard output contains `text` (rejects if it exits first or after 30 s). */
  waitFor(text: string): Promise<void>;
  /** Closes its input and resolves with its exit code and output. */
  end(): Promise<CliRun>;
}

export function startApply(url: string): ApplyProcess {
  const child = spawn(process.execPath, [bin, 'apply', '-'], { env: cliEnv(url) });
  let stdout = '';
  let stderr = '';
  let exitCode: number | null | undefined;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exitCode = code;
      notify();
      resolve(code);
    }),
  );
  return {
    child,
    output: () => ({ stdout, stderr }),
    send: (line) => void child.stdin.write(`${line}\n`),
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`apply printed no ${JSON.stringify(text)} in 30 s: ${stdout}${stderr}`));
        }, 30_000);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        const check = () => {
          if (stdout.includes(text)) {
            done();
            resolve();
          } else if (exitCode !== undefined) {
            done();
            reject(new Error(`apply exited ${exitCode} before printing ${text}: ${stdout}${stderr}`));
          }
        };
        listeners.add(check);
        check();
      }),
    async end() {
      child.stdin.end();
      // A process that does not end within 30 s is killed: its code is then null.
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return { code, stdout, stderr };
    },
  };
}
