/**
 * Closed-loop load with autocannon: each connection is one virtual user that loops over a chain of
 * requests (checkout, pay, notify, ...), each request built from the answers before it (`setupRequest`,
 * `onResponse` and the connection's context). A failed step ends the chain early and the connection
 * starts a new one. Latencies are timed here, from building a request (just before it is written) to
 * its parsed answer, per step and for the whole chain.
 */
import autocannon from 'autocannon';
import { type CpuShares, type CpuTargets, cpuMark, cpuShares } from './cpu.js';

/** What a chain carries from one step to the next; autocannon resets it when the chain starts over. */
export interface ChainContext {
  buyerToken?: string | undefined;
  skuId?: string | undefined;
  merchantId?: string | undefined;
  orderId?: string | undefined;
  paymentId?: string | undefined;
  cashFen?: string | undefined;
  /** When the chain's first request was built (performance.now()). */
  chainStartMs?: number;
  /** When the current request was built. */
  sentMs?: number;
  failed?: boolean;
}

export interface WindowHooks {
  opened(): Promise<void>;
  closed(): Promise<void>;
}

export interface StepRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface Step {
  readonly name: string;
  readonly expectedStatus: number;
  build(context: ChainContext): StepRequest;
  /** Keeps what later steps need; false when a success-status answer still is not a success. */
  read?(body: string, context: ChainContext): boolean;
}

/** Latencies in milliseconds, grown as needed. */
const TAIL_SECONDS = 1;

class Samples {
  private values = new Float64Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** The given quantiles (0..1), nearest rank. */
  quantiles(qs: readonly number[]): number[] {
    const sorted = this.values.slice(0, this.length).sort();
    return qs.map((q) => {
      const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
      return sorted[index] ?? Number.NaN;
    });
  }
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface ChainRun {
  readonly seconds: number;
  /** Chains whose every step succeeded, in the measured window. */
  readonly completed: number;
  readonly completedPerSecond: number;
  /** Every request answered, failed or not, per second. */
  readonly requestsPerSecond: number;
  readonly steps: readonly (LatencySummary & { readonly name: string })[];
  readonly chain: LatencySummary;
  /** Failed answers per `step status`, with the first body seen. */
  readonly failures: ReadonlyMap<string, { count: number; sample: string }>;
  /** Connection errors and timeouts autocannon counted (warm-up included). */
  readonly socketErrors: number;
  readonly timeouts: number;
  readonly cpu: CpuShares;
}

/** What the measured window saw; answers outside it (the warm-up, the tail) are not counted. */
class Recorder {
  readonly steps: Samples[];
  readonly chain = new Samples();
  readonly failures = new Map<string, { count: number; sample: string }>();
  completed = 0;
  answers = 0;
  private startMs = Number.POSITIVE_INFINITY;
  private endMs = Number.POSITIVE_INFINITY;

  constructor(readonly stepCount: number) {
    this.steps = Array.from({ length: stepCount }, () => new Samples());
  }

  open(atMs: number): void {
    this.startMs = atMs;
  }

  close(atMs: number): void {
    this.endMs = atMs;
  }

  /** Whether an answer at `nowMs` to a request sent at `sentMs` falls in the window. */
  counts(sentMs: number, nowMs: number): boolean {
    return sentMs >= this.startMs && nowMs <= this.endMs;
  }

  fail(key: string, body: string): void {
    const known = this.failures.get(key);
    if (known) known.count += 1;
    else this.failures.set(key, { count: 1, sample: body.slice(0, 300) });
  }
}

function summary(samples: Samples): LatencySummary {
  const [p50, p99, max] = samples.quantiles([0.5, 0.99, 1]);
  return { count: samples.length, p50Ms: p50!, p99Ms: p99!, maxMs: max! };
}

/** The chain as autocannon requests that time themselves into `recorder`. */
function requestsFor(steps: readonly Step[], recorder: Recorder): autocannon.Request[] {
  return steps.map((step, index) => ({
    setupRequest: (request: autocannon.Request, raw: object) => {
      const context = raw as ChainContext;
      if (context.failed) return undefined as unknown as autocannon.Request;
      const built = step.build(context);
      context.sentMs = performance.now();
      if (index === 0) context.chainStartMs = context.sentMs;
      return {
        ...request,
        method: built.method,
        path: built.path,
        headers: built.headers,
        ...(built.body === undefined ? {} : { body: built.body }),
      };
    },
    onResponse: (status: number, body: string, raw: object) => {
      const context = raw as ChainContext;
      const now = performance.now();
      const ok = status === step.expectedStatus && (step.read === undefined || step.read(body, context));
      const counted = recorder.counts(context.sentMs!, now);
      if (counted) recorder.answers += 1;
      if (!ok) {
        context.failed = true;
        if (counted) recorder.fail(`${step.name} ${status}`, body);
        return;
      }
      if (counted) recorder.steps[index]!.push(now - context.sentMs!);
      if (index === steps.length - 1 && recorder.counts(context.chainStartMs!, now)) {
        recorder.chain.push(now - context.chainStartMs!);
        recorder.completed += 1;
      }
    },
  }));
}

/**
 * Runs the chain on `connections` connections: `warmupSeconds` not counted, then `seconds` measured, on
 * the same connections (a burst of new connections would wait behind the server's busy event loop, which
 * is start-up, not throughput). A chain counts when it starts and ends inside the window.
 */
export async function runChain(
  url: string,
  steps: readonly Step[],
  options: {
    connections: number;
    seconds: number;
    warmupSeconds: number;
    cpu: CpuTargets;
    /** Called as the measured window opens and closes (e.g. to reset and read database counters). */
    window?: WindowHooks | undefined;
  },
): Promise<ChainRun> {
  if (steps.length === 0) throw new Error('a chain needs at least one step');
  const hooks: Promise<void>[] = [];
  let hookError: unknown;
  // Caught at once: a hook that fails while autocannon runs must not be an unhandled rejection.
  const hook = (run: () => Promise<void>) =>
    hooks.push(
      run().catch((error: unknown) => {
        hookError ??= error;
      }),
    );
  const recorder = new Recorder(steps.length);
  let before = cpuMark(options.cpu);
  let after = before;
  const opening = setTimeout(() => {
    before = cpuMark(options.cpu);
    recorder.open(before.atMs);
    if (options.window) hook(options.window.opened);
  }, options.warmupSeconds * 1000);
  const closing = setTimeout(
    () => {
      after = cpuMark(options.cpu);
      recorder.close(after.atMs);
      if (options.window) hook(options.window.closed);
    },
    (options.warmupSeconds + options.seconds) * 1000,
  );
  let result: autocannon.Result;
  try {
    result = await autocannon({
      url,
      connections: options.connections,
      pipelining: 1,
      timeout: 30,
      // The window closes by its own timer; autocannon runs a little longer so that it is still loaded.
      duration: options.warmupSeconds + options.seconds + TAIL_SECONDS,
      requests: requestsFor(steps, recorder),
    });
  } finally {
    clearTimeout(opening);
    clearTimeout(closing);
    await Promise.all(hooks);
  }
  if (hookError !== undefined) throw hookError;
  if (after === before) throw new Error('the measured window never closed');
  const seconds = (after.atMs - before.atMs) / 1000;
  return {
    seconds,
    completed: recorder.completed,
    completedPerSecond: recorder.completed / seconds,
    requestsPerSecond: recorder.answers / seconds,
    steps: steps.map((s, i) => ({ name: s.name, ...summary(recorder.steps[i]!) })),
    chain: summary(recorder.chain),
    failures: recorder.failures,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    cpu: cpuShares(before, after),
  };
}

export interface PlainRun {
  readonly requestsPerSecond: number;
  readonly cpu: CpuShares;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** One GET route, no chaining: autocannon's own figures, after a warm-up. */
export async function runPlain(
  url: string,
  options: { connections: number; seconds: number; warmupSeconds: number; cpu: CpuTargets },
): Promise<PlainRun> {
  const base = { url, connections: options.connections, pipelining: 1 };
  await autocannon({ ...base, duration: options.warmupSeconds });
  const before = cpuMark(options.cpu);
  const result = await autocannon({ ...base, duration: options.seconds });
  const after = cpuMark(options.cpu);
  return {
    cpu: cpuShares(before, after),
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
