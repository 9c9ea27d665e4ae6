/**
 * The mall's expected failures: a stable code, a message for people and details for programs. The
 * HTTP layer maps each code to a status in one table (src/http/errors.ts); docs/errors.md lists them.
 */
export const MALL_ERROR_STATUS = {
  BAD_REQUEST: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  ALREADY_REGISTERED: 409,
  INVALID_REFERRAL_CODE: 422,
  OUT_OF_STOCK: 409,
  // Catalog: an id that is taken (ACCOUNT_EXISTS is also the economy's code for a taken account id).
  ACCOUNT_EXISTS: 409,
  CATEGORY_EXISTS: 409,
  CART_EMPTY: 422,
  ORDER_NOT_PAYABLE: 409,
  ORDER_WRONG_STATE: 409,
  COUPON_INVALID: 422,
  COUPON_NOT_APPLICABLE: 422,
  COUPON_LIMIT_REACHED: 422,
  INVALID_SIGNATURE: 401,
  STALE_NOTIFICATION: 401,
  AMOUNT_MISMATCH: 422,
  RATE_LIMITED: 429,
  STORE_BUSY: 503,
  INVALID_DATE_RANGE: 422,
  // Economy rejections that reach the mall (a balance payment without enough cash, ...).
  INSUFFICIENT_CASH: 422,
  INSUFFICIENT_STABLE: 422,
  INSUFFICIENT_HELD: 422,
  INSUFFICIENT_SALES: 422,
  INVALID_AMOUNT: 422,
  UNKNOWN_ACCOUNT: 404,
  WRONG_ACCOUNT_KIND: 422,
  // The wallet (sell, convert, settle).
  INSUFFICIENT_POINTS: 422,
  INSUFFICIENT_TREASURY: 422,
  SETTLE_TOO_SMALL: 422,
  // Economy parameters and the what-if simulation (src/http/finance.routes.ts).
  INVALID_PARAMS: 422,
  CAP_BELOW_MINTED: 422,
  WHAT_IF_TOO_LARGE: 422,
  // Webhooks (src/webhooks).
  UNKNOWN_EVENT_TYPE: 422,
  WEBHOOK_DISABLED: 409,
  // Withdrawals and merchant payouts (issue 11).
  WITHDRAWAL_TOO_SMALL: 422,
  WITHDRAWAL_TOO_LARGE: 422,
  WITHDRAWAL_LIMIT_REACHED: 422,
  WITHDRAWAL_NOT_PENDING: 409,
  PAYOUT_NOT_PENDING: 409,
  NOTHING_OWED: 422,
} as const;

export type MallErrorCode = keyof typeof MALL_ERROR_STATUS;

export class MallError extends Error {
  override readonly name = 'MallError';
  constructor(
    readonly code: MallErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string): MallError =>
  new MallError('NOT_FOUND', `no ${what} ${id}`, { [what]: id });

export const forbidden = (message = 'this account may not do that'): MallError =>
  new MallError('FORBIDDEN', message);
