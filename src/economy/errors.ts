/**
 * Expected rejections of the rules, as stable UPPER_SNAKE_CASE codes (docs/errors.md lists them and
 * the HTTP statuses they map to). A rejected command changes nothing.
 */
export const ECONOMY_ERROR_CODES = [
  'INVALID_PARAMS',
  'CAP_BELOW_MINTED',
  'ACCOUNT_EXISTS',
  'UNKNOWN_ACCOUNT',
  'WRONG_ACCOUNT_KIND',
  'INVALID_REFERRER',
  'INVALID_AMOUNT',
  'INSUFFICIENT_CASH',
  'INSUFFICIENT_HELD',
  'INSUFFICIENT_SALES',
  'INSUFFICIENT_POINTS',
  'INSUFFICIENT_STABLE',
  'INSUFFICIENT_TREASURY',
  'SETTLE_TOO_SMALL',
] as const;

export type EconomyErrorCode = (typeof ECONOMY_ERROR_CODES)[number];

export class EconomyError extends Error {
  override readonly name = 'EconomyError';
  constructor(
    readonly code: EconomyErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** A broken invariant is a bug, never an expected failure: it crashes loudly. */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
