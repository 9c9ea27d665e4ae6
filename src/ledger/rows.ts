import type { JournalEntry } from './entry.js';

/** A journal row as both drivers return it (seq as bigint or decimal string). */
export interface JournalRow {
  seq: bigint | string | number;
  time: string;
  key: string;
  command: string;
  postings: string;
  events: string;
  prev_hash: string;
  hash: string;
  command_hash: string;
}

export function entryFromRow(row: JournalRow): JournalEntry {
  return {
    seq: BigInt(row.seq),
    time: row.time,
    key: row.key,
    command: row.command,
    postings: row.postings,
    events: row.events,
    prevHash: row.prev_hash,
    hash: row.hash,
    commandHash: row.command_hash,
  };
}

export const JOURNAL_COLUMNS = 'seq, time, key, command, postings, events, prev_hash, hash, command_hash';
