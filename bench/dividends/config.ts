/** The dividends benchmark's workload, from the environment (the defaults are the full workload). */

export type Part = 'sqlite' | 'postgres' | 'verify';

export interface DividendsConfig {
  readonly scale: 'full' | 'small';
  /** Members who each order once through the sequencer before the run: the holders it pays. */
  readonly holders: number;
  /** Most build commands submitted and not yet acknowledged. */
  readonly inFlight: number;
  /** Profile the dividend run's CPU (node:inspector) and print where it goes, by function and by file. */
  readonly profile: boolean;
  /** Also write that profile here (a .cpuprofile file for Chrome DevTools or speedscope). */
  readonly profileOut: string | undefined;
  readonly skip: ReadonlySet<Part>;
}

const PARTS: readonly Part[] = ['sqlite', 'postgres', 'verify'];

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got ${text}`);
  return value;
}

function parts(env: NodeJS.ProcessEnv): Set<Part> {
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

export function readConfig(env: NodeJS.ProcessEnv = process.env): DividendsConfig {
  const scale = env.BENCH_SCALE ?? 'full';
  if (scale !== 'full' && scale !== 'small')
    throw new Error(`BENCH_SCALE must be full or small, got ${scale}`);
  const profileText = env.BENCH_PROFILE ?? '';
  return {
    scale,
    holders: positive(env, 'BENCH_HOLDERS', scale === 'small' ? 10_000 : 1_000_000),
    inFlight: positive(env, 'BENCH_IN_FLIGHT', 20_000),
    profile: profileText !== '' && profileText !== '0',
    profileOut: env.BENCH_PROFILE_OUT || undefined,
    skip: parts(env),
  };
}
