/**
 * The journal's rules for keys, ids and integers written as JSON numbers (CONTRACTS.md "Valid command").
 */

/** Unicode White_Space, Cc control characters, and lone surrogate halves (not text at all). */
const FORBIDDEN_CHARACTER = /[\p{White_Space}\p{Cc}\p{Cs}]/u;

export const KEY_CODE_POINTS_MAX = 200;
export const ID_CODE_POINTS_MAX = 64;

/** Keys are 1..200 code points with no whitespace or control character, and not `-` (apply's "no key"). */
export function isValidKey(key: string): boolean {
  if (key === '-') return false;
  return hasCodePointsWithin(key, KEY_CODE_POINTS_MAX) && !FORBIDDEN_CHARACTER.test(key);
}

/** Ids are 1..64 code points with no `:`, whitespace or control character; `world` is reserved. */
export function isValidId(id: string): boolean {
  if (id === 'world' || id.includes(':')) return false;
  return hasCodePointsWithin(id, ID_CODE_POINTS_MAX) && !FORBIDDEN_CHARACTER.test(id);
}

/** Whether text holds 1..max code points; a surrogate pair is one code point. */
function hasCodePointsWithin(text: string, max: number): boolean {
  if (text.length === 0) return false;
  // Each code point takes one or two UTF-16 units, so the length bounds the count both ways.
  if (text.length <= max) return true;
  if (text.length > 2 * max) return false;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    if (++count > max) return false;
  }
  return true;
}

const SAFE_INTEGER_TEXT = /^-?(?:0|[1-9][0-9]{0,15})$/;
const SAFE_INTEGER_MAX = 2n ** 53n - 1n;

/**
 * The value of a JSON number's source text when it is written as an integer (`-?(0|[1-9][0-9]*)`,
 * so not `5000.0` or `5e3`) and |v| <= 2^53 - 1; otherwise undefined. `-0` is 0.
 */
export function safeIntegerFromNumberText(text: string): bigint | undefined {
  // The regex caps the digits at 16, which keeps BigInt's work bounded whatever the line holds.
  if (!SAFE_INTEGER_TEXT.test(text)) return undefined;
  const value = BigInt(text);
  return value <= SAFE_INTEGER_MAX && value >= -SAFE_INTEGER_MAX ? value : undefined;
}
