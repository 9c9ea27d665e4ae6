/**
 * SPEC.md "State": ids compare by their UTF-8 bytes. JavaScript's default string order compares UTF-16
 * code units and so differs when a character outside the BMP (a surrogate pair) meets U+E000..U+FFFF.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds } from './index.js';

function utf8Order(a: string, b: string): number {
  return Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

/** Single code points drawn mostly from the ranges where UTF-16 and UTF-8 order disagree. */
const boundaryCodePoint = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0x80, max: 0xd7ff }),
    fc.integer({ min: 0xe000, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x10ffff }),
    fc.constantFrom(0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff),
  )
  .map((codePoint) => String.fromCodePoint(codePoint));
const boundaryId = fc.string({ unit: boundaryCodePoint, minLength: 1, maxLength: 6 });
const anyId = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });

describe('compareIds', () => {
  it('puts U+E000..U+FFFF before astral characters, unlike JavaScript string order', () => {
    const privateUse = '\uE000';
    const replacement = '\uFFFD';
    const astral = '\u{1F600}';
    expect(astral < privateUse).toBe(true);
    expect(compareIds(privateUse, astral)).toBeLessThan(0);
    expect(compareIds(replacement, astral)).toBeLessThan(0);
    expect(compareIds(astral, '\uFFFF')).toBeGreaterThan(0);
    expect(compareIds('\uD7FF', astral)).toBeLessThan(0);
  });

  it('orders a prefix first and an id equal to itself as 0', () => {
    expect(compareIds('ann', 'anna')).toBeLessThan(0);
    expect(compareIds('anna', 'ann')).toBeGreaterThan(0);
    expect(compareIds('\u{1F600}', '\u{1F600}x')).toBeLessThan(0);
    expect(compareIds('ann', 'ann')).toBe(0);
  });

  it('agrees with Buffer.compare of the UTF-8 bytes for ids near the boundaries', () => {
    fc.assert(
      fc.property(boundaryId, boundaryId, (a, b) => {
        expect(Math.sign(compareIds(a, b))).toBe(utf8Order(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with Buffer.compare of the UTF-8 bytes for any code points', () => {
    fc.assert(
      fc.property(anyId, anyId, (a, b) => {
        expect(Math.sign(compareIds(a, b))).toBe(utf8Order(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('is antisymmetric and sorts like the UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(boundaryId, anyId), { maxLength: 20 }), (ids) => {
        for (const a of ids)
          for (const b of ids) expect(Math.sign(compareIds(a, b))).toBe(-Math.sign(compareIds(b, a)) || 0);
        const byEngine = [...ids].sort(compareIds);
        const byBytes = [...ids].sort(utf8Order);
        expect(byEngine).toEqual(byBytes);
      }),
      { numRuns: 1000 },
    );
  });
});
