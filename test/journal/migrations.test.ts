// A store made by an older schema keeps everything through `tokenmall migrate` (CONTRACTS.md "Command
// line"): small's rows written into a store at schema 1 ('0001-journal', no snapshots table), then
// migrated to the latest schema, verify and state as the vectors say, and the journal goes on.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/ledger/index.js';
import { DIALECTS, lines, newStore, type TestStore, vector } from '../support/journal.js';

interface ArchiveRecord {
  section?: string;
  row: Record<string, unknown>;
}

const records = lines(vector('small.archive.jsonl'))
  .slice(1)
  .map((line) => JSON.parse(line) as ArchiveRecord);
const section = (name: string) => records.filter((r) => r.section === name).map((r) => r.row);

/** The stored command hash (CONTRACTS.md): sha256 of the JCS command without paramsVersion. */
function commandHash(command: Record<string, unknown>): string {
  const { paramsVersion: _, ...rest } = command;
  // Archive lines are JCS already: parsing keeps their sorted key order and JSON.stringify their strings.
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

const stores: TestStore[] = [];
/** small's balances and journal as `import` stores them (on SQLite), the reference for the rows below. */
let reference: { balances: Record<string, string>[]; commandHashes: string[] };

beforeAll(async () => {
  const store = await newStore('sqlite');
  stores.push(store);
  const archive = join(store.dir, 'small.gz');
  writeFileSync(archive, gzipSync(vector('small.archive.jsonl')));
  const run = store.cli('import', archive);
  expect(run.code, run.stderr).toBe(0);
  reference = {
    balances: await store.rows('balances', 'account, asset'),
    commandHashes: (await store.rows('journal', 'seq')).map((row) => row.command_hash!),
  };
});

afterAll(async () => {
  for (const store of stores) await store.dispose();
});

it('computes the command hashes as the store does', () => {
  expect(section('journal').map((row) => commandHash(row.command as Record<string, unknown>))).toEqual(
    reference.commandHashes,
  );
});

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let store: TestStore;

    beforeAll(async () => {
      store = await newStore(dialect);
      stores.push(store);
      const old = openStore(store.url, { writer: true });
      try {
        expect(await old.migrate('0001-journal')).toBe(1);
      } finally {
        await old.close();
      }
    });

    it('holds small at schema 1, written with SQL', async () => {
      expect((await store.rows('schema_migrations', 'name')).map((row) => row.name)).toEqual([
        '0001-journal',
      ]);
      const [first] = await store.rows('parameters', 'version');
      const archived = section('parameters');
      expect(first).toEqual({ version: '1', params: JSON.stringify(archived[0]!.params) });
      for (const row of archived.slice(1)) {
        await store.sql('insert into parameters (version, params) values (?, ?)', [
          Number(row.version),
          JSON.stringify(row.params),
        ]);
      }
      for (const row of section('journal')) {
        const command = row.command as Record<string, unknown>;
        await store.sql(
          `insert into journal (seq, time, key, command, postings, events, prev_hash, hash, command_hash)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            Number(row.seq),
            row.time,
            row.key,
            JSON.stringify(command),
            JSON.stringify(row.postings),
            JSON.stringify(row.events),
            row.prevHash,
            row.hash,
            commandHash(command),
          ],
        );
      }
      for (const row of section('rejections')) {
        await store.sql('insert into rejections (key, command_hash, code, message) values (?, ?, ?, ?)', [
          row.key,
          row.commandHash,
          row.code,
          row.message,
        ]);
      }
      for (const row of reference.balances) {
        await store.sql('insert into balances (account, asset, amount) values (?, ?, ?)', [
          row.account,
          row.asset,
          row.amount,
        ]);
      }
      expect(await store.rows('journal', 'seq')).toHaveLength(24);
    });

    it('migrates to the latest schema with nothing lost', async () => {
      const before = {
        journal: await store.rows('journal', 'seq'),
        rejections: await store.rows('rejections', 'key'),
        parameters: await store.rows('parameters', 'version'),
        balances: await store.rows('balances', 'account, asset'),
      };
      const migrate = store.cli('migrate');
      expect({ code: migrate.code, stdout: migrate.stdout }, migrate.stderr).toEqual({
        code: 0,
        stdout: 'schema 4\n',
      });
      expect((await store.rows('schema_migrations', 'name')).map((row) => row.name)).toEqual([
        '0001-journal',
        '0002-snapshots',
        '0003-mall',
        '0004-finance',
      ]);
      expect(await store.rows('snapshots', 'seq')).toEqual([]);
      expect({
        journal: await store.rows('journal', 'seq'),
        rejections: await store.rows('rejections', 'key'),
        parameters: await store.rows('parameters', 'version'),
        balances: await store.rows('balances', 'account, asset'),
      }).toEqual(before);

      const verify = store.cli('verify');
      expect({ code: verify.code, stdout: verify.stdout }, verify.stderr).toEqual({
        code: 0,
        stdout: `${vector('small.verify.txt').trim()}\n`,
      });
      const state = store.cli('state', '--json', '--accounts');
      expect(state.code, state.stderr).toBe(0);
      expect(JSON.parse(state.stdout)).toEqual(JSON.parse(vector('small.state.json')));
    });

    it('goes on from there: migrate again is a no-op, new commands follow the old head', () => {
      expect(store.cli('migrate').stdout).toBe('schema 4\n');
      // A stored rejection from schema 1 is still a result: re-sent, it gives its stored code.
      const apply = store.applyText(
        [
          '{"key":"s22","type":"settle","merchant":"shop1","stable":1}',
          '{"key":"after","type":"join","member":"newbie","referrer":"dan"}',
        ].join('\n'),
      );
      expect(lines(apply.stdout)).toEqual([
        'reject s22 SETTLE_TOO_SMALL 1 stable buys 0 upt at the current price',
        'ack after 25',
      ]);
      const verify = store.cli('verify');
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/^ok seq=25 head=[0-9a-f]{64}\n$/);
    });
  });
}
