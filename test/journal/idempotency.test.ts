// Keys decide once (CONTRACTS.md `apply`, "Rejections are results too"), through `apply -` on both
// databases; then the single writer of a SQLite store, several writers on PostgreSQL, and `backup`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApplyProcess,
  count,
  DIALECTS,
  lines,
  newStore,
  startApply,
  type TestStore,
  tokenmall,
} from '../support/journal.js';

const joinLine = (key: string, member: string, extra = '') =>
  `{"key":"${key}","type":"join","member":"${member}"${extra}}`;

const stores: TestStore[] = [];
const running: ApplyProcess[] = [];
afterEach(() => {
  for (const apply of running.splice(0)) if (apply.child.exitCode === null) apply.child.kill();
});
afterAll(async () => {
  for (const store of stores) await store.dispose();
});

async function fresh(dialect: (typeof DIALECTS)[number]): Promise<TestStore> {
  const store = await newStore(dialect);
  stores.push(store);
  return store;
}

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await fresh(dialect);
      const run = store.applyText(
        `${joinLine('j-ann', 'ann')}\n{"key":"m-shop","type":"merchant","id":"shop"}\n`,
      );
      expect(run.stdout, run.stderr).toBe('ack j-ann 1\nack m-shop 2\n');
    });

    it('applies a key and command once, however often and however written it is sent', async () => {
      const order =
        '{"key":"o1","type":"order","member":"ann","amount":10000,"profit":3000,"merchant":"shop"}';
      const same =
        '{"merchant":"shop","profit":"3000","amount":"10000","member":"ann","type":"order","key":"o1"}';
      const first = store.applyText(`${order}\n${order}\n${same}\n`);
      expect({ code: first.code, stdout: first.stdout }, first.stderr).toEqual({
        code: 0,
        stdout: 'ack o1 3\nack o1 3\nack o1 3\n',
      });
      const again = store.applyText(`${same}\n`);
      expect({ code: again.code, stdout: again.stdout }).toEqual({ code: 0, stdout: 'ack o1 3\n' });
      expect(await count(store, 'journal')).toBe(3);
    });

    it('refuses the same key with another command as IDEMPOTENCY_CONFLICT', async () => {
      const run = store.applyText(
        '{"key":"o1","type":"order","member":"ann","amount":10001,"profit":3000,"merchant":"shop"}\n' +
          `${joinLine('j-ann', 'bea')}\n`,
      );
      expect(run.code).toBe(1);
      expect(lines(run.stdout).map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
        'reject o1 IDEMPOTENCY_CONFLICT',
        'reject j-ann IDEMPOTENCY_CONFLICT',
      ]);
      expect(await count(store, 'journal')).toBe(3);
      // bea was not created by the refused command: a join of her under a new key is applied.
      expect(store.applyText(`${joinLine('j-bea', 'bea')}\n`).stdout).toBe('ack j-bea 4\n');
    });

    it('answers a key rejected by the rules with the same rejection, and keeps the key', async () => {
      const sell = '{"key":"s-dan","type":"sell","member":"dan","points":"all"}';
      const first = store.applyText(`${sell}\n`);
      expect(first.code).toBe(1);
      const [rejection] = lines(first.stdout);
      expect(rejection).toMatch(/^reject s-dan [A-Z][A-Z_]* \S/);
      expect(rejection).not.toMatch(/BAD_REQUEST|IDEMPOTENCY_CONFLICT/);
      expect(await store.rows('rejections', 'key')).toEqual([expect.objectContaining({ key: 's-dan' })]);

      // dan exists now, but the key already decided: the same rejection comes back, even in a later run.
      const later = store.applyText(`${joinLine('j-dan', 'dan')}\n${sell}\n`);
      expect(lines(later.stdout)).toEqual(['ack j-dan 5', rejection]);
      expect(store.applyText(`${sell}\n`).stdout).toBe(`${rejection}\n`);
      // The key stays taken for any other command.
      const other = store.applyText(`${joinLine('s-dan', 'cid')}\n`);
      expect(other.stdout).toMatch(/^reject s-dan IDEMPOTENCY_CONFLICT /);
      expect(await count(store, 'journal')).toBe(5);
      expect(await count(store, 'rejections')).toBe(1);
    });

    it('leaves the key of a BAD_REQUEST line free', async () => {
      const bad = store.applyText(`${joinLine('b1', 'fay', ',"note":"vip"')}\n{"key":"b1","type":"join"}\n`);
      expect(lines(bad.stdout).map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
        'reject b1 BAD_REQUEST',
        'reject b1 BAD_REQUEST',
      ]);
      expect(bad.code).toBe(1);
      expect(await store.sql('select key from rejections where key = ?', ['b1'])).toEqual([]);
      const good = store.applyText(`${joinLine('b1', 'fay')}\n`);
      expect({ code: good.code, stdout: good.stdout }).toEqual({ code: 0, stdout: 'ack b1 6\n' });
    });

    it("refuses the mall's own commands and fields: they come only from the mall", () => {
      const mallLines = [
        '{"key":"m1","type":"hold","member":"fay","cash":1,"stable":0,"via":"money"}',
        '{"key":"m2","type":"release","member":"fay","cash":1,"stable":0,"via":"money"}',
        '{"key":"m3","type":"order","member":"fay","amount":100,"paidFrom":"held"}',
        '{"key":"m4","type":"withdraw","account":"fay","cash":1}',
        '{"key":"m5","type":"pay-withdrawal","account":"fay","cash":1}',
        '{"key":"m6","type":"return-withdrawal","account":"fay","cash":1}',
        '{"key":"m7","type":"payout","merchant":"shop1","cash":1}',
      ];
      const run = store.applyText(`${mallLines.join('\n')}\n`);
      expect(lines(run.stdout).map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
        'reject m1 BAD_REQUEST',
        'reject m2 BAD_REQUEST',
        'reject m3 BAD_REQUEST',
        'reject m4 BAD_REQUEST',
        'reject m5 BAD_REQUEST',
        'reject m6 BAD_REQUEST',
        'reject m7 BAD_REQUEST',
      ]);
    });
  });
}

describe('sqlite single writer', () => {
  it('refuses a second apply while one runs, writing nothing, and lets it in afterwards', async () => {
    const store = await fresh('sqlite');
    const first = startApply(store.url);
    running.push(first);
    first.send(joinLine('w1', 'ann'));
    await first.waitFor('ack w1 1\n');

    const second = store.applyText(`${joinLine('w2', 'bob')}\n`);
    expect(second.code).toBe(2);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/STORE_LOCKED/);
    expect(second.stderr).toContain(`process ${first.child.pid}`);
    expect(await count(store, 'journal')).toBe(1);

    first.send(joinLine('w3', 'cat'));
    await first.waitFor('ack w3 2\n');
    const ended = await first.end();
    expect({ code: ended.code, stdout: ended.stdout }, ended.stderr).toEqual({
      code: 0,
      stdout: 'ack w1 1\nack w3 2\n',
    });
    const retry = store.applyText(`${joinLine('w2', 'bob')}\n`);
    expect({ code: retry.code, stdout: retry.stdout }, retry.stderr).toEqual({
      code: 0,
      stdout: 'ack w2 3\n',
    });
    expect(store.cli('verify').stdout).toMatch(/^ok seq=3 /);
  });

  it('backs up a live store into a file that verifies with the same head', async () => {
    const store = await fresh('sqlite');
    const live = startApply(store.url);
    running.push(live);
    live.send(joinLine('k1', 'ann'));
    live.send(joinLine('k2', 'bob', ',"referrer":"ann"'));
    live.send('{"key":"k3","type":"order","member":"bob","amount":10000,"profit":2000}');
    await live.waitFor('ack k3 3\n');

    const file = join(store.dir, 'backup.db');
    const backup = store.cli('backup', file);
    expect(backup.code, backup.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    const copied = tokenmall(`sqlite:${file}`, ['verify']);
    expect(copied.code, copied.stderr).toBe(0);

    live.send(joinLine('k4', 'cat'));
    await live.waitFor('ack k4 4\n');
    expect((await live.end()).code).toBe(0);
    const original = store.cli('verify');
    // The backup holds the head of its moment: entry 3, the third line of the live store's chain.
    expect(copied.stdout).toMatch(/^ok seq=3 head=[0-9a-f]{64}\n$/);
    const [third] = await store.sql('select hash from journal where seq = ?', [3]);
    expect(copied.stdout).toBe(`ok seq=3 head=${third!.hash}\n`);
    expect(original.stdout).toMatch(/^ok seq=4 /);
    expect(tokenmall(`sqlite:${file}`, ['verify', '--head', String(third!.hash)]).code).toBe(0);
  });
});

describe('postgres several writers', () => {
  it('lets a second apply write while one runs, in one serial chain', async () => {
    const store = await fresh('postgres');
    const first = startApply(store.url);
    running.push(first);
    first.send(joinLine('p1', 'ann'));
    await first.waitFor('ack p1 1\n');

    const second = store.applyText(`${joinLine('p2', 'bob')}\n${joinLine('p1', 'ann')}\n`);
    expect({ code: second.code, stdout: second.stdout }, second.stderr).toEqual({
      code: 0,
      stdout: 'ack p2 2\nack p1 1\n',
    });
    // The first process catches up with what the second wrote before deciding its next command.
    first.send(joinLine('p3', 'cat', ',"referrer":"bob"'));
    first.send(joinLine('p2', 'bob'));
    const ended = await first.end();
    expect({ code: ended.code, stdout: ended.stdout }, ended.stderr).toEqual({
      code: 0,
      stdout: 'ack p1 1\nack p3 3\nack p2 2\n',
    });
    expect(store.cli('verify').stdout).toMatch(/^ok seq=3 /);
  });
});
