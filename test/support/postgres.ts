// PostgreSQL for the test suite: one throwaway server per run (see global-setup.ts), one fresh database
// per test file or test. Set TOKENMALL_TEST_DATABASE_URL to use an existing server instead.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPostgres } from '../../scripts/postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL server, e.g. `postgres://postgres@127.0.0.1:PORT/postgres`. */
    pgAdminUrl: string;
  }
}

export interface TestPostgres {
  /** Superuser URL: `postgres://postgres@127.0.0.1:PORT/postgres`, or TOKENMALL_TEST_DATABASE_URL. */
  url: string;
  /** Stops the server and removes its folder (does nothing for TOKENMALL_TEST_DATABASE_URL). */
  stop(): Promise<void>;
}

/**
 * Starts a fresh PostgreSQL 15 server (C locale, UTF8, trust auth) on a temporary folder and a free
 * port; or, when TOKENMALL_TEST_DATABASE_URL is set, uses that server and starts nothing.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.TOKENMALL_TEST_DATABASE_URL;
  if (external) return { url: external, stop: async () => {} };
  const server = await startPostgres();
  return { url: server.url, stop: () => server.stop() };
}

let counter = 0;
const adminUrlOf = new Map<string, string>();

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh database (template0, UTF8, C collation) on the server of `adminUrl` and returns its
 * URL. Without `name`, picks a unique `tokenmall_test_<pid>_<n>_<random>`.
 */
export async function createTestDatabase(adminUrl: string, name?: string): Promise<string> {
  const database = name ?? `tokenmall_test_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
    throw new Error(`createTestDatabase: ${JSON.stringify(database)} is not a plain lower-case identifier`);
  }
  await withClient(adminUrl, (client) =>
    client.query(
      `CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
    ),
  );
  const url = withDatabase(adminUrl, database);
  adminUrlOf.set(url, adminUrl);
  return url;
}

/** Drops a database made by createTestDatabase, closing any connections still open on it. */
export async function dropTestDatabase(url: string): Promise<void> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const adminUrl = adminUrlOf.get(url) ?? withDatabase(url, 'postgres');
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`),
  );
  adminUrlOf.delete(url);
}
