import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, invalidUtf8Offset, utf8Length } from './utf8.js';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodes(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Valid UTF-8 with a few bytes overwritten, so most cases sit near the edge of validity. */
const nearlyUtf8 = fc
  .tuple(fc.string({ unit: 'binary' }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }))))
  .map(([text, edits]) => {
    const bytes = new TextEncoder().encode(text);
    for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
    return bytes;
  });

describe('utf8', () => {
  it('finds an invalid byte exactly when TextDecoder refuses, and everything before it decodes', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyUtf8, fc.uint8Array()), (bytes) => {
        const offset = invalidUtf8Offset(bytes);
        expect(offset < 0).toBe(decodes(bytes));
        if (offset >= 0) expect(decodes(bytes.subarray(0, offset))).toBe(true);
        expect(decodeUtf8(bytes).ok).toBe(offset < 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses overlong forms, encoded surrogates, code points above U+10FFFF and truncation', () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      expect(invalidUtf8Offset(Uint8Array.from([0x61, ...bad])), String(bad)).toBe(1);
    }
    expect(invalidUtf8Offset(new TextEncoder().encode('aé€😀'))).toBe(-1);
  });

  it('keeps a byte order mark as text', () => {
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b]))).toEqual({ ok: true, text: '\ufeff{' });
  });

  it('measures the UTF-8 length of a prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text, text.length)).toBe(new TextEncoder().encode(text).length);
      }),
    );
  });
});
