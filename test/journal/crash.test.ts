/**
 * Crash safety of `tokenmall apply` (CONTRACTS.md "Command line", "The journal"), on SQLite and on
 * PostgreSQL: a child fed commands progressively is killed with SIGKILL at seeded moments, again and
 * again, on one growing store. After every kill the journal verifies, every `ack` seen is in it with its
 * seq, and re-sending the unanswered rest decides each key exactly once (a key committed before the
 * kill answers its first result). At the end the store equals a serial run of the same feed.
 *
 * Why the end state must equal the serial run: one process commits its batches in input order, so what
 * a killed child committed is a prefix of what it was sent (plus nothing else), and the answers it
 * printed are a prefix of that. Re-sending everything from the first unanswered line, in order, first
 * meets the committed lines again (idempotent: their first result, nothing applied) and then applies
 * the rest in order. So the store applies the whole feed once each, in feed order: the serial run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  type Answer,
  createRng,
  type FeedLine,
  generateFeed,
  parseAnswer,
  planKill,
  type Rng,
  readJournal,
  readRejections,
  runApply,
  runTokenmall,
  storeEnv,
} from '../support/feeds.js';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.js';

const DIALECTS = ['sqlite', 'postgres'] as const;
type Dialect = (typeof DIALECTS)[number];

/** Rounds of a fresh feed each; every round kills KILLS_PER_ROUND children, then one runs to the end. */
const ROUNDS = 7;
const KILLS_PER_ROUND = 3;
const ROUND_LINES: readonly [number, number] = [200, 450];
const SEED = 20_260_101;

const folders: string[] = [];
const databases: string[] = [];

afterAll(async () => {
  for (const url of databases) await dropTestDatabase(url);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function freshStore(dialect: Dialect, name: string): Promise<string> {
  if (dialect === 'postgres') {
    const url = await createTestDatabase(inject('pgAdminUrl'));
    databases.push(url);
    return url;
  }
  const folder = mkdtempSync(join(tmpdir(), `tokenmall-crash-${name}-`));
  folders.push(folder);
  return `sqlite:${join(folder, 'store.db')}`;
}

/** What the test knows about one store: every answer seen, by key, and each key's place in the feed. */
interface Seen {
  readonly feed: FeedLine[];
  readonly positionOf: Map<string, number>;
  /** The answer line each key got (every key is answered once, by whichever child answered it). */
  readonly answerOf: Map<string, string>;
  readonly acked: Map<string, string>;
  /** Rejections the rules decided (stored), key -> code; BAD_REQUEST is not stored. */
  readonly storedRejects: Map<string, string>;
  /** Re-sent lines that a killed child had decided (committed): each must answer as the first time. */
  resentDecided: number;
}

/** What a kill left committed: the test's expectation for the keys that are about to be re-sent. */
interface Committed {
  readonly seqOf: Map<string, string>;
  readonly rejectionOf: Map<string, string>;
}

/** Records the answers of one child for the lines it was sent (answers come in input order). */
function recordAnswers(seen: Seen, sent: readonly FeedLine[], lines: readonly string[], before: Committed) {
  expect(lines.length).toBeLessThanOrEqual(sent.length);
  lines.forEach((line, i) => {
    const answer: Answer = parseAnswer(line);
    const key = sent[i]!.key;
    expect(answer.key, `answer ${i} is for line ${i}`).toBe(key);
    expect(seen.answerOf.has(key), `${key} answered twice`).toBe(false);
    // A key committed before the kill answers its first result, and nothing is applied again.
    const committedSeq = before.seqOf.get(key);
    if (committedSeq !== undefined) expect(line).toBe(`ack ${key} ${committedSeq}`);
    const committedCode = before.rejectionOf.get(key);
    if (committedCode !== undefined) expect(answer).toEqual({ kind: 'reject', key, code: committedCode });
    if (committedSeq !== undefined || committedCode !== undefined) seen.resentDecided++;
    seen.answerOf.set(key, line);
    if (answer.kind === 'ack') seen.acked.set(key, answer.seq);
    else if (answer.code !== 'BAD_REQUEST') seen.storedRejects.set(key, answer.code);
  });
}

/** After a kill: verify passes, and the store holds every ack seen, once, with its seq, in feed order. */
async function checkStore(url: string, seen: Seen): Promise<Committed> {
  const verify = await runTokenmall(['verify'], storeEnv(url));
  expect(verify.code, `verify: ${verify.stdout}${verify.stderr}`).toBe(0);
  const head = /^ok seq=(\d+) head=[0-9a-f]{64}\n$/.exec(verify.stdout);
  expect(head, verify.stdout).not.toBeNull();
  const journal = await readJournal(url);
  expect(String(journal.length)).toBe(head![1]);
  const seqOf = new Map(journal.map((row) => [row.key, row.seq]));
  expect(seqOf.size, 'journal keys are unique').toBe(journal.length);
  for (const [key, seq] of seen.acked) expect(seqOf.get(key), `acked ${key}`).toBe(seq);
  // Entries follow the feed's order: each child commits a prefix of what it was sent, in order.
  let last = -1;
  for (const row of journal) {
    const position = seen.positionOf.get(row.key);
    expect(position, `${row.key} is a feed key`).toBeDefined();
    expect(position!, `${row.key} after the entry before it`).toBeGreaterThan(last);
    last = position!;
  }
  const rejectionOf = await readRejections(url);
  for (const key of rejectionOf.keys())
    expect(seqOf.has(key), `${key} both applied and rejected`).toBe(false);
  for (const [key, code] of seen.storedRejects) expect(rejectionOf.get(key), `rejected ${key}`).toBe(code);
  return { seqOf, rejectionOf };
}

async function runRound(url: string, seen: Seen, round: number, seed: number): Promise<number> {
  const rng = createRng(seed);
  const feed = generateFeed({ seed: rng.seed(), count: rng.int(...ROUND_LINES), keyPrefix: `r${round}` });
  for (const line of feed) {
    seen.positionOf.set(line.key, seen.feed.length);
    seen.feed.push(line);
  }
  let next = 0; // the first line whose answer the test has not seen (or has forgotten)
  let committed: Committed = { seqOf: new Map(), rejectionOf: new Map() };
  let kills = 0;
  for (let attempt = 0; attempt <= KILLS_PER_ROUND; attempt++) {
    const sent = feed.slice(next);
    const kill = attempt < KILLS_PER_ROUND ? planKill(rng, sent.length) : undefined;
    const run = await runApply(
      storeEnv(url),
      sent.map((l) => l.text),
      kill === undefined
        ? { seed: rng.seed(), timeoutMs: 60_000 }
        : { seed: rng.seed(), kill, timeoutMs: 15_000 },
    );
    recordAnswers(seen, sent, run.answers, committed);
    next += run.answers.length;
    if (kill !== undefined) {
      // A plan waiting for answers times out when apply holds its answers back while stdin stays open
      // (CONTRACTS.md: it prints `ack` after each command is committed, not at the end of its input).
      expect(
        run.killed,
        `killed as planned (${JSON.stringify(kill)}), after ${run.answers.length} answers; stderr: ${run.stderr}`,
      ).toBe('plan');
      expect(run.signal).toBe('SIGKILL');
      kills++;
      committed = await checkStore(url, seen);
      next -= forgetAnswers(seen, feed.slice(0, next), rng);
    } else {
      expect(run.killed, 'the last child ends by itself').toBe(false);
      expect(run.stderr).toBe('');
      expect(next, 'the last child answers every line').toBe(feed.length);
      const anyReject = run.answers.some((line) => line.startsWith('reject'));
      expect(run.code).toBe(anyReject ? 1 : 0);
    }
  }
  return kills;
}

/**
 * A kill rarely lands between a commit and its answer, so the test also plays a client that lost the
 * last answers it was given (its own crash): half the time it forgets up to 40 of them and re-sends from
 * there, still in feed order. Those keys were decided, so they must answer exactly as before. Returns
 * how many answers were forgotten.
 */
function forgetAnswers(seen: Seen, answered: readonly FeedLine[], rng: Rng): number {
  if (answered.length === 0 || rng.chance(0.5)) return 0;
  const count = rng.int(1, Math.min(40, answered.length));
  for (const line of answered.slice(-count)) seen.answerOf.delete(line.key);
  return count;
}

/** The whole feed applied in one go to a fresh store: its answers and its state. */
async function serialRun(dialect: Dialect, feed: readonly FeedLine[]) {
  const url = await freshStore(dialect, 'serial');
  const folder = mkdtempSync(join(tmpdir(), 'tokenmall-feed-'));
  folders.push(folder);
  const file = join(folder, 'feed.jsonl');
  writeFileSync(file, `${feed.map((l) => l.text).join('\n')}\n`);
  const apply = await runTokenmall(['apply', file], storeEnv(url), { timeoutMs: 90_000 });
  expect(apply.stderr).toBe('');
  const answers = apply.stdout.split('\n').slice(0, -1);
  expect(answers).toHaveLength(feed.length);
  const state = await runTokenmall(['state', '--json', '--accounts'], storeEnv(url));
  expect(state.code, state.stderr).toBe(0);
  return { answers, state: JSON.parse(state.stdout) as unknown };
}

describe('apply killed with SIGKILL', () => {
  // The dialects run side by side: each test owns its stores, and most of the time goes to waiting on
  // children.
  for (const dialect of DIALECTS) {
    it.concurrent(`on ${dialect}: keeps every ack, decides every key once on re-send, ends equal to a serial run`, async () => {
      const url = await freshStore(dialect, 'crash');
      // The store is migrated first: these kills are about apply's batches, not the schema's creation
      // (verify refuses a store at schema 0 as misuse, exit 2).
      const migrate = await runTokenmall(['migrate'], storeEnv(url));
      expect(migrate.code, migrate.stderr).toBe(0);
      const seen: Seen = {
        feed: [],
        positionOf: new Map(),
        answerOf: new Map(),
        acked: new Map(),
        storedRejects: new Map(),
        resentDecided: 0,
      };
      const rng = createRng(SEED + (dialect === 'sqlite' ? 0 : 1));
      let kills = 0;
      for (let round = 0; round < ROUNDS; round++) kills += await runRound(url, seen, round, rng.seed());
      expect(kills).toBeGreaterThanOrEqual(20);
      expect(seen.resentDecided, 're-sent lines that had been decided').toBeGreaterThanOrEqual(10);

      const final = await checkStore(url, seen);
      expect(final.seqOf).toEqual(seen.acked);
      // The feed must exercise the rules: plenty applied, plenty refused.
      expect(seen.acked.size).toBeGreaterThan(seen.feed.length / 3);
      expect(seen.storedRejects.size).toBeGreaterThan(seen.feed.length / 20);

      const serial = await serialRun(dialect, seen.feed);
      expect(serial.answers).toEqual(seen.feed.map((line) => seen.answerOf.get(line.key)));
      const state = await runTokenmall(['state', '--json', '--accounts'], storeEnv(url));
      expect(state.code, state.stderr).toBe(0);
      expect(JSON.parse(state.stdout)).toEqual(serial.state);
    }, 240_000);
  }
});
