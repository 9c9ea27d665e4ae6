import { readSettings } from '../config.js';
import { LATEST_SCHEMA, LedgerError, type LedgerStore } from '../ledger/index.js';
import { CliFailure, EXIT_MISUSE, EXIT_REJECTED } from './exit-codes.js';

/** The database a store command works on: TOKENMALL_DATABASE_URL (CONTRACTS.md "Settings"). */
export function databaseUrl(): string {
  return readSettings().databaseUrl;
}

/** Turns the journal's own failures into the CLI's exit codes: misuse is 2, a refused input 1. */
export function asCliFailure(error: unknown): never {
  if (error instanceof LedgerError) {
    const misuse = error.code === 'STORE_LOCKED' || error.code === 'STORE_NOT_EMPTY';
    throw new CliFailure(misuse ? EXIT_MISUSE : EXIT_REJECTED, `${error.code}: ${error.message}`);
  }
  throw error;
}

/** Readers refuse a store that is not at the latest schema, with the command that fixes it. */
export async function requireMigrated(store: LedgerStore, url: string): Promise<void> {
  const version = await store.schemaVersion();
  if (version !== LATEST_SCHEMA) {
    throw new CliFailure(
      EXIT_MISUSE,
      `the store ${url} is at schema ${version}, this version needs ${LATEST_SCHEMA}: run tokenmall migrate`,
    );
  }
}
