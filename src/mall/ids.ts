import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A new id: a prefix, the time in ms (base 32, so ids of one kind sort by creation) and 60 random bits.
 * Ids are journal ids (CONTRACTS.md): at most 64 characters, no `:` or whitespace.
 */
export function newId(prefix: string, now: Date = new Date()): string {
  let time = now.getTime();
  let timePart = '';
  for (let i = 0; i < 9; i++) {
    timePart = ALPHABET[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  return `${prefix}${timePart}${randomText(12)}`;
}

/** Random text over an unambiguous alphabet (no i, l, o, u). */
export function randomText(length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += ALPHABET[byte % 32];
  return text;
}
