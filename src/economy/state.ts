import { Account, AccountColumns } from './account-store.js';
import { assert, EconomyError } from './errors.js';
import { HolderQueue } from './holder-queue.js';
import { DEFAULT_PARAMS, validateParams } from './params.js';
import { type AccountKind, type EconomyParams, PLATFORM_ID, type Rational, TREASURY_ID } from './types.js';

/** The whole economy (SPEC.md "State"), held in memory and changed only by the operations. */
export interface EconomyState {
  params: EconomyParams;
  paramsVersion: bigint;
  reserve: bigint;
  supply: bigint;
  minted: bigint;
  burned: bigint;
  dividendFund: bigint;
  /** The price while supply is 0: issuePrice / 1e6 fen per µpt until a sale burns the last µpt. */
  lastPrice: Rational;
  readonly accounts: Map<string, Account>;
  /** Every account's balances (see AccountColumns for why they are columns). */
  readonly columns: AccountColumns;
  /** Consumers with points > 0, lowest quota/points first. */
  readonly holders: HolderQueue;
  /** Running totals since genesis, for reports and the published figures (not part of SPEC's rules). */
  readonly totals: EconomyTotals;
}

/**
 * What has flowed since genesis, each a running sum that only grows (but `stableHeld`): the daily
 * finance report is the difference of two readings, and the outstanding figures are differences of two
 * totals, so nothing needs a scan over every account.
 */
export interface EconomyTotals {
  /** Orders' amounts (cash and stable parts), fen. */
  sales: bigint;
  /** Orders' cash parts, fen. */
  salesCash: bigint;
  orders: bigint;
  /** Fen into the reserve from orders. */
  reserveIn: bigint;
  /** Fen into the dividend fund from orders. */
  dividendFundIn: bigint;
  /** Net fen paid out of the reserve for sold points (sells and forced exits). */
  sellNet: bigint;
  /** Sell fees: gross value less net, kept in the reserve. */
  sellFees: bigint;
  /** Convert fees: value less stable received. */
  convertFees: bigint;
  dividendsPaid: bigint;
  exits: bigint;
  /** Quota granted by orders and retired by dividends and exits. */
  quotaIssued: bigint;
  quotaRetired: bigint;
  /** Stable points issued by conversions and retired by settlements. */
  stableIssued: bigint;
  stableSettled: bigint;
  withdrawalsPaid: bigint;
  payoutsPaid: bigint;
  /** Not a running sum but a level: stable points held for open orders now (the one figure that falls). */
  stableHeld: bigint;
}

export const TOTAL_NAMES = [
  'sales',
  'salesCash',
  'orders',
  'reserveIn',
  'dividendFundIn',
  'sellNet',
  'sellFees',
  'convertFees',
  'dividendsPaid',
  'exits',
  'quotaIssued',
  'quotaRetired',
  'stableIssued',
  'stableSettled',
  'withdrawalsPaid',
  'payoutsPaid',
  'stableHeld',
] as const satisfies readonly (keyof EconomyTotals)[];

export function zeroTotals(): EconomyTotals {
  const totals = {} as Record<keyof EconomyTotals, bigint>;
  for (const name of TOTAL_NAMES) totals[name] = 0n;
  return totals;
}

export const MICRO_PER_POINT = 1_000_000n;

export function createState(params: EconomyParams = { ...DEFAULT_PARAMS }): EconomyState {
  validateParams(params);
  const columns = new AccountColumns();
  const state: EconomyState = {
    params,
    paramsVersion: 1n,
    reserve: 0n,
    supply: 0n,
    minted: 0n,
    burned: 0n,
    dividendFund: 0n,
    lastPrice: { num: params.issuePrice, den: MICRO_PER_POINT },
    accounts: new Map(),
    columns,
    holders: new HolderQueue(columns),
    totals: zeroTotals(),
  };
  addAccount(state, PLATFORM_ID, 'merchant', undefined);
  addAccount(state, TREASURY_ID, 'treasury', undefined);
  return state;
}

export function addAccount(
  state: EconomyState,
  id: string,
  kind: AccountKind,
  referrer: string | undefined,
): Account {
  assert(!state.accounts.has(id), `account ${id} exists`);
  const account = new Account(id, kind, referrer, state.columns);
  state.accounts.set(id, account);
  return account;
}

/**
 * The account with this id, of one of the allowed kinds.
 * @throws EconomyError UNKNOWN_ACCOUNT, WRONG_ACCOUNT_KIND
 */
export function requireAccount(state: EconomyState, id: string, ...kinds: AccountKind[]): Account {
  const account = state.accounts.get(id);
  if (account === undefined) throw new EconomyError('UNKNOWN_ACCOUNT', `no account ${id}`, { account: id });
  if (!kinds.includes(account.kind)) {
    throw new EconomyError('WRONG_ACCOUNT_KIND', `${id} is a ${account.kind}, not a ${kinds.join(' or ')}`, {
      account: id,
      kind: account.kind,
    });
  }
  return account;
}

/** Price P = reserve / supply when supply > 0, else lastPrice (SPEC.md "Price"). */
export function currentPrice(state: EconomyState): Rational {
  if (state.supply > 0n) return { num: state.reserve, den: state.supply };
  return state.lastPrice;
}

/** floor(fen / P) in µpt. */
export function fenToPoints(state: EconomyState, fen: bigint): bigint {
  const price = currentPrice(state);
  assert(price.num > 0n, 'price is positive');
  return (fen * price.den) / price.num;
}

/** floor(µpt * reserve / supply) in fen; only asked while points exist. */
export function pointsToFen(state: EconomyState, pointsMicro: bigint): bigint {
  assert(state.supply > 0n, 'points exist');
  return (pointsMicro * state.reserve) / state.supply;
}
