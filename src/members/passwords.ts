import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { MallError } from '../mall/errors.js';

/** Password length in code points: long enough to matter, short enough to bound the hashing work. */
export const PASSWORD_LENGTH_MIN = 8;
export const PASSWORD_LENGTH_MAX = 128;

// scrypt's cost (N = 2^14, r = 8, p = 1: about 16 MiB and tens of ms per hash) is stored with every
// hash, so it can be raised later without invalidating the hashes already stored.
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Limits on the parameters read back from a stored hash, so a damaged row cannot ask for gigabytes.
const COST_N_MAX = 1 << 20;
const COST_R_MAX = 32;
const COST_P_MAX = 16;

function derive(password: string, salt: Buffer, cost: ScryptOptions, keyBytes: number): Promise<Buffer> {
  const maxmem = 256 * (cost.N ?? 0) * (cost.r ?? 0) + 32 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, { ...cost, maxmem }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    ),
  );
}

/** 400 BAD_REQUEST unless the password has 8..128 code points. */
export function checkPasswordRules(password: string, field = 'password'): void {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH_MIN || length > PASSWORD_LENGTH_MAX)
    throw new MallError(
      'BAD_REQUEST',
      `a password has ${PASSWORD_LENGTH_MIN} to ${PASSWORD_LENGTH_MAX} characters`,
      { field },
    );
}

/**
 * Hashes a password with scrypt and a random 16-byte salt, as `scrypt$N$r$p$salt$hash` (base64).
 * Throws BAD_REQUEST when the password breaks the length rules.
 */
export async function hashPassword(password: string): Promise<string> {
  checkPasswordRules(password);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST, KEY_BYTES);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` matches a hash made by hashPassword (compared in constant time). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if ([...password].length > PASSWORD_LENGTH_MAX) return false;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt')
    throw new Error('stored password hash has an unknown format');
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!(Number.isSafeInteger(N) && N > 1 && N <= COST_N_MAX && (N & (N - 1)) === 0))
    throw new Error('stored password hash has a bad cost');
  if (
    !(
      Number.isSafeInteger(r) &&
      r >= 1 &&
      r <= COST_R_MAX &&
      Number.isSafeInteger(p) &&
      p >= 1 &&
      p <= COST_P_MAX
    )
  )
    throw new Error('stored password hash has a bad cost');
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || expected.length < 16 || expected.length > 64)
    throw new Error('stored password hash has a bad salt or key');
  const actual = await derive(password, salt, { N, r, p }, expected.length);
  return timingSafeEqual(actual, expected);
}

/** A hash that matches no password: verified against when a sign-in names nobody, to take the same time. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString('base64'));
  return decoy;
}
