/**
 * What the server asks PostgreSQL during a measured window, from pg_stat_statements (the server is
 * started with it preloaded when profiling): statements per HTTP request, and the statements with the
 * most execution time. Utility statements (BEGIN, SAVEPOINT, COMMIT) are counted too.
 */
import { withClient } from '../ledger/postgres.js';

export const STATEMENT_SETTINGS = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  'pg_stat_statements.track_utility': 'on',
};

export interface StatementFigures {
  readonly calls: number;
  /** BEGIN, SAVEPOINT, RELEASE, ROLLBACK and COMMIT among them. */
  readonly transactionCalls: number;
  readonly execMs: number;
  readonly top: readonly { calls: number; execMs: number; query: string }[];
}

/** Creates the extension in the store's database (once) and clears its counters. */
export async function resetStatements(url: string): Promise<void> {
  await withClient(url, async (c) => {
    await c.query('create extension if not exists pg_stat_statements');
    await c.query('select pg_stat_statements_reset()');
  });
}

/** The counters since the last reset, for the store's database only. */
export async function readStatements(url: string, top: number): Promise<StatementFigures> {
  return withClient(url, async (c) => {
    const where = 'where dbid = (select oid from pg_database where datname = current_database())';
    const total = (
      await c.query(
        `select coalesce(sum(calls), 0)::float8 as calls, coalesce(sum(total_exec_time), 0)::float8 as ms,
                coalesce(sum(calls) filter (where query ~* '^\\s*(begin|savepoint|release|rollback|commit)'), 0)::float8 as tx
         from pg_stat_statements ${where}`,
      )
    ).rows[0] as { calls: number; ms: number; tx: number };
    const rows = (
      await c.query(
        `select calls::float8 as calls, total_exec_time::float8 as ms, query from pg_stat_statements ${where}
         order by total_exec_time desc limit $1`,
        [top],
      )
    ).rows as { calls: number; ms: number; query: string }[];
    return {
      calls: total.calls,
      transactionCalls: total.tx,
      execMs: total.ms,
      top: rows.map((r) => ({ calls: r.calls, execMs: r.ms, query: r.query.replace(/\s+/g, ' ') })),
    };
  });
}

export function statementLines(figures: StatementFigures, requests: number, seconds: number): string[] {
  const per = (value: number) => (value / Math.max(1, requests)).toFixed(1);
  return [
    `PostgreSQL statements in the window: ${per(figures.calls)} per HTTP request (${per(figures.transactionCalls)} of them begin/savepoint/release/commit; ${Math.round(figures.calls / seconds)}/s), execution ${(figures.execMs / Math.max(1, requests)).toFixed(3)} ms per request (${((figures.execMs / 1000 / seconds) * 100).toFixed(0)}% of one backend-second per second); by execution time:`,
    ...figures.top.map(
      (s) =>
        `  ${per(s.calls).padStart(5)}/request ${(s.execMs / Math.max(1, s.calls)).toFixed(3)} ms each  ${s.query.slice(0, 110)}`,
    ),
  ];
}
