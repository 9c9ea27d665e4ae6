// `verify` finds an edited journal (CONTRACTS.md "Command line"): after basic.jsonl (18 entries), rows are
// changed with SQL behind the CLI's back and `verify` must exit 1 naming the first bad entry.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cloneStore,
  DIALECTS,
  journalVectors,
  lines,
  newStore,
  type Row,
  type TestStore,
  vector,
} from '../support/journal.js';

const HEAD_SEQ = 18;
const HEAD = /^ok seq=18 head=([0-9a-f]{64})$/.exec(vector('basic.verify.txt').trim())![1]!;
const COLUMNS = ['seq', 'time', 'key', 'command', 'postings', 'events', 'prev_hash', 'hash', 'command_hash'];

/** The journal row of `seq`. */
async function entry(store: TestStore, seq: number): Promise<Row> {
  const [row] = await store.sql('select * from journal where seq = ?', [seq]);
  if (row === undefined) throw new Error(`no entry ${seq}`);
  return row;
}

async function setColumn(store: TestStore, seq: number, column: string, value: string): Promise<void> {
  await store.sql(`update journal set ${column} = ? where seq = ?`, [value, seq]);
}

async function insertEntry(store: TestStore, row: Row, seq: number): Promise<void> {
  const values = COLUMNS.map((column) => (column === 'seq' ? seq : String(row[column])));
  await store.sql(
    `insert into journal (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
    values,
  );
}

/** Rewrites the balance projection as the remaining postings give it (what a careful forger does). */
async function rebuildBalances(store: TestStore): Promise<void> {
  const sums = new Map<string, bigint>();
  for (const row of await store.sql('select postings from journal order by seq')) {
    for (const [account, asset, amount] of JSON.parse(String(row.postings)) as [string, string, string][]) {
      const key = JSON.stringify([account, asset]);
      sums.set(key, (sums.get(key) ?? 0n) + BigInt(amount));
    }
  }
  await store.sql('delete from balances');
  for (const [key, amount] of sums) {
    const [account, asset] = JSON.parse(key) as [string, string];
    await store.sql('insert into balances (account, asset, amount) values (?, ?, ?)', [
      account,
      asset,
      amount.toString(),
    ]);
  }
}

/** Expects `verify` (with `args`) to pass at `seq` and `head`. */
async function expectOk(store: TestStore, seq: number, head: string, ...args: string[]): Promise<void> {
  const run = await store.cliAsync('verify', ...args);
  expect({ code: run.code, stdout: run.stdout }, run.stderr).toEqual({
    code: 0,
    stdout: `ok seq=${seq} head=${head}\n`,
  });
}

/** Expects `verify` (with `args`) to exit 1 with one line `entry <seq>: ...`; returns the reason. */
async function expectBadEntry(store: TestStore, seq: number, ...args: string[]): Promise<string> {
  const run = await store.cliAsync('verify', ...args);
  expect(lines(run.stdout), run.stderr).toHaveLength(1);
  expect(run.stdout, run.stderr).toMatch(new RegExp(`^entry ${seq}: \\S`));
  expect(run.code).toBe(1);
  return run.stdout.slice(`entry ${seq}: `.length).trim();
}

for (const dialect of DIALECTS) {
  // Concurrent: every test tampers with its own copy of the store.
  describe.concurrent(dialect, () => {
    const stores: TestStore[] = [];
    afterAll(async () => {
      for (const store of stores) await store.dispose();
    });

    let basic: TestStore;
    beforeAll(async () => {
      basic = await newStore(dialect);
      stores.push(basic);
      const apply = await basic.cliAsync('apply', join(journalVectors, 'basic.jsonl'));
      expect(apply.code, apply.stderr).toBe(1);
    });

    /** A copy of the store holding basic.jsonl's 18 entries, to tamper with. */
    async function basicStore(): Promise<TestStore> {
      const store = await cloneStore(basic);
      stores.push(store);
      return store;
    }

    it('verifies the untouched journal, with and without --head', async () => {
      const store = await basicStore();
      await expectOk(store, HEAD_SEQ, HEAD);
      await expectOk(store, HEAD_SEQ, HEAD, '--head', HEAD);
      await expectOk(store, HEAD_SEQ, HEAD, '--head', String((await entry(store, 7)).hash));
    });

    it('names the entry whose postings text has one amount changed', async () => {
      const store = await basicStore();
      const postings = String((await entry(store, 5)).postings);
      expect(postings).toContain('["reserve","fen","3000"]');
      await setColumn(
        store,
        5,
        'postings',
        postings.replace('["reserve","fen","3000"]', '["reserve","fen","3001"]'),
      );
      await expectBadEntry(store, 5);
    });

    it('names the entry whose hash was changed', async () => {
      const store = await basicStore();
      const hash = String((await entry(store, 7)).hash);
      await setColumn(store, 7, 'hash', `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`);
      await expectBadEntry(store, 7);
    });

    it('names the entry whose command was changed', async () => {
      const store = await basicStore();
      const command = String((await entry(store, 6)).command);
      expect(command).toContain('"amount":"200000"');
      await setColumn(store, 6, 'command', command.replace('"amount":"200000"', '"amount":"200001"'));
      await expectBadEntry(store, 6);
    });

    it('names the gap where an entry was deleted', async () => {
      const store = await basicStore();
      await store.sql('delete from journal where seq = ?', [9]);
      await expectBadEntry(store, 9);
    });

    it('names the first of two entries whose contents were swapped', async () => {
      const store = await basicStore();
      const tenth = await entry(store, 10);
      const eleventh = await entry(store, 11);
      await store.sql('delete from journal where seq in (?, ?)', [10, 11]);
      await insertEntry(store, eleventh, 10);
      await insertEntry(store, tenth, 11);
      await expectBadEntry(store, 10);
    });

    it("reports a changed stored balance at the head's seq", async () => {
      const store = await basicStore();
      const [row] = await store.sql(
        "select account, asset, amount from balances where amount <> '0' order by account, asset",
      );
      expect(row).toBeDefined();
      await store.sql('update balances set amount = ? where account = ? and asset = ?', [
        (BigInt(String(row!.amount)) + 1n).toString(),
        row!.account,
        row!.asset,
      ]);
      await expectBadEntry(store, HEAD_SEQ);
    });

    it('cannot see a cut tail without --head, and names it with the published head', async () => {
      const store = await basicStore();
      await store.sql('delete from journal where seq > ?', [HEAD_SEQ - 3]);
      await rebuildBalances(store);
      const newHead = String((await entry(store, HEAD_SEQ - 3)).hash);
      await expectOk(store, HEAD_SEQ - 3, newHead);
      await expectOk(store, HEAD_SEQ - 3, newHead, '--head', newHead);
      const reason = await expectBadEntry(store, HEAD_SEQ - 2, '--head', HEAD);
      expect(reason).toBe(`head ${HEAD} is not in the chain`);
    });
  });
}
