/**
 * The storage's raw limit: the very rows a sequencer run wrote (journal entries, rejections, balance
 * upserts), in the same batches, one transaction per batch, straight through the driver into a fresh
 * database with the same schema and settings. No engine, no hashing, no idempotency lookups, no lock.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../src/ledger/index.js';
import { JOURNAL_COLUMNS } from '../../src/ledger/rows.js';
import type { CapturedBatch } from './workload.js';

export interface RawResult {
  readonly seconds: number;
  readonly entries: number;
  readonly balances: number;
  readonly batches: number;
}

/** Creates the store's tables with its own migrations, then closes it. */
async function migrateFresh(url: string): Promise<void> {
  const store = openStore(url, { writer: true });
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
}

function totals(batches: readonly CapturedBatch[]): Omit<RawResult, 'seconds'> {
  let entries = 0;
  let balances = 0;
  for (const b of batches) {
    entries += b.entries.length;
    balances += b.balances.length;
  }
  return { entries, balances, batches: batches.length };
}

/** better-sqlite3 prepared statements, WAL and synchronous=FULL as the store opens it. */
export async function rawSqlite(path: string, batches: readonly CapturedBatch[]): Promise<RawResult> {
  await migrateFresh(`sqlite:${path}`);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -262144');
    const insertEntry = db.prepare(
      `insert into journal (${JOURNAL_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertRejection = db.prepare(
      'insert into rejections (key, command_hash, code, message) values (?, ?, ?, ?)',
    );
    const upsertBalance = db.prepare(
      'insert into balances (account, asset, amount) values (?, ?, ?) on conflict (account, asset) do update set amount = excluded.amount',
    );
    const start = process.hrtime.bigint();
    for (const batch of batches) {
      db.exec('begin immediate');
      for (const e of batch.entries) {
        insertEntry.run(
          e.seq,
          e.time,
          e.key,
          e.command,
          e.postings,
          e.events,
          e.prevHash,
          e.hash,
          e.commandHash,
        );
      }
      for (const r of batch.rejections) insertRejection.run(r.key, r.commandHash, r.code, r.message);
      for (const b of batch.balances) upsertBalance.run(b[0], b[1], b[2]);
      db.exec('commit');
    }
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, ...totals(batches) };
  } finally {
    db.close();
  }
}

/** One connection, `insert ... select * from unnest(...)` per table, as the store writes. */
export async function rawPostgres(url: string, batches: readonly CapturedBatch[]): Promise<RawResult> {
  await migrateFresh(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const start = process.hrtime.bigint();
    for (const batch of batches) {
      await client.query('begin');
      const e = batch.entries;
      if (e.length > 0) {
        await client.query(
          `insert into journal (${JOURNAL_COLUMNS})
           select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
          [
            e.map((x) => x.seq.toString()),
            e.map((x) => x.time),
            e.map((x) => x.key),
            e.map((x) => x.command),
            e.map((x) => x.postings),
            e.map((x) => x.events),
            e.map((x) => x.prevHash),
            e.map((x) => x.hash),
            e.map((x) => x.commandHash),
          ],
        );
      }
      const r = batch.rejections;
      if (r.length > 0) {
        await client.query(
          'insert into rejections (key, command_hash, code, message) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])',
          [r.map((x) => x.key), r.map((x) => x.commandHash), r.map((x) => x.code), r.map((x) => x.message)],
        );
      }
      const b = batch.balances;
      if (b.length > 0) {
        await client.query(
          `insert into balances (account, asset, amount) select * from unnest($1::text[], $2::text[], $3::text[])
           on conflict (account, asset) do update set amount = excluded.amount`,
          [b.map((x) => x[0]), b.map((x) => x[1]), b.map((x) => x[2])],
        );
      }
      await client.query('commit');
    }
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, ...totals(batches) };
  } finally {
    await client.end();
  }
}
