/** The ledger benchmark's workload, from the environment (the defaults are the full workload). */

export type StoreKind = 'sqlite' | 'postgres';
export type Part = 'sqlite' | 'postgres' | 'pgbench' | 'raw' | 'verify' | 'startup';

export interface BenchConfig {
  readonly scale: 'full' | 'small';
  /** Orders submitted in the durable-throughput run, per store. */
  readonly orders: number;
  /** Members the orders pick from. */
  readonly members: number;
  /** Most commands submitted and not yet acknowledged. */
  readonly inFlight: number;
  /** How the driver refills free in-flight slots (see `drive`). */
  readonly refill: 'burst' | 'each';
  readonly pgbenchScale: number;
  readonly pgbenchSeconds: number;
  /** The start-up store: this many members each order once, then repeat orders up to `startupEntries`. */
  readonly startupHolders: number;
  readonly startupEntries: number;
  readonly startupOn: readonly StoreKind[];
  readonly skip: ReadonlySet<Part>;
}

const PARTS: readonly Part[] = ['sqlite', 'postgres', 'pgbench', 'raw', 'verify', 'startup'];

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got ${text}`);
  return value;
}

function list<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T[],
): T[] {
  const text = env[name];
  if (text === undefined) return fallback;
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item))
      throw new Error(`${name}: '${item}' is not one of ${allowed.join(', ')}`);
  }
  return items as T[];
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!(allowed as readonly string[]).includes(text))
    throw new Error(`${name} must be one of ${allowed.join(', ')}`);
  return text as T;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const scaleText = env.BENCH_SCALE ?? 'full';
  if (scaleText !== 'full' && scaleText !== 'small')
    throw new Error(`BENCH_SCALE must be full or small, got ${scaleText}`);
  const small = scaleText === 'small';
  const config: BenchConfig = {
    scale: scaleText,
    orders: positive(env, 'BENCH_ORDERS', small ? 50_000 : 300_000),
    members: positive(env, 'BENCH_MEMBERS', small ? 10_000 : 100_000),
    inFlight: positive(env, 'BENCH_IN_FLIGHT', 20_000),
    refill: oneOf(env, 'BENCH_REFILL', ['burst', 'each'] as const, 'burst'),
    pgbenchScale: positive(env, 'BENCH_PGBENCH_SCALE', 10),
    pgbenchSeconds: positive(env, 'BENCH_PGBENCH_SECONDS', small ? 5 : 30),
    startupHolders: positive(env, 'BENCH_STARTUP_HOLDERS', small ? 50_000 : 1_000_000),
    startupEntries: positive(env, 'BENCH_STARTUP_ENTRIES', small ? 200_000 : 5_000_000),
    startupOn: list<StoreKind>(env, 'BENCH_STARTUP_ON', ['sqlite', 'postgres'], ['sqlite']),
    skip: new Set(list<Part>(env, 'BENCH_SKIP', PARTS, [])),
  };
  if (config.startupEntries < config.startupHolders)
    throw new Error('BENCH_STARTUP_ENTRIES must be at least BENCH_STARTUP_HOLDERS');
  return config;
}
