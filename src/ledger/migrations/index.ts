import {
  Kysely,
  type Dialect as KyselyDialect,
  type Migration,
  type MigrationProvider,
  Migrator,
  sql,
} from 'kysely';
import { DEFAULT_PARAMS } from '../../economy/index.js';
import { canonicalParams } from '../params-text.js';
import { createMallTables } from './0003-mall.js';
import { createFinanceTables } from './0004-finance.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The versioned, forward-only migrations of the store, one set for both databases (Kysely's schema
 * builder; the few differences are named here). Never edit a published migration: add the next one.
 */
export function migrationSet(dialect: Dialect): Record<string, Migration> {
  // Ids and keys order by their UTF-8 bytes (SPEC.md): SQLite's BINARY does that, PostgreSQL needs "C".
  const text = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  // On SQLite an INTEGER PRIMARY KEY is the row id itself, and WITHOUT ROWID keeps a table in its key's
  // B-tree: one B-tree to dirty per write instead of two (measured: commits half as large).
  const seqType = dialect === 'postgres' ? 'bigint' : 'integer';
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``;
  return {
    '0001-journal': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('parameters')
          .addColumn('version', 'bigint', (c) => c.primaryKey())
          .addColumn('params', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('journal')
          .addColumn('seq', seqType, (c) => c.primaryKey())
          .addColumn('time', 'text', (c) => c.notNull())
          .addColumn('key', text, (c) => c.notNull().unique())
          .addColumn('command', 'text', (c) => c.notNull())
          .addColumn('postings', 'text', (c) => c.notNull())
          .addColumn('events', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('command_hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('rejections')
          .addColumn('key', text, (c) => c.primaryKey())
          .addColumn('command_hash', 'text', (c) => c.notNull())
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .modifyEnd(clustered)
          .execute();
        await db.schema
          .createTable('balances')
          .addColumn('account', text, (c) => c.notNull())
          .addColumn('asset', text, (c) => c.notNull())
          .addColumn('amount', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('balances_pk', ['account', 'asset'])
          .modifyEnd(clustered)
          .execute();
        await sql`insert into parameters (version, params) values (1, ${canonicalParams(DEFAULT_PARAMS)})`.execute(
          db,
        );
      },
    },
    '0002-snapshots': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('snapshots')
          .addColumn('seq', 'bigint', (c) => c.primaryKey())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0003-mall': {
      async up(db: Kysely<unknown>) {
        await createMallTables(db, text);
      },
    },
    '0004-finance': {
      async up(db: Kysely<unknown>) {
        await createFinanceTables(db, text, seqType, clustered);
      },
    },
  };
}

export class StaticMigrations implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

export const MIGRATION_TABLE = 'schema_migrations';

/** The schema number `migrate` prints once every migration is applied. */
export const LATEST_SCHEMA = Object.keys(migrationSet('sqlite')).length;

/** Applies the migrations up to `target` (a migration name), or all of them, through Kysely's migrator. */
export async function runMigrations(dialect: Dialect, driver: KyselyDialect, target?: string): Promise<void> {
  const migrator = new Migrator({
    db: new Kysely<unknown>({ dialect: driver }),
    provider: new StaticMigrations(migrationSet(dialect)),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
  });
  const { error } =
    target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (error) throw error;
}
