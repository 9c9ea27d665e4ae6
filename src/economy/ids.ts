/**
 * Ids compare by their UTF-8 bytes (SPEC.md "State"). UTF-8 byte order equals code point order, which
 * differs from JavaScript's UTF-16 order only when surrogates (U+D800..U+DFFF) meet U+E000..U+FFFF.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogate code units above U+E000..U+FFFF so they rank like the astral code points they start. */
function codePointRank(codeUnit: number): number {
  if (codeUnit >= 0xe000) return codeUnit - 0x800;
  if (codeUnit >= 0xd800) return codeUnit + 0x2000;
  return codeUnit;
}
