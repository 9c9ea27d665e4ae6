import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { GENESIS_HASH, type JournalEntry } from '../entry.js';
import { LedgerError } from '../errors.js';
import { MIGRATION_TABLE, runMigrations } from '../migrations/index.js';
import { entryFromRow, JOURNAL_COLUMNS, type JournalRow } from '../rows.js';
import type {
  BalanceRow,
  Head,
  KeyRecord,
  LedgerStore,
  LedgerWriter,
  ParametersRow,
  RejectionRow,
  StartingPoint,
} from '../store.js';

/** The advisory lock every writer of one economy takes for its transaction (DESIGN.md). */
const ECONOMY_LOCK = 7_270_001;

type Queryable = pg.Pool | pg.PoolClient;

/**
 * PostgreSQL: several processes share one economy. A writer takes `pg_advisory_xact_lock`, catches up
 * with what others wrote, writes its batch and commits (the lock goes with the commit), so the journal
 * is exactly a serial run whatever the number of processes.
 */
export class PostgresStore implements LedgerStore {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  readonly reader: Kysely<unknown>;

  constructor(url: string, options: { poolMax?: number } = {}) {
    this.pool = new pg.Pool({ connectionString: url, max: options.poolMax ?? 8 });
    this.reader = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  async migrate(target?: string): Promise<number> {
    await runMigrations('postgres', new PostgresDialect({ pool: this.pool }), target);
    return this.schemaVersion();
  }

  async schemaVersion(): Promise<number> {
    const exists = await this.pool.query(`select to_regclass('${MIGRATION_TABLE}') is not null as present`);
    if (!exists.rows[0].present) return 0;
    const { rows } = await this.pool.query(`select count(*)::int as n from ${MIGRATION_TABLE}`);
    return rows[0].n;
  }

  async write<T>(work: (writer: LedgerWriter) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock($1)', [ECONOMY_LOCK]);
      const result = await work(writerOn(client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async startingPoint(): Promise<StartingPoint> {
    const client = await this.pool.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const snapshots = await client.query(
        'select seq, hash, state from snapshots order by seq desc limit 1',
      );
      const snapshot = snapshots.rows[0]
        ? { seq: BigInt(snapshots.rows[0].seq), hash: snapshots.rows[0].hash, state: snapshots.rows[0].state }
        : undefined;
      const result = {
        head: await headOf(client),
        snapshot,
        balances: await balancesOf(client),
      };
      await client.query('commit');
      return result;
    } finally {
      client.release();
    }
  }

  head(): Promise<Head> {
    return headOf(this.pool);
  }

  readEntries(afterSeq: bigint, limit: number): Promise<JournalEntry[]> {
    return entriesAfter(this.pool, afterSeq, limit);
  }

  async entryCount(): Promise<bigint> {
    const { rows } = await this.pool.query('select count(*) as n from journal');
    return BigInt(rows[0].n);
  }

  async readParameters(): Promise<ParametersRow[]> {
    const { rows } = await this.pool.query('select version, params from parameters order by version');
    return rows.map((r) => ({ version: BigInt(r.version), params: r.params }));
  }

  async readRejections(): Promise<RejectionRow[]> {
    const { rows } = await this.pool.query(
      'select key, command_hash as "commandHash", code, message from rejections order by key',
    );
    return rows;
  }

  readBalances(): Promise<BalanceRow[]> {
    return balancesOf(this.pool);
  }

  async isFresh(): Promise<boolean> {
    const { rows } = await this.pool.query(
      `select (select count(*) from journal) + (select count(*) from rejections) + (select count(*) from balances)
         + (select count(*) from snapshots) + (select count(*) from parameters where version > 1) as n`,
    );
    return BigInt(rows[0].n) === 0n;
  }

  async backup(): Promise<void> {
    throw new LedgerError(
      'BAD_REQUEST',
      'backup copies a SQLite store; for PostgreSQL use export (or pg_dump)',
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function headOf(db: Queryable): Promise<Head> {
  const { rows } = await db.query('select seq, hash from journal order by seq desc limit 1');
  return rows[0] ? { seq: BigInt(rows[0].seq), hash: rows[0].hash } : { seq: 0n, hash: GENESIS_HASH };
}

async function entriesAfter(db: Queryable, afterSeq: bigint, limit: number | null): Promise<JournalEntry[]> {
  const { rows } = await db.query<JournalRow>(
    `select ${JOURNAL_COLUMNS} from journal where seq > $1 order by seq limit $2`,
    [afterSeq.toString(), limit],
  );
  return rows.map(entryFromRow);
}

async function balancesOf(db: Queryable): Promise<BalanceRow[]> {
  const { rows } = await db.query({
    text: 'select account, asset, amount from balances order by account, asset',
    rowMode: 'array',
  });
  return rows as [string, string, string][];
}

/** Kysely bound to one client that is already inside a transaction (the writer's). */
function kyselyOn(client: pg.PoolClient): Kysely<unknown> {
  const pool = {
    connect: async () => ({
      query: (...args: Parameters<pg.PoolClient['query']>) => client.query(...args),
      release() {},
    }),
    end: async () => undefined,
  };
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
}

function writerOn(client: pg.PoolClient): LedgerWriter {
  let savepoints = 0;
  return {
    db: kyselyOn(client),
    async savepoint(work) {
      const name = `sp${++savepoints}`;
      await client.query(`savepoint ${name}`);
      try {
        const result = await work();
        await client.query(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await client.query(`rollback to savepoint ${name}`);
        throw error;
      }
    },
    entriesAfter: (afterSeq) => entriesAfter(client, afterSeq, null),
    async lookupKeys(keys) {
      const found = new Map<string, KeyRecord>();
      if (keys.length === 0) return found;
      const entries = await client.query(
        'select key, seq, command_hash from journal where key = any($1::text[])',
        [keys],
      );
      for (const r of entries.rows)
        found.set(r.key, { kind: 'entry', seq: BigInt(r.seq), commandHash: r.command_hash });
      const rejections = await client.query(
        'select key, command_hash, code, message from rejections where key = any($1::text[])',
        [keys],
      );
      for (const r of rejections.rows) {
        found.set(r.key, {
          kind: 'rejection',
          commandHash: r.command_hash,
          code: r.code,
          message: r.message,
        });
      }
      return found;
    },
    async insertEntries(entries) {
      if (entries.length === 0) return;
      // One JSON parameter instead of nine arrays: the pg client spends less time encoding it (measured
      // about twice as fast for 5,000 rows).
      const rows = entries.map((e) => ({
        seq: e.seq.toString(),
        time: e.time,
        key: e.key,
        command: e.command,
        postings: e.postings,
        events: e.events,
        prev_hash: e.prevHash,
        hash: e.hash,
        command_hash: e.commandHash,
      }));
      await client.query(
        `insert into journal (${JOURNAL_COLUMNS})
         select ${JOURNAL_COLUMNS} from json_to_recordset($1::json) as x(seq bigint, time text, key text,
           command text, postings text, events text, prev_hash text, hash text, command_hash text)`,
        [JSON.stringify(rows)],
      );
    },
    async insertRejections(rows) {
      if (rows.length === 0) return;
      await client.query(
        'insert into rejections (key, command_hash, code, message) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])',
        [
          rows.map((r) => r.key),
          rows.map((r) => r.commandHash),
          rows.map((r) => r.code),
          rows.map((r) => r.message),
        ],
      );
    },
    async insertParameters(rows) {
      for (const r of rows) {
        await client.query('insert into parameters (version, params) values ($1, $2)', [
          r.version.toString(),
          r.params,
        ]);
      }
    },
    async upsertBalances(rows) {
      if (rows.length === 0) return;
      await client.query(
        `insert into balances (account, asset, amount)
         select x ->> 0, x ->> 1, x ->> 2 from json_array_elements($1::json) as x
         on conflict (account, asset) do update set amount = excluded.amount`,
        [JSON.stringify(rows)],
      );
    },
    async insertAccountIndex(rows) {
      if (rows.length === 0) return;
      await client.query(
        'insert into journal_accounts (id, seq) select * from unnest($1::text[], $2::bigint[])',
        [rows.map((r) => r[0]), rows.map((r) => r[1].toString())],
      );
    },
    async upsertHistory(rows) {
      for (const r of rows) {
        await client.query(
          `insert into economy_history (bucket, seq, time, figures) values ($1, $2, $3, $4)
           on conflict (bucket) do update set seq = excluded.seq, time = excluded.time, figures = excluded.figures`,
          [r.bucket, r.seq.toString(), r.time, r.figures],
        );
      }
    },
    async insertSnapshot(row) {
      await client.query(
        'insert into snapshots (seq, hash, state) values ($1, $2, $3) on conflict (seq) do nothing',
        [row.seq.toString(), row.hash, row.state],
      );
    },
  };
}
