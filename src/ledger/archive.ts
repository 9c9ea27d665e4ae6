import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { JournalEntry } from './entry.js';
import { LedgerError } from './errors.js';
import { HistoryRecorder, touchedIds } from './history.js';
import { canonicalJson } from './json/jcs.js';
import { emptyLedgerState, replayEntry } from './ledger-state.js';
import type { LedgerStore, ParametersRow, RejectionRow } from './store.js';

const FORMAT = 'tokenmall-archive';
/**
 * CONTRACTS.md fixes version 1 with the mall's sections after the journal's, so an archive of a store
 * without mall rows is exactly the journal-only archive of before.
 */
const VERSION = 1;
const KNOWN_VERSIONS: readonly unknown[] = [1];
const LEDGER_SECTIONS: readonly string[] = ['parameters', 'journal', 'rejections'];
const PAGE = 10_000;
const INSERT_BATCH = 5_000;
/** Rows of a table section read per query, and written per insert (bounded by the parameters it binds). */
const TABLE_PAGE = 1_000;
const TABLE_BATCH = 500;
const TABLE_BATCH_PARAMETERS = 10_000;
/** Table and column names the archive may name: plain lower-case SQL identifiers. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * A table whose rows travel in the archive after the journal's sections: the mall's, given by the caller
 * (the ledger knows none of them). The order of a list of them must be foreign-key safe: import inserts
 * the sections in that order.
 */
export interface ArchiveTable {
  /** The rows' `section` in the archive. */
  readonly section: string;
  readonly table: string;
  /**
   * The primary key's columns: rows are exported in this order, ids compared by their bytes (SQLite's
   * BINARY and PostgreSQL's collate "C" agree), so both databases write the same lines.
   */
  readonly orderBy: readonly string[];
  /**
   * Columns that reference this same table (a member's referrer): import writes them null with the row
   * and sets them once every row of the table is in, since a row may sort before the row it references.
   */
  readonly selfReferences?: readonly string[];
}

export interface ArchiveOptions {
  /** The table sections, written and loaded in this (foreign-key safe) order after `rejections`. */
  readonly tables?: readonly ArchiveTable[];
  /** Called with the last journal seq written or loaded, every page. */
  readonly onProgress?: (seq: bigint) => void;
}

/**
 * CONTRACTS.md "Archive": gzip (mtime 0) of JSON Lines, every line JCS, so two exports of one store are
 * byte-identical: a header, then `parameters`, `journal` and `rejections` rows, then one section per
 * table of `options.tables`, rows in primary key order, integers as decimal strings.
 */
export async function exportArchive(
  store: LedgerStore,
  file: string,
  options: ArchiveOptions = {},
): Promise<bigint> {
  const { tables = [], onProgress } = options;
  checkTables(tables);
  const head = await store.head();
  const parameters = await store.readParameters();
  const rejections = await store.readRejections();
  async function* lines(): AsyncGenerator<string> {
    yield `${canonicalJson({ format: FORMAT, headHash: head.hash, headSeq: head.seq.toString(), version: VERSION })}\n`;
    for (const row of parameters) yield sectionLine('parameters', parametersRecord(row));
    let after = 0n;
    while (after < head.seq) {
      const entries = await store.readEntries(after, PAGE);
      if (entries.length === 0) break;
      let chunk = '';
      for (const entry of entries) {
        if (entry.seq > head.seq) break;
        chunk += `{"row":${journalRowText(entry)},"section":"journal"}\n`;
        after = entry.seq;
      }
      onProgress?.(after);
      yield chunk;
    }
    for (const row of rejections) yield sectionLine('rejections', { ...row });
    for (const table of tables) yield* tableLines(store.reader, table);
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  return head.seq;
}

function sectionLine(section: string, row: Record<string, unknown>): string {
  return `${canonicalJson({ row, section })}\n`;
}

function parametersRecord(row: ParametersRow): Record<string, unknown> {
  return { params: JSON.parse(row.params), version: row.version.toString() };
}

/** A table's rows in primary key order, a page at a time (keyset on the key, so memory stays bounded). */
async function* tableLines(db: Kysely<unknown>, table: ArchiveTable): AsyncGenerator<string> {
  const key = sql.join(table.orderBy.map((column) => sql.ref(column)));
  let after: unknown[] | undefined;
  for (;;) {
    const where = after === undefined ? sql`` : sql`where (${key}) > (${sql.join(after)})`;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.table)} ${where}
      order by ${key} limit ${sql.lit(TABLE_PAGE)}`.execute(db);
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) chunk += sectionLine(table.section, tableRecord(table, row));
    yield chunk;
    if (rows.length < TABLE_PAGE) return;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = table.orderBy.map((column) => last[column]);
  }
}

/**
 * A table row in the archive: integers as decimal strings (SQLite gives numbers, PostgreSQL numbers for
 * `integer` and strings for `bigint`: all the same text), text as is, null as null.
 */
function tableRecord(table: ArchiveTable, row: Record<string, unknown>): Record<string, string | null> {
  const record: Record<string, string | null> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === null || typeof value === 'string') record[column] = value;
    else if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value)))
      record[column] = value.toString();
    else throw new TypeError(`export: ${table.table}.${column} holds a ${typeof value} (${String(value)})`);
  }
  return record;
}

function checkTables(tables: readonly ArchiveTable[]): void {
  const sections = new Set<string>(LEDGER_SECTIONS);
  for (const table of tables) {
    const names = [table.table, ...table.orderBy, ...(table.selfReferences ?? [])];
    if (sections.has(table.section) || table.orderBy.length === 0 || !names.every((n) => IDENTIFIER.test(n)))
      throw new TypeError(`archive: a bad table section ${JSON.stringify(table)}`);
    sections.add(table.section);
  }
}

/** A journal row in the archive, JCS, written from the stored JCS parts. */
function journalRowText(e: JournalEntry): string {
  return `{"command":${e.command},"events":${e.events},"hash":"${e.hash}","key":${JSON.stringify(e.key)},"postings":${e.postings},"prevHash":"${e.prevHash}","seq":"${e.seq}","time":${JSON.stringify(e.time)}}`;
}

/**
 * Loads an archive into a freshly migrated store: every journal row is replayed through the engine and
 * checked like `verify` does, balances are rebuilt from the replay, and the head must match the header.
 * The rows of `options.tables`' sections go into their tables, which must be empty. All in one
 * transaction: an archive loads whole or not at all.
 * @throws LedgerError STORE_NOT_EMPTY, BAD_ARCHIVE
 */
export async function importArchive(
  store: LedgerStore,
  file: string,
  options: ArchiveOptions = {},
): Promise<bigint> {
  const { tables = [], onProgress } = options;
  checkTables(tables);
  const tableIndex = new Map(tables.map((table, index) => [table.section, index]));
  if (!(await store.isFresh()))
    throw new LedgerError('STORE_NOT_EMPTY', 'import needs a freshly migrated store');
  const state = emptyLedgerState();
  const storedParameters = new Map((await store.readParameters()).map((row) => [row.version, row.params]));
  const gunzip = createGunzip();
  // A missing or unreadable file fails the import through the same stream readline reads.
  createReadStream(file)
    .on('error', (error) => gunzip.destroy(error))
    .pipe(gunzip);
  const input = createInterface({
    input: gunzip,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  // Take the iterator now: readline emits lines as soon as data flows, and lines emitted while write()
  // waits for its connection and lock would be lost to a `for await` started later.
  const lines = input[Symbol.asyncIterator]();
  let header: Header | undefined;
  await store.write(async (writer) => {
    await requireEmpty(writer.db, tables);
    let entries: JournalEntry[] = [];
    const rejections: RejectionRow[] = [];
    const parameters: (ParametersRow & { alreadyStored: boolean })[] = [];
    let loader: TableLoader | undefined;
    let loaderIndex = -1;
    let accountIndex: (readonly [string, bigint])[] = [];
    const history = new HistoryRecorder();
    for await (const line of { [Symbol.asyncIterator]: () => lines }) {
      if (line === '') continue;
      const record = parseLine(line);
      if (header === undefined) {
        header = readHeader(record);
        continue;
      }
      const { section, row } = record as { section?: string; row?: Record<string, unknown> };
      if (row === undefined) throw bad(`a line without a row: ${line.slice(0, 80)}`);
      if (section === 'parameters') parameters.push(parametersRow(row, storedParameters));
      else if (section === 'rejections') rejections.push(rejectionRow(row));
      else if (section === 'journal') {
        const entry = journalEntry(row);
        history.before(state.economy, entry.time);
        try {
          touchedIds(replayEntry(state, entry, { project: true }), entry.seq, accountIndex);
        } catch (error) {
          throw bad((error as Error).message);
        }
        history.after(entry.seq, entry.time);
        entries.push(entry);
        if (entries.length >= INSERT_BATCH) {
          await writer.insertEntries(entries);
          await writer.insertAccountIndex(accountIndex);
          await writer.upsertHistory(history.take());
          entries = [];
          accountIndex = [];
          onProgress?.(state.head.seq);
        }
      } else {
        // A section this version or this caller does not know is refused rather than dropped.
        const index = tableIndex.get(section ?? '');
        if (index === undefined) throw bad(`unknown section ${section}`);
        if (index < loaderIndex)
          throw bad(`section ${section} comes after ${tables[loaderIndex]?.section}: out of order`);
        if (index > loaderIndex) {
          await loader?.finish();
          loader = new TableLoader(writer.db, tables[index] as ArchiveTable);
          loaderIndex = index;
        }
        await (loader as TableLoader).add(row);
      }
    }
    await loader?.finish();
    if (header === undefined) throw bad('the archive is empty');
    if (header.headSeq !== state.head.seq.toString() || header.headHash !== state.head.hash) {
      throw bad(
        `the header says head ${header.headSeq} ${header.headHash}, the journal gives ${state.head.seq} ${state.head.hash}`,
      );
    }
    await writer.insertEntries(entries);
    await writer.insertAccountIndex(accountIndex);
    await writer.upsertHistory(history.take(state.economy));
    await writer.insertRejections(rejections);
    // Version 1 comes with the migrations; only later versions are new rows.
    await writer.insertParameters(
      parameters.filter((row) => !row.alreadyStored).map(({ version, params }) => ({ version, params })),
    );
    await writer.upsertBalances(state.balances.takeChanged());
  });
  return state.head.seq;
}

function parseLine(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw bad(`a line is not JSON: ${line.slice(0, 80)}`);
  }
}

interface Header {
  readonly version: number;
  readonly headSeq: string;
  readonly headHash: string;
}

function readHeader(record: Record<string, unknown>): Header {
  if (record.format !== FORMAT) throw bad('not a tokenmall archive');
  if (!KNOWN_VERSIONS.includes(record.version))
    throw bad(`archive version ${String(record.version)} is not known to this version`);
  return {
    version: record.version as number,
    headSeq: String(record.headSeq),
    headHash: String(record.headHash),
  };
}

/** Import loads into empty tables only: a row already there is not the archive's store. */
async function requireEmpty(db: Kysely<unknown>, tables: readonly ArchiveTable[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await sql`select 1 as found from ${sql.table(table.table)} limit 1`.execute(db);
    if (rows.length > 0)
      throw new LedgerError(
        'STORE_NOT_EMPTY',
        `import needs a freshly migrated store: ${table.table} has rows`,
      );
  }
}

type TableRow = Record<string, string | null>;

/**
 * Inserts one section's rows into its table in batches, on the import's transaction. Columns that
 * reference the same table go in as null and are set by `finish`, once every row is there.
 */
class TableLoader {
  private columns: string[] | undefined;
  private batch: TableRow[] = [];
  private batchSize = TABLE_BATCH;
  /** Per row with a self reference: its key's values, then the referencing columns' values. */
  private references: (string | null)[][] = [];

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly table: ArchiveTable,
  ) {}

  async add(row: Record<string, unknown>): Promise<void> {
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw bad(`a ${this.table.section} row that is not an object`);
    const columns = Object.keys(row).sort();
    if (this.columns === undefined) {
      const missing = [...this.table.orderBy, ...(this.table.selfReferences ?? [])].filter(
        (column) => !columns.includes(column),
      );
      if (missing.length > 0) throw bad(`${this.table.section} rows without ${missing.join(', ')}`);
      const badName = columns.find((column) => !IDENTIFIER.test(column));
      if (badName !== undefined)
        throw bad(`${this.table.section}: a bad column name ${JSON.stringify(badName)}`);
      this.columns = columns;
      this.batchSize = Math.max(
        1,
        Math.min(TABLE_BATCH, Math.floor(TABLE_BATCH_PARAMETERS / columns.length)),
      );
    } else if (columns.join() !== this.columns.join()) {
      throw bad(`${this.table.section} rows with different columns: ${columns.join(', ')}`);
    }
    const values = row as TableRow;
    for (const column of columns) {
      const value = values[column];
      if (value !== null && typeof value !== 'string')
        throw bad(
          `${this.table.section}.${column}: values are strings or null, not ${JSON.stringify(value)}`,
        );
    }
    const selfReferences = this.table.selfReferences ?? [];
    if (selfReferences.some((column) => values[column] !== null)) {
      this.references.push([
        ...this.table.orderBy.map((column) => values[column] ?? null),
        ...selfReferences.map((column) => values[column] ?? null),
      ]);
      this.batch.push({ ...values, ...Object.fromEntries(selfReferences.map((column) => [column, null])) });
    } else {
      this.batch.push(values);
    }
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  async finish(): Promise<void> {
    await this.flush();
    const { orderBy, selfReferences = [] } = this.table;
    const width = orderBy.length + selfReferences.length;
    const size = Math.max(1, Math.floor(TABLE_BATCH_PARAMETERS / width));
    for (let start = 0; start < this.references.length; start += size) {
      const chunk = this.references.slice(start, start + size);
      // `update ... from (values ...)`: both databases name the columns of VALUES column1, column2, ...
      const column = (n: number) => sql.ref(`v.column${n + 1}`);
      const set = sql.join(
        selfReferences.map((name, i) => sql`${sql.ref(name)} = ${column(orderBy.length + i)}`),
      );
      const match = sql.join(
        orderBy.map((name, i) => sql`${sql.ref(`${this.table.table}.${name}`)} = ${column(i)}`),
        sql` and `,
      );
      await this.run(
        sql`update ${sql.table(this.table.table)} set ${set}
          from (values ${sql.join(chunk.map((values) => sql`(${sql.join(values)})`))}) as v where ${match}`,
      );
    }
    this.references = [];
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0 || this.columns === undefined) return;
    const columns = this.columns;
    const rows = this.batch;
    this.batch = [];
    await this.run(
      sql`insert into ${sql.table(this.table.table)} (${sql.join(columns.map((column) => sql.ref(column)))})
        values ${sql.join(rows.map((row) => sql`(${sql.join(columns.map((column) => row[column] ?? null))})`))}`,
    );
  }

  /** A database error here (a missing column, a broken key) is the archive's fault. */
  private async run(query: RawBuilder<unknown>): Promise<void> {
    try {
      await query.execute(this.db);
    } catch (error) {
      throw bad(`section ${this.table.section}: ${(error as Error).message}`);
    }
  }
}

function parametersRow(
  row: Record<string, unknown>,
  stored: Map<bigint, string>,
): ParametersRow & { alreadyStored: boolean } {
  const version = BigInt(String(row.version));
  const params = canonicalJson(row.params);
  const existing = stored.get(version);
  if (existing !== undefined && existing !== params)
    throw bad(`parameters ${version} differ from this store's`);
  return { version, params, alreadyStored: existing !== undefined };
}

function rejectionRow(row: Record<string, unknown>): RejectionRow {
  const { key, commandHash, code, message } = row;
  if ([key, commandHash, code, message].some((v) => typeof v !== 'string'))
    throw bad('a malformed rejection row');
  return {
    key: key as string,
    commandHash: commandHash as string,
    code: code as string,
    message: message as string,
  };
}

function journalEntry(row: Record<string, unknown>): JournalEntry {
  const command = row.command as Record<string, unknown>;
  const { paramsVersion: _version, ...withoutVersion } = command;
  return {
    seq: BigInt(String(row.seq)),
    time: String(row.time),
    key: String(row.key),
    command: canonicalJson(command),
    postings: canonicalJson(row.postings),
    events: canonicalJson(row.events),
    prevHash: String(row.prevHash),
    hash: String(row.hash),
    commandHash: createHash('sha256').update(canonicalJson(withoutVersion)).digest('hex'),
  };
}

function bad(message: string): LedgerError {
  return new LedgerError('BAD_ARCHIVE', message);
}
