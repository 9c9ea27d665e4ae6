// Types for scripts/postgres-server.js (plain ESM JavaScript, imported by test/support/postgres.ts).

export interface StartedPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (superuser, trust authentication). */
  url: string;
  port: number;
  /** Temporary folder holding `data/`, `postgres.log` and the unix socket. */
  dir: string;
  /** Stops the server (`pg_ctl -m fast stop`) and removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Extra or overriding server settings, passed as `-c name=value`. */
  settings?: Record<string, string>;
}

/** The folder holding initdb/pg_ctl/postgres; throws with the apt-get line when missing. */
export function postgresBinDir(): string;
/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number>;
/** Starts a fresh PostgreSQL 15 cluster (C locale, UTF8) on a temporary folder and a free port. */
export function startPostgres(options?: StartPostgresOptions): Promise<StartedPostgres>;
