// The journal vectors (test/vectors/journal, CONTRACTS.md "The journal") through the built CLI, on both
// databases, compared as ../shared/tools/check-journal-vectors compares them: `ack` lines exact, `reject`
// lines by key (and code when it is BAD_REQUEST or IDEMPOTENCY_CONFLICT), apply's exit code, the verify
// line byte for byte, `state --json --accounts` as parsed JSON. Then the archive of `small`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  archiveText,
  DIALECTS,
  journalVectors,
  lines,
  newStore,
  type TestStore,
  vector,
} from '../support/journal.js';

const feeds = readdirSync(journalVectors)
  .filter(
    (file) =>
      file.endsWith('.jsonl') && existsSync(join(journalVectors, file.replace(/\.jsonl$/, '.verify.txt'))),
  )
  .map((file) => file.replace(/\.jsonl$/, ''))
  .sort();

const FIXED_CODES = new Set(['BAD_REQUEST', 'IDEMPOTENCY_CONFLICT']);

/** check-journal-vectors' line_ok: a rejection's message never counts, its code only when fixed. */
function applyLineMatches(got: string, want: string): boolean {
  const g = got.split(' ');
  const w = want.split(' ');
  if (w[0] === 'ack') return got === want;
  if (g.length < 3 || g[0] !== 'reject' || g[1] !== w[1]) return false;
  return FIXED_CODES.has(w[2]!) || FIXED_CODES.has(g[2]!) ? g[2] === w[2] : true;
}

/** A rejection row's code and message are the implementation's (docs/errors.md): blank them out. */
function withoutRejectionText(archive: string): string {
  return lines(archive)
    .map((line) =>
      line.endsWith('"section":"rejections"}')
        ? line.replace(/"code":"[A-Z_]*"/, '"code":""').replace(/"message":"(?:[^"\\]|\\.)*"/, '"message":""')
        : line,
    )
    .join('\n');
}

it('finds the journal vectors', () => {
  expect(feeds).toEqual(
    expect.arrayContaining(['basic', 'edges', 'parser-json', 'parser-numbers', 'requests', 'small']),
  );
});

for (const dialect of DIALECTS) {
  // Concurrent: each CLI run is a child process, and the feeds do not share a store.
  describe.concurrent(dialect, () => {
    const stores: TestStore[] = [];
    afterAll(async () => {
      for (const store of stores) await store.dispose();
    });

    it.each(feeds)('%s: apply, verify and state give the vector', async (name) => {
      const store = await newStore(dialect);
      stores.push(store);
      const migrate = await store.cliAsync('migrate');
      expect(migrate.stdout).toMatch(/^schema \d+\n$/);
      expect(migrate.code).toBe(0);

      const apply = await store.cliAsync('apply', join(journalVectors, `${name}.jsonl`));
      const want = lines(vector(`${name}.apply.txt`));
      const got = lines(apply.stdout);
      expect(got, apply.stderr).toHaveLength(want.length);
      const mismatches = got.flatMap((line, i) =>
        applyLineMatches(line, want[i]!) ? [] : [`line ${i + 1}: ${line} (expected ${want[i]})`],
      );
      expect(mismatches).toEqual([]);
      expect(apply.code).toBe(want.some((line) => line.startsWith('reject')) ? 1 : 0);

      const verify = await store.cliAsync('verify');
      expect(verify.stdout).toBe(`${vector(`${name}.verify.txt`).trim()}\n`);
      expect(verify.code).toBe(0);

      const state = await store.cliAsync('state', '--json', '--accounts');
      expect(state.code, state.stderr).toBe(0);
      expect(JSON.parse(state.stdout)).toEqual(JSON.parse(vector(`${name}.state.json`)));
    });

    describe('export of small', () => {
      let store: TestStore;
      beforeAll(async () => {
        store = await newStore(dialect);
        stores.push(store);
        expect((await store.cliAsync('apply', join(journalVectors, 'small.jsonl'))).code).toBe(1);
      });

      it('is small.archive.jsonl, gzipped with mtime 0 (rejection codes and messages are our own)', async () => {
        const file = join(store.dir, 'small.gz');
        const run = await store.cliAsync('export', file);
        expect(run.code, run.stderr).toBe(0);
        const gzip = readFileSync(file);
        expect([gzip[0], gzip[1]]).toEqual([0x1f, 0x8b]);
        expect(gzip.readUInt32LE(4)).toBe(0);
        const got = archiveText(file);
        const want = vector('small.archive.jsonl');
        expect(got.endsWith('\n')).toBe(true);
        expect(lines(got)).toHaveLength(lines(want).length);
        expect(withoutRejectionText(got)).toBe(withoutRejectionText(want));
        // The rejections' keys and command hashes are the vector's, in key byte order.
        const keyed = (text: string) =>
          lines(text)
            .map((line) => JSON.parse(line))
            .filter((record) => record.section === 'rejections')
            .map((record) => [record.row.key, record.row.commandHash]);
        expect(keyed(got)).toEqual(keyed(want));
      });

      it('gives byte-identical files when exported twice', async () => {
        const first = join(store.dir, 'first.gz');
        const second = join(store.dir, 'second.gz');
        expect((await store.cliAsync('export', first)).code).toBe(0);
        expect((await store.cliAsync('export', second)).code).toBe(0);
        expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
      });
    });
  });
}
