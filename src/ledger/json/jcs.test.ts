import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANONICAL_DEPTH_MAX, canonicalJson } from './jcs.js';

const ARCHIVE = new URL('../../../test/vectors/journal/small.archive.jsonl', import.meta.url);

interface JournalRow {
  seq: string;
  time: string;
  key: string;
  command: unknown;
  postings: unknown;
  events: unknown;
  prevHash: string;
  hash: string;
}

const archiveLines = readFileSync(ARCHIVE, 'utf8')
  .split('\n')
  .filter((line) => line !== '');

describe('canonicalJson on the small archive', () => {
  it('rewrites every archive line byte for byte', () => {
    expect(archiveLines.length).toBeGreaterThan(20);
    for (const line of archiveLines) expect(canonicalJson(JSON.parse(line))).toBe(line);
  });

  it('reproduces every journal hash and the header head hash', () => {
    const rows = archiveLines
      .map((line) => JSON.parse(line) as { section?: string; row: JournalRow })
      .filter((line) => line.section === 'journal')
      .map((line) => line.row);
    expect(rows.length).toBe(24);
    let prevHash = '0'.repeat(64);
    for (const row of rows) {
      expect(row.prevHash).toBe(prevHash);
      const { seq, time, key, command, postings, events } = row;
      const hash = createHash('sha256')
        .update(Buffer.from(row.prevHash, 'hex'))
        .update(canonicalJson({ seq, time, key, command, postings, events }), 'utf8')
        .digest('hex');
      expect(hash, `seq ${seq}`).toBe(row.hash);
      prevHash = hash;
    }
    const header = JSON.parse(archiveLines[0]!) as { headHash: string; headSeq: string };
    expect([header.headSeq, header.headHash]).toEqual([rows.at(-1)!.seq, prevHash]);
  });
});

describe('canonicalJson', () => {
  it('sorts member names by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const names = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6'];
    const object = Object.fromEntries(names.map((name, i) => [name, i]));
    expect(canonicalJson(object)).toBe('{"\\r":1,"1":3,"\u0080":5,"ö":6,"€":0,"😀":4,"\ufb33":2}');
  });

  it('sorts objects with many members the same way', () => {
    const names = Array.from({ length: 40 }, (_, i) => `${(i * 7919) % 97}${i % 3 === 0 ? 'é' : ''}`);
    const text = canonicalJson(Object.fromEntries(names.map((name) => [name, 0])));
    const expected = [...names].sort((a, b) => (a < b ? -1 : 1)).map((name) => `"${name}":0`);
    expect(text).toBe(`{${expected.join(',')}}`);
  });

  it('escapes strings as RFC 8785 §3.2.2.2 does', () => {
    expect(canonicalJson('\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/')).toBe(
      '"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"',
    );
    const controls = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
    expect(canonicalJson(controls)).toBe(
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
        '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
    );
    expect(canonicalJson('\u007f\u2028\u2029\ufeff😀')).toBe('"\u007f\u2028\u2029\ufeff😀"');
    expect(canonicalJson('\\ud800')).toBe('"\\\\ud800"');
  });

  it('writes arrays, nested objects, literals and safe integers without whitespace', () => {
    const value = { b: [1, -0, null, true, false, 'x'], a: { d: {}, c: [] }, '': Number.MAX_SAFE_INTEGER };
    expect(canonicalJson(value)).toBe(
      '{"":9007199254740991,"a":{"c":[],"d":{}},"b":[1,0,null,true,false,"x"]}',
    );
    expect(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
    expect(canonicalJson(JSON.parse('{"__proto__":1}'))).toBe('{"__proto__":1}');
  });

  it.each([
    ['a lone surrogate', 'a\ud800'],
    ['a lone surrogate in a name', { '\udc00': 1 }],
    ['a fraction', 1.5],
    ['an unsafe integer', 2 ** 53],
    ['NaN', Number.NaN],
    ['undefined', undefined],
    ['an undefined member', { a: undefined }],
    ['a bigint', 1n],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
  ])('refuses %s', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('refuses a cycle instead of overflowing the stack', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(/nesting/);
    const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);
    expect(() => canonicalJson(nested(CANONICAL_DEPTH_MAX))).not.toThrow();
    expect(() => canonicalJson(nested(CANONICAL_DEPTH_MAX + 1))).toThrow(/nesting/);
  });

  const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.maxSafeInteger(),
      fc.string({ unit: 'binary' }),
      fc.array(tie('value'), { maxLength: 5 }),
      // Digit names too: objects enumerate integer-like names first, which the sort must undo.
      fc.dictionary(fc.oneof(fc.string({ unit: 'binary' }), fc.nat().map(String)), tie('value'), {
        maxKeys: 5,
      }),
    ),
  })).value;

  /** An independent JCS: names sorted with the default sort, everything else written by JSON.stringify. */
  const oracle = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(oracle).join(',')}]`;
    if (typeof v !== 'object' || v === null) return JSON.stringify(v);
    const record = v as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${oracle(record[name])}`);
    return `{${members.join(',')}}`;
  };

  it('is stable under JSON.parse and agrees with an independent writer', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(text).toBe(oracle(v));
      }),
      { numRuns: 1000 },
    );
  });
});
