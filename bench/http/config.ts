/** The HTTP benchmark's settings, read from the environment (see bench/http.bench.ts). */

export type Part = 'sqlite' | 'postgres' | 'reference' | 'lifecycle';

export interface HttpBenchConfig {
  readonly scale: 'full' | 'small';
  /** Buyers registered before any timing; each order picks the next one, round robin. */
  readonly buyers: number;
  /** Concurrent keep-alive connections, each one virtual user looping over its chain of requests. */
  readonly connections: number;
  /** Unmeasured load before each measured phase (JIT, caches, SQLite's page cache). */
  readonly warmupSeconds: number;
  readonly paidSeconds: number;
  readonly lifecycleSeconds: number;
  readonly referenceSeconds: number;
  /** CPU-profile the server (`node --cpu-prof`) during each store's phases and print its hot spots. */
  readonly profile: boolean;
  /** Folder of the SQLite store (default: the run's temporary folder); /dev/shm shows fsync's share. */
  readonly sqliteDir: string | undefined;
  readonly skip: ReadonlySet<Part>;
}

const PARTS: readonly Part[] = ['sqlite', 'postgres', 'reference', 'lifecycle'];

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got ${text}`);
  return value;
}

function skipList(env: NodeJS.ProcessEnv): Set<Part> {
  const items = (env.BENCH_SKIP ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const item of items) {
    if (!(PARTS as readonly string[]).includes(item))
      throw new Error(`BENCH_SKIP: '${item}' is not one of ${PARTS.join(', ')}`);
  }
  return new Set(items as Part[]);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): HttpBenchConfig {
  const scaleText = env.BENCH_SCALE ?? 'full';
  if (scaleText !== 'full' && scaleText !== 'small')
    throw new Error(`BENCH_SCALE must be full or small, got ${scaleText}`);
  const small = scaleText === 'small';
  return {
    scale: scaleText,
    buyers: positive(env, 'BENCH_BUYERS', small ? 200 : 2000),
    connections: positive(env, 'BENCH_CONNECTIONS', 64),
    warmupSeconds: positive(env, 'BENCH_WARMUP_SECONDS', small ? 2 : 5),
    paidSeconds: positive(env, 'BENCH_SECONDS', small ? 5 : 20),
    lifecycleSeconds: positive(env, 'BENCH_SECONDS', small ? 5 : 20),
    referenceSeconds: positive(env, 'BENCH_REFERENCE_SECONDS', small ? 3 : 10),
    profile: env.BENCH_PROFILE === '1',
    sqliteDir: env.BENCH_SQLITE_DIR || undefined,
    skip: skipList(env),
  };
}
