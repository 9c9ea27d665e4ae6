// Smoke test of the PostgreSQL test harness: the run's server is up, databases come and go, and
// databases use byte-order (C) collation.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from './support/postgres.js';

describe('PostgreSQL test harness', () => {
  let url = '';
  let client: pg.Client;

  beforeAll(async () => {
    url = await createTestDatabase(inject('pgAdminUrl'));
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    if (url) await dropTestDatabase(url);
  });

  it('runs PostgreSQL 15 (unless TOKENMALL_TEST_DATABASE_URL says otherwise)', async () => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    const version = rows[0]?.server_version ?? '';
    if (process.env.TOKENMALL_TEST_DATABASE_URL) expect(version).toMatch(/^\d+/);
    else expect(version).toMatch(/^15\./);
  });

  it('creates UTF8 databases with C collation (byte order: "B" < "a")', async () => {
    const { rows } = await client.query<{ a_lt_b: boolean; b_lt_a: boolean; collate: string; enc: string }>(
      `SELECT 'a' < 'B' COLLATE "C" AS a_lt_b, 'B' < 'a' AS b_lt_a,
              datcollate AS collate, pg_encoding_to_char(encoding) AS enc
         FROM pg_database WHERE datname = current_database()`,
    );
    expect(rows[0]).toEqual({ a_lt_b: false, b_lt_a: true, collate: 'C', enc: 'UTF8' });
  });

  it('drops the database and closes its connections', async () => {
    const other = await createTestDatabase(inject('pgAdminUrl'));
    const held = new pg.Client({ connectionString: other });
    await held.connect();
    held.on('error', () => {}); // DROP ... WITH (FORCE) terminates this connection
    await dropTestDatabase(other);
    const name = new URL(other).pathname.slice(1);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    expect(rowCount).toBe(0);
    await held.end().catch(() => {});
  });
});
