/**
 * The economy's data: plain values, no behaviour. Units are in the names' meaning (SPEC.md "Units"):
 * fen for money, stable points and quota; micro-points (µpt) for equity points; basis points for rates.
 */

export type AccountKind = 'consumer' | 'merchant' | 'treasury';
export type AccountStatus = 'active' | 'exited';

/** Ids of the two accounts that always exist (SPEC.md "State"). */
export const PLATFORM_ID = 'platform';
export const TREASURY_ID = 'treasury';

export type { Account } from './account-store.js';

/** The ten parameters of SPEC.md "Parameters"; rates in basis points. */
export interface EconomyParams {
  issuePrice: bigint;
  reserveRate: bigint;
  awardRate: bigint;
  referralRate: bigint;
  sellFeeRate: bigint;
  convertFeeRate: bigint;
  quotaMultiplier: bigint;
  dividendRate: bigint;
  supplyCap: bigint;
  exitEnabled: boolean;
}

/** A price as an exact rational, fen per µpt. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

export type PointsAmount = bigint | 'all';

export type EconomyCommand =
  | { readonly type: 'join'; readonly member: string; readonly referrer?: string }
  | { readonly type: 'merchant'; readonly id: string }
  | {
      readonly type: 'order';
      readonly member: string;
      readonly amount: bigint;
      readonly stable?: bigint;
      readonly profit?: bigint;
      readonly merchant?: string;
      /** The mall paid this order from the buyer's held balances (CONTRACTS.md postings). */
      readonly paidFrom?: 'held';
    }
  | { readonly type: 'sell'; readonly member: string; readonly points: PointsAmount }
  | { readonly type: 'convert'; readonly member: string; readonly points: PointsAmount }
  | { readonly type: 'settle'; readonly merchant: string; readonly stable: bigint }
  | { readonly type: 'dividends' }
  | { readonly type: 'params'; readonly params: EconomyParams }
  | MallCommand;

/**
 * The mall's money movements on economy balances (CONTRACTS.md "The mall's own commands"). `via` names
 * where the cash part comes from or goes back to: `money` is the outside world (a gateway or a bank
 * transfer), `balance` the buyer's cash balance. Stable points always come from and go back to
 * `<member>:stable`. Only the mall issues these; `apply` refuses them.
 */
export type MallCommand =
  | {
      readonly type: 'hold';
      readonly member: string;
      readonly cash: bigint;
      readonly stable: bigint;
      readonly via: PaymentSource;
    }
  | {
      readonly type: 'release';
      readonly member: string;
      readonly cash: bigint;
      readonly stable: bigint;
      readonly via: PaymentSource;
    }
  /** A withdrawal's three steps: request (`<x>:cash` -> `<x>:held`), paid (`-> world:money`), returned. */
  | { readonly type: 'withdraw'; readonly account: string; readonly cash: bigint }
  | { readonly type: 'pay-withdrawal'; readonly account: string; readonly cash: bigint }
  | { readonly type: 'return-withdrawal'; readonly account: string; readonly cash: bigint }
  /** A merchant payout: `<m>:sales` -> `world:money`. */
  | { readonly type: 'payout'; readonly merchant: string; readonly cash: bigint };

export type PaymentSource = 'money' | 'balance';

export type EconomyCommandType = EconomyCommand['type'];
/** SPEC.md's operations and `params`: what a scenario or `apply` may send. */
export type SpecCommandType = Exclude<EconomyCommandType, MallCommand['type']>;

export type Asset = 'fen' | 'upt' | 'stable' | 'quota';

/** The signed change of one account's balance of one asset (CONTRACTS.md "The journal"). */
export interface Posting {
  readonly account: string;
  readonly asset: Asset;
  readonly amount: bigint;
}

/** Events of CONTRACTS.md, fields as bigint until the journal writes them as decimal strings. */
export type EconomyEvent =
  | { readonly type: 'member.joined'; readonly member: string; readonly referrer?: string }
  | { readonly type: 'merchant.created'; readonly merchant: string }
  | { readonly type: 'params.changed'; readonly version: bigint }
  | {
      readonly type: 'points.awarded';
      readonly member: string;
      readonly points: bigint;
      readonly referrer?: string;
      readonly referralPoints?: bigint;
    }
  | { readonly type: 'points.sold'; readonly account: string; readonly points: bigint; readonly net: bigint }
  | { readonly type: 'member.exited'; readonly member: string; readonly points: bigint; readonly net: bigint }
  | {
      readonly type: 'points.converted';
      readonly member: string;
      readonly points: bigint;
      readonly stable: bigint;
    }
  | {
      readonly type: 'stable.settled';
      readonly merchant: string;
      readonly stable: bigint;
      readonly points: bigint;
    }
  | {
      readonly type: 'payment.held' | 'payment.released';
      readonly member: string;
      readonly cash: bigint;
      readonly stable: bigint;
    }
  | {
      readonly type: 'withdrawal.requested' | 'withdrawal.paid' | 'withdrawal.returned';
      readonly account: string;
      readonly cash: bigint;
    }
  | { readonly type: 'payout.paid'; readonly merchant: string; readonly cash: bigint }
  | {
      readonly type: 'dividends.ran';
      readonly paid: bigint;
      readonly holders: bigint;
      readonly left: bigint;
    };

/** What one applied command changed: its postings and events, in CONTRACTS.md order. */
export interface CommandEffects {
  readonly postings: readonly Posting[];
  readonly postingCount: number;
  /** Visits the postings in order without building an object per posting. */
  forEachPosting(visit: (account: string, asset: Asset, amount: bigint) => void): void;
  /** Visits the legs as (id, slot = suffix + 7 * asset, amount), for the balance projection. */
  forEachLeg(visit: (id: string, slot: number, amount: bigint) => void): void;
  readonly events: EconomyEvent[];
}
