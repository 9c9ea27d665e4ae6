// The archive carries a store whole from one database to the other and back (CONTRACTS.md "Archive"):
// export -> import -> export -> import gives the same state, verify line, rows and archive bytes. And
// `import` only loads into a freshly migrated store, whole or not at all.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  archiveText,
  type CliRun,
  count,
  DIALECTS,
  journalVectors,
  lines,
  newStore,
  type TestStore,
  tables,
  tokenmallAsync,
} from '../support/journal.js';

function expectSuccess(run: CliRun): void {
  expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
}

/** What the CLI shows of a store: the verify line and the state with accounts. */
function shown(store: TestStore): { verify: string; state: unknown } {
  const verify = store.cli('verify');
  expectSuccess(verify);
  const state = store.cli('state', '--json', '--accounts');
  expectSuccess(state);
  return { verify: verify.stdout, state: JSON.parse(state.stdout) };
}

/** Expects a store to be as `migrate` leaves it: no entry, rejection or balance, parameters 1 only. */
async function expectFresh(store: TestStore): Promise<void> {
  expect(await count(store, 'journal')).toBe(0);
  expect(await count(store, 'rejections')).toBe(0);
  expect(await count(store, 'balances')).toBe(0);
  expect((await store.rows('parameters', 'version')).map((row) => row.version)).toEqual(['1']);
}

for (const dialect of DIALECTS) {
  const other = dialect === 'sqlite' ? 'postgres' : 'sqlite';
  describe(dialect, () => {
    const stores: TestStore[] = [];
    const make = async (kind: typeof dialect | typeof other = dialect) => {
      const store = await newStore(kind);
      stores.push(store);
      return store;
    };
    afterAll(async () => {
      for (const store of stores) await store.dispose();
    });

    let source: TestStore;
    let first: string;
    let sourceShown: ReturnType<typeof shown>;
    beforeAll(async () => {
      source = await make();
      // small, then basic on top (its joins of existing ids are stored rejections): 24 + 13 entries.
      expect(source.cli('apply', join(journalVectors, 'small.jsonl')).code).toBe(1);
      expect(source.cli('apply', join(journalVectors, 'basic.jsonl')).code).toBe(1);
      first = join(source.dir, 'first.gz');
      expectSuccess(source.cli('export', first));
      sourceShown = shown(source);
    });

    describe(`through ${other} and back`, () => {
      let middle: TestStore;
      let second: string;

      it(`imports into ${other} with the same state, verify line and rows`, async () => {
        expect(sourceShown.verify).toMatch(/^ok seq=[1-9]\d* head=[0-9a-f]{64}\n$/);
        middle = await make(other);
        expectSuccess(middle.cli('import', first));
        expect(shown(middle)).toEqual(sourceShown);
        expect(await tables(middle)).toEqual(await tables(source));
      });

      it(`exports from ${other} the same archive, byte for byte`, () => {
        second = join(middle.dir, 'second.gz');
        expectSuccess(middle.cli('export', second));
        expect(archiveText(second)).toBe(archiveText(first));
        expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
      });

      it(`imports that into a new ${dialect} store, identical again`, async () => {
        const last = await make();
        expectSuccess(last.cli('import', second));
        expect(shown(last)).toEqual(sourceShown);
        expect(await tables(last)).toEqual(await tables(source));
        const third = join(last.dir, 'third.gz');
        expectSuccess(last.cli('export', third));
        expect(readFileSync(third).equals(readFileSync(first))).toBe(true);
      });
    });

    it('refuses to import into a store that is not freshly migrated, changing nothing', async () => {
      const before = await tables(source);
      const run = source.cli('import', first);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/STORE_NOT_EMPTY/);
      expect(await tables(source)).toEqual(before);

      // A stored rejection alone makes a store not fresh either.
      const rejectedOnly = await make();
      const apply = rejectedOnly.applyText('{"key":"r1","type":"sell","member":"nobody","points":"all"}\n');
      expect(apply.stdout).toMatch(/^reject r1 [A-Z_]+ /);
      const refused = rejectedOnly.cli('import', first);
      expect(refused.code).not.toBe(0);
      expect(await count(rejectedOnly, 'journal')).toBe(0);
      expect(await count(rejectedOnly, 'rejections')).toBe(1);
    });

    it('refuses an archive with one hash changed and leaves the store fresh', async () => {
      const text = archiveText(first);
      const at = lines(text).findIndex((line) => line.includes('"seq":"10"'));
      const changed = lines(text).map((line, i) =>
        i === at
          ? line.replace(/"hash":"([0-9a-f])/, (_, c: string) => `"hash":"${c === '0' ? '1' : '0'}`)
          : line,
      );
      expect(changed[at]).not.toBe(lines(text)[at]);
      const bad = join(source.dir, 'bad-hash.gz');
      writeFileSync(bad, gzipSync(`${changed.join('\n')}\n`));

      const target = await make();
      expectSuccess(target.cli('migrate'));
      const run = target.cli('import', bad);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/BAD_ARCHIVE/);
      await expectFresh(target);
      // Still fresh: the good archive loads.
      expectSuccess(target.cli('import', first));
      expect(shown(target)).toEqual(sourceShown);
    });

    it('rolls back the rows already written when a later row fails', async () => {
      // Every journal row checks out, then a repeated rejection key breaks the insert of the rejections.
      const text = lines(archiveText(first));
      const rejection = text.find((line) => line.endsWith('"section":"rejections"}'))!;
      const bad = join(source.dir, 'bad-rejections.gz');
      writeFileSync(bad, gzipSync(`${[...text, rejection].join('\n')}\n`));

      const target = await make();
      expectSuccess(target.cli('migrate'));
      expect(target.cli('import', bad).code).not.toBe(0);
      await expectFresh(target);
    });
  });
}

describe('postgres import while another writer holds the economy lock', () => {
  // The advisory lock of every PostgreSQL writer (ECONOMY_LOCK in src/ledger/postgres/postgres-store.ts).
  const ECONOMY_LOCK = 7_270_001;
  const stores: TestStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.dispose();
  });

  it('waits for the lock and then loads the whole archive', async () => {
    const source = await newStore('sqlite');
    const target = await newStore('postgres');
    stores.push(source, target);
    expect(source.cli('apply', join(journalVectors, 'small.jsonl')).code).toBe(1);
    const archive = join(source.dir, 'small.gz');
    expectSuccess(source.cli('export', archive));
    expectSuccess(target.cli('migrate'));

    const blocker = new pg.Client({ connectionString: target.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select pg_advisory_xact_lock($1)', [ECONOMY_LOCK]);
      const running = tokenmallAsync(target.url, ['import', archive], 15_000);
      // Until the import waits for the lock (it has opened the archive by then).
      for (;;) {
        const { rows } = await blocker.query(
          'select count(*)::int as n from pg_locks where locktype = $1 and not granted',
          ['advisory'],
        );
        if (rows[0].n > 0) break;
        await sleep(20);
      }
      await sleep(200);
      await blocker.query('commit');
      const run = await running;
      // code null: killed, still running 15 s after the lock was released.
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    } finally {
      await blocker.end();
    }
    expect(target.cli('verify').stdout).toBe(source.cli('verify').stdout);
  });
});
