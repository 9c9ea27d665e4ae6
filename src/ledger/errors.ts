/**
 * Failures of the journal layer that are not rules of the economy. BAD_REQUEST and
 * IDEMPOTENCY_CONFLICT are fixed by CONTRACTS.md; docs/errors.md lists every code.
 */
export type LedgerErrorCode =
  | 'BAD_REQUEST'
  | 'IDEMPOTENCY_CONFLICT'
  | 'STORE_LOCKED'
  | 'STORE_NOT_EMPTY'
  | 'BAD_ARCHIVE';

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function badRequest(message: string): LedgerError {
  return new LedgerError('BAD_REQUEST', message);
}
