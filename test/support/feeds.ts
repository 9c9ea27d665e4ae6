/**
 * Journal feeds for crash and concurrency tests: a seeded generator of `apply` lines (CONTRACTS.md
 * "Command line"), the built CLI run as a child process (progressively fed, killable), and plain reads
 * of the journal and rejection tables of either dialect. Nothing here uses Math.random: a failing run
 * is reproduced from its seed.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A fresh seed for an independent generator (so one consumer's use does not shift another's). */
  seed(): number;
}

export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new Error(`createRng: seed ${seed} is not an integer`);
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => {
    if (!(Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && lo <= hi)) {
      throw new Error(`rng.int: bad range [${lo}, ${hi}]`);
    }
    return lo + Math.floor(next() * (hi - lo + 1));
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('rng.pick: no items');
      return items[int(0, items.length - 1)]!;
    },
    seed: () => int(0, 0x7fffffff),
  };
}

/** An integer spread evenly over the orders of magnitude of [lo, hi] (small and large amounts alike). */
function logUniform(rng: Rng, lo: number, hi: number): number {
  const value = Math.floor(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi + 1) - Math.log(lo))));
  return Math.min(hi, Math.max(lo, value));
}

// ---------------------------------------------------------------------------------------------------
// Feeds

export interface FeedLine {
  readonly key: string;
  /** One JSON object, no newline. */
  readonly text: string;
}

export interface FeedOptions {
  readonly seed: number;
  readonly count: number;
  /** Keys are `<keyPrefix>-<n>`; feeds meant for one store need distinct prefixes. */
  readonly keyPrefix: string;
  /** Size of the member id pool (shared by every feed with the same value). Default 60. */
  readonly members?: number;
  /** Size of the merchant id pool, besides `platform`. Default 5. */
  readonly merchants?: number;
  /** Share of lines that are not valid commands (answered BAD_REQUEST, never stored). Default 0.01. */
  readonly badRequestRate?: number;
  /** Share of lines that change the parameters. Default 0.003. */
  readonly paramsRate?: number;
}

/** The i-th member id: mostly ASCII, some outside it so UTF-8 byte order matters in ties. */
export function memberId(i: number): string {
  if (i % 11 === 7) return `会员${i}`;
  if (i % 13 === 5) return `😀u${i}`;
  return `u${i}`;
}

export function merchantId(i: number): string {
  return `shop${i}`;
}

/** An integer as the feed writes it: mostly a JSON number, sometimes a string of digits (both valid). */
function integer(rng: Rng, value: number): number | string {
  return rng.chance(0.2) ? String(value) : value;
}

type Command = Record<string, unknown>;

/**
 * `count` apply lines with unique keys: joins (most with a referrer), merchants, orders (some with a
 * stable part, a profit, a merchant), sells and converts (some of "all"), settles, dividends, a few
 * parameter changes and a few malformed lines. Many commands are rejected by the rules (unknown
 * referrer, too little stable, nothing to sell, an id taken): that is part of what the journal must
 * decide the same way every time.
 */
export function generateFeed(options: FeedOptions): FeedLine[] {
  const rng = createRng(options.seed);
  const memberCount = options.members ?? 60;
  const merchantCount = options.merchants ?? 5;
  const badRate = options.badRequestRate ?? 0.01;
  const paramsRate = options.paramsRate ?? 0.003;
  if (!(options.count >= 0 && memberCount >= 2 && merchantCount >= 1))
    throw new Error('generateFeed: bad options');
  const member = () => memberId(rng.int(0, memberCount - 1));
  const merchant = () => (rng.chance(0.25) ? 'platform' : merchantId(rng.int(0, merchantCount - 1)));
  const lines: FeedLine[] = [];
  for (let n = 0; n < options.count; n++) {
    const key = `${options.keyPrefix}-${n}`;
    const roll = rng.next();
    let command: Command;
    if (roll < badRate) command = badCommand(rng, member());
    else if (roll < badRate + paramsRate) command = paramsCommand(rng);
    else command = economyCommand(rng, rng.next(), member, merchant);
    lines.push({ key, text: JSON.stringify({ key, ...command }) });
  }
  return lines;
}

function economyCommand(rng: Rng, roll: number, member: () => string, merchant: () => string): Command {
  if (roll < 0.12) {
    const id = member();
    return rng.chance(0.8) ? { type: 'join', member: id, referrer: member() } : { type: 'join', member: id };
  }
  if (roll < 0.15) return { type: 'merchant', id: merchant() };
  if (roll < 0.6) return orderCommand(rng, member(), merchant);
  if (roll < 0.75) {
    const seller = rng.chance(0.85) ? member() : rng.chance(0.5) ? merchant() : 'treasury';
    return { type: 'sell', member: seller, points: pointsOf(rng, 30_000_000) };
  }
  if (roll < 0.86) return { type: 'convert', member: member(), points: pointsOf(rng, 20_000_000) };
  if (roll < 0.95)
    return { type: 'settle', merchant: merchant(), stable: integer(rng, logUniform(rng, 1, 20_000)) };
  return { type: 'dividends' };
}

function orderCommand(rng: Rng, buyer: string, merchant: () => string): Command {
  const amount = logUniform(rng, 100, 500_000);
  const command: Command = { type: 'order', member: buyer, amount: integer(rng, amount) };
  if (rng.chance(0.2)) command.stable = integer(rng, logUniform(rng, 1, Math.min(amount, 8_000)));
  if (rng.chance(0.6)) command.profit = integer(rng, rng.int(0, amount));
  if (rng.chance(0.5)) command.merchant = merchant();
  return command;
}

function pointsOf(rng: Rng, max: number): number | string {
  return rng.chance(0.25) ? 'all' : integer(rng, logUniform(rng, 1, max));
}

/** A valid-looking parameter change; some are refused by the rules (a cap below minted). */
function paramsCommand(rng: Rng): Command {
  const awardRate = rng.int(4000, 8000);
  return {
    type: 'params',
    params: {
      issuePrice: 100,
      reserveRate: rng.int(2000, 4000),
      awardRate,
      referralRate: rng.int(0, Math.min(2000, 10_000 - awardRate)),
      sellFeeRate: rng.int(500, 1500),
      convertFeeRate: rng.int(0, 300),
      quotaMultiplier: rng.int(15_000, 25_000),
      dividendRate: rng.int(1000, 5000),
      supplyCap: rng.chance(0.2) ? String(rng.int(1, 1_000_000)) : '100000000000000',
      exitEnabled: rng.chance(0.85),
    },
  };
}

/** A line the parser refuses (BAD_REQUEST): answered at once, not stored, its key stays free. */
function badCommand(rng: Rng, id: string): Command {
  switch (rng.int(0, 2)) {
    case 0:
      return { type: 'join', member: id, note: 'vip' };
    case 1:
      return { type: 'order', member: id };
    default:
      return { type: 'teleport', member: id };
  }
}

// ---------------------------------------------------------------------------------------------------
// The built CLI

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tokenmall.js');

/** A time every entry takes, so two stores fed the same commands have the same head hash. */
export const FIXED_TIME = '2026-01-01T00:00:00.000Z';

/** The environment of a child tokenmall on one store, with the fixed entry time. */
export function storeEnv(url: string): NodeJS.ProcessEnv {
  return { ...process.env, TOKENMALL_DATABASE_URL: url, TOKENMALL_FIXED_TIME: FIXED_TIME };
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tokenmall ...args` to its end (bounded by timeoutMs, after which it is killed). */
export async function runTokenmall(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.on('error', () => {});
  child.stdin.end(options.input ?? '');
  const [code] = await closed;
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** When a killed `apply` dies: some time after it starts, or soon after it has answered some lines. */
export type KillPlan =
  | { readonly afterMs: number }
  | { readonly afterAnswers: number; readonly extraMs: number };

/**
 * A kill at a seeded moment: a quarter at a time after the start (the first ~0.4 s are Node's start-up
 * and the store's opening), the rest soon after a seeded number of answers, while later chunks are in
 * flight.
 */
export function planKill(rng: Rng, lineCount: number): KillPlan {
  if (lineCount < 2 || rng.chance(0.25)) return { afterMs: rng.int(0, 1200) };
  return { afterAnswers: rng.int(1, lineCount - 1), extraMs: rng.int(0, 15) };
}

export interface ApplyRun {
  /** Every complete answer line the child printed, in order (a line cut by the kill is left out). */
  readonly answers: string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /**
   * Whether we killed it with SIGKILL: as planned, or because it ran past timeoutMs (a plan waiting
   * for answers that never came, or a run that never ended).
   */
  readonly killed: false | 'plan' | 'timeout';
  readonly stderr: string;
}

export interface ApplyOptions {
  /** Seeds the chunk sizes and pauses of the writing. */
  readonly seed: number;
  /** Kill with SIGKILL as planned (stdin stays open, so only the kill ends it); else end stdin and wait. */
  readonly kill?: KillPlan;
  /** Lines per write, [min, max]. Default [5, 25]. */
  readonly chunkLines?: readonly [number, number];
  /**
   * Pause after each write in ms, [min, max]. Default [3, 20]: longer than apply's linger, so the
   * child commits many small batches and a kill can land between or inside them.
   */
  readonly pauseMs?: readonly [number, number];
  /** Upper bound on the whole run (default 60 s): past it the child is killed, `killed: 'timeout'`. */
  readonly timeoutMs?: number;
}

/**
 * Runs `tokenmall apply -` and writes `lines` to its stdin progressively (chunks with small pauses),
 * reading its answers as they come. With a kill plan the child is killed with SIGKILL at that moment.
 */
export async function runApply(
  env: NodeJS.ProcessEnv,
  lines: readonly string[],
  options: ApplyOptions,
): Promise<ApplyRun> {
  const rng = createRng(options.seed);
  const child = spawn(process.execPath, [BIN, 'apply', '-'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  let gone = false;
  void closed.then(() => (gone = true));
  let killed: ApplyRun['killed'] = false;
  const kill = (why: 'plan' | 'timeout') => {
    if (killed !== false || gone) return;
    killed = why;
    child.kill('SIGKILL');
  };
  const killNow = () => kill('plan');
  const answers: string[] = [];
  let stderr = '';
  const timers: NodeJS.Timeout[] = [];
  const plan = options.kill;
  if (plan !== undefined && 'afterMs' in plan) timers.push(setTimeout(killNow, plan.afterMs));
  let scheduled = false;
  readLines(child, (line) => {
    answers.push(line);
    if (plan !== undefined && 'afterAnswers' in plan && !scheduled && answers.length >= plan.afterAnswers) {
      scheduled = true;
      timers.push(setTimeout(killNow, plan.extraMs));
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  timers.push(setTimeout(() => kill('timeout'), options.timeoutMs ?? 60_000));
  await writeProgressively(child, lines, rng, options, () => gone || killed !== false);
  if (plan === undefined) child.stdin.end();
  const [code, signal] = await closed;
  for (const timer of timers) clearTimeout(timer);
  return { answers, code, signal, killed, stderr };
}

function readLines(child: ChildProcessWithoutNullStreams, onLine: (line: string) => void): void {
  let rest = '';
  child.stdout.setEncoding('utf8').on('data', (data: string) => {
    rest += data;
    let newline = rest.indexOf('\n');
    while (newline >= 0) {
      onLine(rest.slice(0, newline));
      rest = rest.slice(newline + 1);
      newline = rest.indexOf('\n');
    }
  });
}

async function writeProgressively(
  child: ChildProcessWithoutNullStreams,
  lines: readonly string[],
  rng: Rng,
  options: ApplyOptions,
  stopped: () => boolean,
): Promise<void> {
  const [chunkMin, chunkMax] = options.chunkLines ?? [5, 25];
  const [pauseMin, pauseMax] = options.pauseMs ?? [3, 20];
  child.stdin.on('error', () => {}); // EPIPE once the child is killed
  const closed = once(child, 'close');
  for (let i = 0; i < lines.length && !stopped(); ) {
    const size = rng.int(chunkMin, chunkMax);
    const chunk = `${lines.slice(i, i + size).join('\n')}\n`;
    i += size;
    if (!child.stdin.write(chunk)) await Promise.race([once(child.stdin, 'drain'), closed]);
    await sleep(rng.int(pauseMin, pauseMax));
  }
}

// ---------------------------------------------------------------------------------------------------
// Answers

export type Answer =
  | { readonly kind: 'ack'; readonly key: string; readonly seq: string }
  | { readonly kind: 'reject'; readonly key: string; readonly code: string };

/** Reads `ack KEY SEQ` or `reject KEY CODE MESSAGE`; throws on anything else. */
export function parseAnswer(line: string): Answer {
  const ack = /^ack (\S+) ([1-9][0-9]*)$/.exec(line);
  if (ack) return { kind: 'ack', key: ack[1]!, seq: ack[2]! };
  const reject = /^reject (\S+) ([A-Z][A-Z0-9_]*)( .*)?$/.exec(line);
  if (reject) return { kind: 'reject', key: reject[1]!, code: reject[2]! };
  throw new Error(`not an apply answer: ${JSON.stringify(line)}`);
}

// ---------------------------------------------------------------------------------------------------
// Reading a store directly (no writer may be running on SQLite)

export interface JournalRow {
  readonly seq: string;
  readonly key: string;
  /** JCS of the command with "paramsVersion", without "key". */
  readonly command: string;
}

/** Every journal entry's seq, key and command, in seq order. */
export async function readJournal(url: string): Promise<JournalRow[]> {
  const rows = await query<{ seq: string | number; key: string; command: string }>(
    url,
    'select seq, key, command from journal order by seq',
  );
  return rows.map((r) => ({ seq: String(r.seq), key: r.key, command: r.command }));
}

/** Every stored rejection: key -> code. */
export async function readRejections(url: string): Promise<Map<string, string>> {
  const rows = await query<{ key: string; code: string }>(url, 'select key, code from rejections');
  return new Map(rows.map((r) => [r.key, r.code]));
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length), { fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // bigint columns come back as strings from pg: seq stays exact.
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Rebuilds an `apply` line from a journal row: the command less "paramsVersion", plus "key". */
export function applyLineOf(row: JournalRow): string {
  const command = JSON.parse(row.command) as Record<string, unknown>;
  if (typeof command.paramsVersion !== 'string') throw new Error(`entry ${row.seq} has no paramsVersion`);
  delete command.paramsVersion;
  return JSON.stringify({ key: row.key, ...command });
}
