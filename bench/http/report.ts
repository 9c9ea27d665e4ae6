/** Printing for the HTTP benchmark: each run as it ends, then one table of every figure and target. */
import { cpus } from 'node:os';
import { int, line } from '../ledger/report.js';
import type { CpuShares } from './cpu.js';
import type { ChainRun, LatencySummary, PlainRun } from './load.js';

export { int, line };

const ms = (value: number) => value.toFixed(1);

function cpuLine(cpu: CpuShares, requestsPerSecond: number): string {
  const perRequestUs = (cpu.serverPercent / 100 / requestsPerSecond) * 1e6;
  const database = Number.isNaN(cpu.databasePercent) ? 0 : cpu.databasePercent;
  // Per-process and whole-machine counters are read a moment apart: a few % below zero is noise.
  const others = Math.max(0, cpu.machinePercent - cpu.serverPercent - database - cpu.loadPercent);
  const databaseText = Number.isNaN(cpu.databasePercent)
    ? ''
    : `, PostgreSQL ${int(database)}% (${int((database / 100 / requestsPerSecond) * 1e6)} us per request)`;
  return `CPU (100% = one core): server ${int(cpu.serverPercent)}% (${int(perRequestUs)} us per request)${databaseText}, load generator ${int(cpu.loadPercent)}%, everything else ${int(others)}% (whole machine ${int(cpu.machinePercent)}% of ${cpus().length * 100}%)`;
}

function latencyText(l: LatencySummary): string {
  return `p50 ${ms(l.p50Ms)} / p99 ${ms(l.p99Ms)} / max ${ms(l.maxMs)} ms`;
}

/** The worst p99 among the chain's steps: the latency of a single request that the target bounds. */
export function worstStepP99(run: ChainRun): { name: string; p99Ms: number } {
  let worst = { name: '', p99Ms: 0 };
  for (const step of run.steps) if (!(step.p99Ms <= worst.p99Ms)) worst = step;
  return worst;
}

export function printChainRun(run: ChainRun, unit: string): void {
  const stepCount = run.steps.length;
  line(
    `  ${unit}/s: ${int(run.completedPerSecond)} (${run.completed} in ${run.seconds.toFixed(1)} s; ${int(run.requestsPerSecond)} requests/s)`,
  );
  for (const step of run.steps)
    line(`    ${step.name.padEnd(9)} ${latencyText(step)} (${step.count} answers)`);
  line(`    whole ${unit.replace(/s$/, '')} (${stepCount} requests in a row): ${latencyText(run.chain)}`);
  if (run.failures.size === 0 && run.socketErrors === 0) line('    failures: none');
  for (const [key, failure] of run.failures)
    line(`    failed: ${key} x${failure.count} (first answer: ${failure.sample})`);
  if (run.socketErrors > 0) line(`    socket errors: ${run.socketErrors} (timeouts ${run.timeouts})`);
  line(`    ${cpuLine(run.cpu, run.requestsPerSecond)}`);
}

export function printPlainRun(run: PlainRun): void {
  line(
    `  requests/s: ${int(run.requestsPerSecond)}, latency p50 ${ms(run.p50Ms)} / p99 ${ms(run.p99Ms)} ms${run.non2xx + run.errors > 0 ? ` (${run.non2xx} non-2xx, ${run.errors} errors)` : ''}`,
  );
  line(`    ${cpuLine(run.cpu, run.requestsPerSecond)}`);
}

export interface TableRow {
  readonly measure: string;
  readonly result: string;
  readonly target: string;
  /** undefined: no target, a figure for reference. */
  readonly met: boolean | undefined;
}

export function printTable(rows: readonly TableRow[]): void {
  const header: [string, string, string, string] = ['measure', 'result', 'target', 'met/missed'];
  const cells = rows.map(
    (r) => [r.measure, r.result, r.target, r.met === undefined ? '-' : r.met ? 'met' : 'MISSED'] as const,
  );
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const format = (c: readonly string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  line(format(header));
  line(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) line(format(c));
}

/** The issue's targets, for SQLite on this 2-core machine. */
export const TARGETS = { paidPerSecond: 5000, p99Ms: 50, completedPerSecond: 1000 } as const;

export interface StoreFigures {
  readonly label: string;
  readonly paid: ChainRun;
  readonly lifecycle: ChainRun | undefined;
  readonly verify: { ok: boolean; text: string };
}

/** One store's rows of the summary table; `withTargets` judges them against TARGETS. */
export function storeRows(figures: StoreFigures, withTargets: boolean): TableRow[] {
  const { label, paid, lifecycle } = figures;
  const judged = (text: string, met: boolean) =>
    withTargets ? { target: text, met } : { target: '-', met: undefined };
  const worst = worstStepP99(paid);
  const rows: TableRow[] = [
    {
      measure: `${label}: paid orders/s`,
      result: int(paid.completedPerSecond),
      ...judged(`>= ${TARGETS.paidPerSecond}`, paid.completedPerSecond >= TARGETS.paidPerSecond),
    },
    {
      measure: `${label}: paid-order request p99 (worst step: ${worst.name})`,
      result: `${ms(worst.p99Ms)} ms`,
      ...judged(`< ${TARGETS.p99Ms} ms`, worst.p99Ms < TARGETS.p99Ms),
    },
    {
      measure: `${label}: whole paid order p99 (3 requests)`,
      result: `${ms(paid.chain.p99Ms)} ms`,
      target: '-',
      met: undefined,
    },
  ];
  if (lifecycle) {
    rows.push(
      {
        measure: `${label}: completed orders/s (6 requests each)`,
        result: int(lifecycle.completedPerSecond),
        ...judged(
          `>= ${TARGETS.completedPerSecond}`,
          lifecycle.completedPerSecond >= TARGETS.completedPerSecond,
        ),
      },
      {
        measure: `${label}: whole completed order p99 (6 requests)`,
        result: `${ms(lifecycle.chain.p99Ms)} ms`,
        target: '-',
        met: undefined,
      },
    );
  }
  rows.push({
    measure: `${label}: tokenmall verify`,
    result: figures.verify.text.slice(0, 24),
    target: 'ok',
    met: figures.verify.ok,
  });
  return rows;
}
