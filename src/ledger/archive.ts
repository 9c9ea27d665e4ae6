import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { JournalEntry } from './entry.js';
import { LedgerError } from './errors.js';
import { canonicalJson } from './json/jcs.js';
import { emptyLedgerState, replayEntry } from './ledger-state.js';
import type { LedgerStore, ParametersRow, RejectionRow } from './store.js';

const FORMAT = 'tokenmall-archive';
const VERSION = 1;
const PAGE = 10_000;
const INSERT_BATCH = 5_000;

/**
 * CONTRACTS.md "Archive": gzip (mtime 0) of JSON Lines, every line JCS, so two exports of one store are
 * byte-identical: a header, then `parameters`, `journal` and `rejections` rows.
 */
export async function exportArchive(
  store: LedgerStore,
  file: string,
  onProgress?: (seq: bigint) => void,
): Promise<bigint> {
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

/** A journal row in the archive, JCS, written from the stored JCS parts. */
function journalRowText(e: JournalEntry): string {
  return `{"command":${e.command},"events":${e.events},"hash":"${e.hash}","key":${JSON.stringify(e.key)},"postings":${e.postings},"prevHash":"${e.prevHash}","seq":"${e.seq}","time":${JSON.stringify(e.time)}}`;
}

/**
 * Loads an archive into a freshly migrated store: every journal row is replayed through the engine and
 * checked like `verify` does, balances are rebuilt from the replay, and the head must match the header.
 * All in one transaction: an archive loads whole or not at all.
 * @throws LedgerError STORE_NOT_EMPTY, BAD_ARCHIVE
 */
export async function importArchive(
  store: LedgerStore,
  file: string,
  onProgress?: (seq: bigint) => void,
): Promise<bigint> {
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
  let header: { headSeq: string; headHash: string } | undefined;
  await store.write(async (writer) => {
    let entries: JournalEntry[] = [];
    const rejections: RejectionRow[] = [];
    const parameters: (ParametersRow & { alreadyStored: boolean })[] = [];
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
        try {
          replayEntry(state, entry, { project: true });
        } catch (error) {
          throw bad((error as Error).message);
        }
        entries.push(entry);
        if (entries.length >= INSERT_BATCH) {
          await writer.insertEntries(entries);
          entries = [];
          onProgress?.(state.head.seq);
        }
      } else if (!['parameters', 'journal', 'rejections'].includes(section ?? '')) {
        // Sections of later issues (the mall's) are not known to this version: refuse rather than drop them.
        throw bad(`unknown section ${section}`);
      }
    }
    if (header === undefined) throw bad('the archive is empty');
    if (header.headSeq !== state.head.seq.toString() || header.headHash !== state.head.hash) {
      throw bad(
        `the header says head ${header.headSeq} ${header.headHash}, the journal gives ${state.head.seq} ${state.head.hash}`,
      );
    }
    await writer.insertEntries(entries);
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

function readHeader(record: Record<string, unknown>): { headSeq: string; headHash: string } {
  if (record.format !== FORMAT) throw bad('not a tokenmall archive');
  if (record.version !== VERSION)
    throw bad(`archive version ${String(record.version)} is not known to this version`);
  return { headSeq: String(record.headSeq), headHash: String(record.headHash) };
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
