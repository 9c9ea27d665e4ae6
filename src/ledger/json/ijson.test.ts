import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isJsonNumber,
  isJsonObject,
  JSON_DEPTH_MAX,
  JsonSyntaxError,
  type JsonValue,
  parseCommandLine,
  parseIJson,
  safeIntegerFromNumberText,
} from './ijson.js';

const VECTORS = new URL('../../../test/vectors/journal/', import.meta.url);
const FEEDS = ['parser-json', 'parser-numbers', 'requests', 'small', 'basic', 'edges'] as const;

interface Expected {
  verdict: string;
  key: string;
  code: string;
}

/** The feed's non-blank lines as raw bytes (some are not UTF-8), as `apply` reads them. */
function feedLines(feed: string): Buffer[] {
  const bytes = readFileSync(new URL(`${feed}.jsonl`, VECTORS));
  const lines: Buffer[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end >= 0; end = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, end));
    start = end + 1;
  }
  lines.push(bytes.subarray(start));
  return lines.filter((line) => line.some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0d));
}

function feedOutputs(feed: string): Expected[] {
  const text = readFileSync(new URL(`${feed}.apply.txt`, VECTORS), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [verdict = '', key = '', code = ''] = line.split(' ');
      return { verdict, key, code };
    });
}

function numberTexts(value: JsonValue, out: string[] = []): string[] {
  if (isJsonNumber(value)) out.push(value.text);
  else if (Array.isArray(value)) for (const item of value) numberTexts(item, out);
  else if (isJsonObject(value)) for (const item of value.values()) numberTexts(item, out);
  return out;
}

/** Our tree in JSON.parse's shape, to compare the two readers. */
function toPlain(value: JsonValue): unknown {
  if (isJsonNumber(value)) return Number(value.text);
  if (Array.isArray(value)) return value.map(toPlain);
  if (isJsonObject(value)) return Object.fromEntries([...value].map(([name, item]) => [name, toPlain(item)]));
  return value;
}

function syntaxError(input: Uint8Array | string): JsonSyntaxError {
  try {
    parseIJson(input);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed: ${String(input)}`);
}

describe.each(FEEDS)('the %s journal vector', (feed) => {
  const lines = feedLines(feed);
  const outputs = feedOutputs(feed);

  it('has one apply output per non-blank line', () => {
    expect(lines.length).toBe(outputs.length);
  });

  it('yields the key apply prints, and parses every acknowledged line', () => {
    lines.forEach((line, i) => {
      const expected = outputs[i]!;
      const result = parseCommandLine(line);
      const where = `${feed} line ${i + 1}: ${line.toString('latin1')}`;
      expect(result.key ?? '-', where).toBe(expected.key);
      if (expected.verdict === 'ack') {
        expect(result.ok, where).toBe(true);
        if (!result.ok) return;
        const safe = numberTexts(result.value).every((t) => safeIntegerFromNumberText(t) !== undefined);
        expect(safe, where).toBe(true);
      }
    });
  });

  it('refuses each BAD_REQUEST line in the reader or by an unsafe number', () => {
    lines.forEach((line, i) => {
      if (outputs[i]!.code !== 'BAD_REQUEST' || !feed.startsWith('parser-')) return;
      const result = parseCommandLine(line);
      const where = `${feed} line ${i + 1}`;
      if (feed === 'parser-json') expect(result.ok, where).toBe(false);
      if (!result.ok) return;
      const unsafe = numberTexts(result.value).filter((t) => safeIntegerFromNumberText(t) === undefined);
      expect(unsafe.length, where).toBeGreaterThan(0);
    });
  });
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseIJson', () => {
  it('builds a tree that keeps member order and number text', () => {
    const value = parseIJson(
      bytes('{"b":[1,5000.0,-0,5e3],"a":{"x":true,"y":null},"c":"\\u00e9\\ud83d\\ude00\\/"}'),
    );
    expect(isJsonObject(value) && [...value.keys()]).toEqual(['b', 'a', 'c']);
    expect(numberTexts(value)).toEqual(['1', '5000.0', '-0', '5e3']);
    expect(toPlain(value)).toEqual({ b: [1, 5000, -0, 5000], a: { x: true, y: null }, c: 'é😀/' });
  });

  it('treats __proto__ and toString as ordinary member names', () => {
    const value = parseIJson('{"__proto__":{"x":1},"toString":2}');
    expect(isJsonObject(value) && [...value.keys()]).toEqual(['__proto__', 'toString']);
  });

  it('accepts JSON whitespace around the value, including the \\r of a CRLF line', () => {
    expect(parseIJson(bytes(' \t{"a":1}\r'))).toEqual(new Map([['a', { kind: 'number', text: '1' }]]));
    expect(parseIJson('\r\n[ 1 , 2 ]\r\n')).toHaveLength(2);
  });

  it.each([
    ['{"a":1,"a":1}', 'duplicate-name', 7],
    ['{"a":{"b":1,"b":2}}', 'duplicate-name', 12],
    ['["\\ud800"]', 'lone-surrogate', 2],
    ['["\\udc00\\ud83d"]', 'lone-surrogate', 2],
    ['["\\ud83d\\u0041"]', 'lone-surrogate', 2],
    ['{"é":NaN}', 'syntax', 6],
    ['[Infinity]', 'syntax', 1],
    ['[-Infinity]', 'syntax', 1],
    ['["a\tb"]', 'syntax', 3],
    ['["a\u0000b"]', 'syntax', 3],
    ['{"a":1} x', 'syntax', 8],
    ['{"a":1', 'syntax', 6],
    ['{"a":1,}', 'syntax', 7],
    ["{'a':1}", 'syntax', 1],
    ['[01]', 'syntax', 2],
    ['[1.]', 'syntax', 3],
    ['[.5]', 'syntax', 1],
    ['[+1]', 'syntax', 1],
    ['[1e]', 'syntax', 3],
    ['[-]', 'syntax', 1],
    ['["\\x"]', 'syntax', 2],
    ['["\\u12G4"]', 'syntax', 4],
    ['["abc', 'syntax', 5],
    ['\ufeff{}', 'syntax', 0],
    ['', 'syntax', 0],
    ['tru', 'syntax', 0],
    ['[true false]', 'syntax', 6],
  ])('refuses %j as %s at byte %i', (text, kind, offset) => {
    const error = syntaxError(bytes(text));
    expect([error.kind, error.offset]).toEqual([kind, offset]);
  });

  it('refuses invalid UTF-8 and says at which byte', () => {
    const cases: Array<[number[], number]> = [
      [[0x5b, 0x22, 0x61, 0xff, 0x22, 0x5d], 3],
      [[0x5b, 0x22, 0xc0, 0xaf, 0x22, 0x5d], 2],
      [[0x5b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x5d], 2],
      [[0x5b, 0x22, 0xf4, 0x90, 0x80, 0x80, 0x22, 0x5d], 2],
      [[0x5b, 0x22, 0xc3], 2],
    ];
    for (const [line, offset] of cases) {
      const error = syntaxError(Uint8Array.from(line));
      expect([error.kind, error.offset]).toEqual(['utf8', offset]);
    }
  });

  it('refuses a string argument holding a raw lone surrogate', () => {
    expect(syntaxError('["é\ud800"]').kind).toBe('lone-surrogate');
  });

  it(`nests at most ${JSON_DEPTH_MAX} deep`, () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect(() => parseIJson(nested(JSON_DEPTH_MAX))).not.toThrow();
    expect(syntaxError(nested(JSON_DEPTH_MAX + 1)).kind).toBe('depth');
    expect(syntaxError('{"a":'.repeat(JSON_DEPTH_MAX + 1)).kind).toBe('depth');
  });

  it('agrees with JSON.parse on I-JSON texts', () => {
    fc.assert(
      fc.property(fc.json({ stringUnit: 'binary', maxDepth: 8 }), (text) => {
        expect(toPlain(parseIJson(bytes(text)))).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts nothing JSON.parse refuses, and reads what it accepts the same way', () => {
    const damage = fc.constantFrom(
      '"',
      '\\',
      ',',
      ':',
      '{',
      '}',
      '[',
      ']',
      ' ',
      '\r',
      'x',
      '0',
      '.',
      'e',
      '-',
    );
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), fc.nat(), damage, (text, at, inserted) => {
        const position = at % (text.length + 1);
        const mutated = text.slice(0, position) + inserted + text.slice(position);
        let ours: JsonValue;
        try {
          ours = parseIJson(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(JsonSyntaxError);
          return;
        }
        expect(toPlain(ours)).toEqual(JSON.parse(mutated));
      }),
      { numRuns: 1000 },
    );
  });
});
