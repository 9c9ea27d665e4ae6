import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { JournalEntry } from '../entry.js';
import { GENESIS_HASH } from '../entry.js';
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
import { acquireWriterLock } from './writer-lock.js';

/**
 * The embedded store: better-sqlite3 in WAL mode with full fsync at each commit, so an acknowledged
 * batch survives a crash or a power cut. Writes run as prepared statements (the hot path); migrations go
 * through Kysely like PostgreSQL's.
 */
export class SqliteStore implements LedgerStore {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly readDb: Database.Database;
  private readonly releaseLock: (() => void) | undefined;
  private readonly writerDb: Kysely<unknown>;
  readonly reader: Kysely<unknown>;
  private savepoints = 0;

  constructor(path: string, options: { writer: boolean }) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.releaseLock = options.writer && path !== ':memory:' ? acquireWriterLock(path) : undefined;
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    // Balance rows are updated all over their B-tree: keep it in memory between commits (256 MiB).
    this.db.pragma('cache_size = -262144');
    this.writerDb = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: cachingStatements(this.db) }),
    });
    // Reads go through a second connection: WAL lets it read the last commit while a batch is open.
    this.readDb = path === ':memory:' ? this.db : new Database(path);
    this.readDb.pragma('busy_timeout = 10000');
    this.reader = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: cachingStatements(this.readDb) }),
    });
  }

  async migrate(target?: string): Promise<number> {
    await runMigrations('sqlite', new SqliteDialect({ database: this.db }), target);
    return this.schemaVersion();
  }

  async schemaVersion(): Promise<number> {
    const table = this.db
      .prepare(`select 1 from sqlite_master where type = 'table' and name = ?`)
      .get(MIGRATION_TABLE);
    if (table === undefined) return 0;
    return (this.db.prepare(`select count(*) as n from ${MIGRATION_TABLE}`).get() as { n: number }).n;
  }

  async write<T>(work: (writer: LedgerWriter) => Promise<T>): Promise<T> {
    this.db.exec('begin immediate');
    try {
      const result = await work(this.writer);
      this.db.exec('commit');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('rollback');
      throw error;
    }
  }

  async startingPoint(): Promise<StartingPoint> {
    this.db.exec('begin');
    try {
      const snapshot = this.statements.latestSnapshot.get() as
        | { seq: bigint; hash: string; state: string }
        | undefined;
      return {
        head: await this.head(),
        snapshot,
        balances: await this.readBalances(),
      };
    } finally {
      this.db.exec('commit');
    }
  }

  async head(): Promise<Head> {
    const row = this.statements.head.get() as { seq: bigint; hash: string } | undefined;
    return row === undefined ? { seq: 0n, hash: GENESIS_HASH } : { seq: row.seq, hash: row.hash };
  }

  async readEntries(afterSeq: bigint, limit: number): Promise<JournalEntry[]> {
    return (this.statements.entriesAfter.all(afterSeq, limit) as JournalRow[]).map(entryFromRow);
  }

  async entryCount(): Promise<bigint> {
    return (this.statements.entryCount.get() as { n: bigint }).n;
  }

  async readParameters(): Promise<ParametersRow[]> {
    return this.statements.parameters.all() as ParametersRow[];
  }

  async readRejections(): Promise<RejectionRow[]> {
    return this.statements.rejections.all() as RejectionRow[];
  }

  async readBalances(): Promise<BalanceRow[]> {
    return (this.statements.balances.raw(true).all() as [string, string, string][]).map((r) => [
      r[0],
      r[1],
      r[2],
    ]);
  }

  async isFresh(): Promise<boolean> {
    const counts = this.db
      .prepare(
        `select (select count(*) from journal) + (select count(*) from rejections) + (select count(*) from balances)
           + (select count(*) from snapshots) + (select count(*) from parameters where version > 1) as n`,
      )
      .get() as { n: number };
    return counts.n === 0;
  }

  async backup(file: string): Promise<void> {
    await this.db.backup(file);
  }

  async close(): Promise<void> {
    if (this.readDb !== this.db) this.readDb.close();
    this.db.close();
    this.releaseLock?.();
  }

  private get statements() {
    this.cachedStatements ??= prepareStatements(this.db);
    return this.cachedStatements;
  }
  private cachedStatements: ReturnType<typeof prepareStatements> | undefined;

  private readonly savepointLevels: {
    begin: Database.Statement;
    release: Database.Statement;
    rollback: Database.Statement;
  }[] = [];

  private savepointLevel(depth: number) {
    let level = this.savepointLevels[depth];
    if (level === undefined) {
      level = {
        begin: this.db.prepare(`savepoint sp${depth}`),
        release: this.db.prepare(`release sp${depth}`),
        rollback: this.db.prepare(`rollback to sp${depth}`),
      };
      this.savepointLevels[depth] = level;
    }
    return level;
  }

  private get writer(): LedgerWriter {
    const s = this.statements;
    return {
      db: this.writerDb,
      savepoint: async (work) => {
        // Named by nesting depth, so each level's three statements are prepared once, not parsed per unit.
        const level = this.savepointLevel(++this.savepoints);
        level.begin.run();
        try {
          const result = await work();
          level.release.run();
          return result;
        } catch (error) {
          level.rollback.run();
          level.release.run();
          throw error;
        } finally {
          this.savepoints--;
        }
      },
      entriesAfter: async (afterSeq) => (s.entriesAfter.all(afterSeq, -1) as JournalRow[]).map(entryFromRow),
      lookupKeys: async (keys) => {
        const found = new Map<string, KeyRecord>();
        for (const key of keys) {
          const entry = s.entryByKey.get(key) as { seq: bigint; command_hash: string } | undefined;
          if (entry !== undefined) {
            found.set(key, { kind: 'entry', seq: entry.seq, commandHash: entry.command_hash });
            continue;
          }
          const rejection = s.rejectionByKey.get(key) as RejectionRow | undefined;
          if (rejection !== undefined) found.set(key, { kind: 'rejection', ...rejection });
        }
        return found;
      },
      insertEntries: async (entries) => {
        for (const e of entries) {
          s.insertEntry.run(
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
      },
      insertRejections: async (rows) => {
        for (const r of rows) s.insertRejection.run(r.key, r.commandHash, r.code, r.message);
      },
      insertParameters: async (rows) => {
        for (const r of rows) s.insertParameters.run(r.version, r.params);
      },
      upsertBalances: async (rows) => {
        for (const r of rows) s.upsertBalance.run(r[0], r[1], r[2]);
      },
      insertSnapshot: async (row) => {
        s.insertSnapshot.run(row.seq, row.hash, row.state);
      },
      insertAccountIndex: async (rows) => {
        for (const r of rows) s.insertAccountIndex.run(r[0], r[1]);
      },
      upsertHistory: async (rows) => {
        for (const r of rows) s.upsertHistory.run(r.bucket, r.seq, r.time, r.figures);
      },
    };
  }
}

function prepareStatements(db: Database.Database) {
  const query = (text: string) => db.prepare(text).safeIntegers(true);
  return {
    head: query('select seq, hash from journal order by seq desc limit 1'),
    entriesAfter: query(`select ${JOURNAL_COLUMNS} from journal where seq > ? order by seq limit ?`),
    entryCount: query('select count(*) as n from journal'),
    entryByKey: query('select seq, command_hash from journal where key = ?'),
    rejectionByKey: query(
      'select key, command_hash as commandHash, code, message from rejections where key = ?',
    ),
    rejections: query('select key, command_hash as commandHash, code, message from rejections order by key'),
    parameters: query('select version, params from parameters order by version'),
    balances: query('select account, asset, amount from balances order by account, asset'),
    latestSnapshot: query('select seq, hash, state from snapshots order by seq desc limit 1'),
    insertEntry: query(`insert into journal (${JOURNAL_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertRejection: query('insert into rejections (key, command_hash, code, message) values (?, ?, ?, ?)'),
    insertParameters: query('insert into parameters (version, params) values (?, ?)'),
    upsertBalance: query(
      'insert into balances (account, asset, amount) values (?, ?, ?) on conflict (account, asset) do update set amount = excluded.amount',
    ),
    insertSnapshot: query(
      'insert into snapshots (seq, hash, state) values (?, ?, ?) on conflict (seq) do nothing',
    ),
    insertAccountIndex: query('insert into journal_accounts (id, seq) values (?, ?)'),
    upsertHistory: query(
      'insert into economy_history (bucket, seq, time, figures) values (?, ?, ?, ?) on conflict (bucket) do update set seq = excluded.seq, time = excluded.time, figures = excluded.figures',
    ),
  };
}

/** Prepared statements kept per connection, at most this many (the mall's queries are a few hundred). */
const STATEMENT_CACHE_MAX = 2_000;

/**
 * The connection as Kysely's SQLite dialect sees it, with its prepared statements cached by SQL text:
 * Kysely prepares every query it runs, and preparing costs more than running the small queries of a
 * checkout. Safe because better-sqlite3 runs each statement to completion before the next starts.
 */
function cachingStatements(
  db: Database.Database,
): ConstructorParameters<typeof SqliteDialect>[0]['database'] {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement === undefined) {
        if (cache.size >= STATEMENT_CACHE_MAX) cache.clear();
        statement = db.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  } as unknown as ConstructorParameters<typeof SqliteDialect>[0]['database'];
}
