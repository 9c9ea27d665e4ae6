/**
 * Several writers on one PostgreSQL economy (DESIGN.md "Several nodes on PostgreSQL"): two `tokenmall
 * apply` processes feed one database at the same time, over shared member ids. Each batch takes the
 * advisory lock and catches up with the other's entries first, so the journal must be exactly a serial
 * run: it verifies, it holds exactly the acknowledged commands, each process's own commands keep their
 * order, and replaying the journal's commands in seq order on a fresh database gives the same state and
 * the same head hash (every process runs with TOKENMALL_FIXED_TIME).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ApplyRun,
  applyLineOf,
  type FeedLine,
  generateFeed,
  parseAnswer,
  readJournal,
  readRejections,
  runApply,
  runTokenmall,
  storeEnv,
} from '../support/feeds.js';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.js';

const LINES_PER_FEED = 3000;
/** Both feeds draw from one member pool, so each process's commands depend on the other's. */
const MEMBERS = 80;
const WRITE = { chunkLines: [10, 40], pauseMs: [10, 30], timeoutMs: 90_000 } as const;

const feeds: Record<'a' | 'b', FeedLine[]> = {
  a: generateFeed({ seed: 7_001, count: LINES_PER_FEED, keyPrefix: 'a', members: MEMBERS }),
  b: generateFeed({ seed: 7_002, count: LINES_PER_FEED, keyPrefix: 'b', members: MEMBERS }),
};

const databases: string[] = [];
let url = '';
let runs: Record<'a' | 'b', ApplyRun>;

/** Feeds both processes at once, each fed progressively from its own writer. */
async function applyBoth(target: string, seeds: readonly [number, number]) {
  const [a, b] = await Promise.all([
    runApply(
      storeEnv(target),
      feeds.a.map((l) => l.text),
      { ...WRITE, seed: seeds[0] },
    ),
    runApply(
      storeEnv(target),
      feeds.b.map((l) => l.text),
      { ...WRITE, seed: seeds[1] },
    ),
  ]);
  return { a, b };
}

beforeAll(async () => {
  url = await createTestDatabase(inject('pgAdminUrl'));
  databases.push(url);
  // Both start on a database that was never migrated: their migrations race too.
  runs = await applyBoth(url, [1, 2]);
}, 120_000);

afterAll(async () => {
  for (const database of databases) await dropTestDatabase(database);
});

describe('two apply processes on one PostgreSQL database', () => {
  it('both answer every line and exit as apply does', () => {
    for (const name of ['a', 'b'] as const) {
      const run = runs[name];
      expect(run.killed, `${name} ended by itself`).toBe(false);
      expect(run.stderr).toBe('');
      expect(run.answers.map((line) => parseAnswer(line).key)).toEqual(feeds[name].map((l) => l.key));
      expect(run.code).toBe(run.answers.some((line) => line.startsWith('reject')) ? 1 : 0);
    }
  });

  it('verify passes and the journal holds exactly the acknowledged commands, each once', async () => {
    const verify = await runTokenmall(['verify'], storeEnv(url));
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const journal = await readJournal(url);
    expect(verify.stdout).toMatch(new RegExp(`^ok seq=${journal.length} head=[0-9a-f]{64}\\n$`));
    const acked = new Map<string, string>();
    const rejected = new Map<string, string>();
    for (const line of [...runs.a.answers, ...runs.b.answers]) {
      const answer = parseAnswer(line);
      if (answer.kind === 'ack') acked.set(answer.key, answer.seq);
      else if (answer.code !== 'BAD_REQUEST') rejected.set(answer.key, answer.code);
    }
    expect(new Map(journal.map((row) => [row.key, row.seq]))).toEqual(acked);
    expect(await readRejections(url)).toEqual(rejected);
    // Both did real work: many entries each, and many refusals.
    for (const name of ['a', 'b'] as const) {
      expect(journal.filter((row) => row.key.startsWith(`${name}-`)).length).toBeGreaterThan(
        LINES_PER_FEED / 3,
      );
    }
    expect(rejected.size).toBeGreaterThan(LINES_PER_FEED / 10);
  });

  it("keeps each process's commands in its own order, interleaved with the other's", async () => {
    const journal = await readJournal(url);
    const positionOf = new Map([...feeds.a, ...feeds.b].map((line, i) => [line.key, i]));
    for (const name of ['a', 'b'] as const) {
      const positions = journal
        .filter((row) => row.key.startsWith(`${name}-`))
        .map((row) => positionOf.get(row.key)!);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
    }
    // They ran at the same time: both feeds in the journal's first half and in its last half, and the
    // journal switches from one to the other several times (batches from both, taking turns at the lock).
    // How often depends on batch sizes, which grow when the machine is busy: 20+ when quiet, 9 seen under load.
    const half = Math.floor(journal.length / 2);
    for (const part of [journal.slice(0, half), journal.slice(half)]) {
      expect(part.some((row) => row.key.startsWith('a-'))).toBe(true);
      expect(part.some((row) => row.key.startsWith('b-'))).toBe(true);
    }
    let switches = 0;
    for (let i = 1; i < journal.length; i++) if (journal[i]!.key[0] !== journal[i - 1]!.key[0]) switches++;
    expect(switches).toBeGreaterThanOrEqual(4);
  });

  it('equals a serial replay of its journal on a fresh database, head hash included', async () => {
    const journal = await readJournal(url);
    const replay = await createTestDatabase(inject('pgAdminUrl'));
    databases.push(replay);
    const apply = await runTokenmall(['apply', '-'], storeEnv(replay), {
      input: `${journal.map(applyLineOf).join('\n')}\n`,
      timeoutMs: 90_000,
    });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toBe(journal.map((row) => `ack ${row.key} ${row.seq}\n`).join(''));
    const [concurrent, serial] = await Promise.all([
      runTokenmall(['state', '--json', '--accounts'], storeEnv(url)),
      runTokenmall(['state', '--json', '--accounts'], storeEnv(replay)),
    ]);
    expect(concurrent.code, concurrent.stderr).toBe(0);
    expect(serial.code, serial.stderr).toBe(0);
    expect(JSON.parse(concurrent.stdout)).toEqual(JSON.parse(serial.stdout));
    expect(JSON.parse(concurrent.stdout).headSeq).toBe(String(journal.length));
  });

  it('re-sending both feeds at once again decides nothing anew: the same answers, the same journal', async () => {
    const before = await readJournal(url);
    const again = await applyBoth(url, [3, 4]);
    expect(again.a.answers).toEqual(runs.a.answers);
    expect(again.b.answers).toEqual(runs.b.answers);
    expect(await readJournal(url)).toEqual(before);
    const verify = await runTokenmall(['verify'], storeEnv(url));
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});
