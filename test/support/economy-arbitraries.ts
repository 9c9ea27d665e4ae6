/**
 * Random operation sequences for the economy's property tests. Plans are drawn from a small id pool so
 * that they hit existing accounts, and amounts are resolved against the state just before each command
 * ("sell 40% of what bob holds"), so that most commands apply and a steady share is refused.
 */
import fc from 'fast-check';
import {
  type Account,
  compareIds,
  DEFAULT_PARAMS,
  type EconomyCommand,
  type EconomyParams,
  type EconomyState,
} from '../../src/economy/index.js';

export const CONSUMER_IDS = ['ann', 'bob', 'cy', '\uE000', '\u{1F600}'] as const;
export const MERCHANT_IDS = ['shop', 'mall'] as const;
export const ALL_IDS = [...CONSUMER_IDS, ...MERCHANT_IDS, 'platform', 'treasury'] as const;

/** How much of a holding to use: in basis points of it, nothing, all of it, or one more than held. */
export type Portion = 'all' | 'zero' | 'over' | { readonly bp: bigint };

/**
 * Whose account: an id from the pool as it is, or the n-th (mod count) existing account that can take
 * part, e.g. a merchant holding stable for a settlement, so that sequences seldom miss their target.
 */
export type Who = string | { readonly pick: number };

export type Plan =
  | { readonly type: 'join'; readonly member: string; readonly referrer: string | undefined }
  | { readonly type: 'merchant'; readonly id: string }
  | {
      readonly type: 'order';
      readonly member: Who;
      readonly amount: bigint;
      /** Share of what the buyer may pay in stable, in bp; above 10000 asks for more than it holds. */
      readonly stableBp: bigint;
      /** Profit as a share of the amount, in bp; above 10000 is invalid. */
      readonly profitBp: bigint;
      readonly merchant: string | undefined;
    }
  | { readonly type: 'sell' | 'convert'; readonly member: Who; readonly portion: Portion }
  | { readonly type: 'settle'; readonly merchant: Who; readonly portion: Portion }
  | { readonly type: 'dividends' }
  | { readonly type: 'params'; readonly params: EconomyParams };

const consumer = fc.constantFrom(...CONSUMER_IDS);
const merchant = fc.constantFrom(...MERCHANT_IDS, 'platform');
const anyId = fc.constantFrom(...ALL_IDS);
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: usual }, { weight: 1, arbitrary: odd });
const pickOr = (ids: fc.Arbitrary<string>): fc.Arbitrary<Who> =>
  fc.oneof({ weight: 3, arbitrary: fc.nat().map((pick) => ({ pick })) }, { weight: 1, arbitrary: ids });

const rate = fc.oneof(fc.bigInt({ min: 0n, max: 10_000n }), fc.constantFrom(0n, 10_000n));

/** Any valid configuration, with small caps and high issue prices common enough to hit their edges. */
export const validParams: fc.Arbitrary<EconomyParams> = fc
  .record({
    issuePrice: fc.oneof(fc.bigInt({ min: 1n, max: 300n }), fc.bigInt({ min: 1n, max: 3_000_000n })),
    reserveRate: rate,
    awardRate: rate,
    referralRate: rate,
    sellFeeRate: rate,
    convertFeeRate: rate,
    quotaMultiplier: fc.oneof(fc.bigInt({ min: 0n, max: 5_000n }), fc.bigInt({ min: 0n, max: 40_000n })),
    dividendRate: rate,
    supplyCap: fc.oneof(fc.bigInt({ min: 0n, max: 100_000_000n }), fc.constant(DEFAULT_PARAMS.supplyCap)),
    exitEnabled: fc.boolean(),
  })
  .map((p) => {
    const room = 10_000n - p.awardRate;
    return { ...p, referralRate: p.referralRate < room ? p.referralRate : room };
  });

export const initialParams = fc.oneof(fc.constant({ ...DEFAULT_PARAMS }), validParams);

const portion: fc.Arbitrary<Portion> = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt({ min: 1n, max: 10_000n }).map((bp) => ({ bp })) },
  { weight: 3, arbitrary: fc.constant('all' as const) },
  { weight: 1, arbitrary: fc.constantFrom('zero' as const, 'over' as const) },
);

const amount = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: 1n, max: 300_000n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -10n, max: 0n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 10_000_000_000n }) },
);

export const plan: fc.Arbitrary<Plan> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('join' as const),
      member: mostly(consumer, anyId),
      referrer: fc.oneof(fc.constant(undefined), consumer, consumer, anyId),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('merchant' as const), id: mostly(merchant, anyId) }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('order' as const),
      member: pickOr(mostly(consumer, anyId)),
      amount,
      stableBp: fc.oneof(
        fc.constant(0n),
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.bigInt({ min: 0n, max: 12_000n }),
      ),
      profitBp: mostly(fc.bigInt({ min: 0n, max: 10_000n }), fc.bigInt({ min: 10_001n, max: 12_000n })),
      merchant: fc.oneof(fc.constant(undefined), mostly(merchant, anyId)),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('sell' as const), member: pickOr(anyId), portion }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('convert' as const),
      member: pickOr(mostly(consumer, anyId)),
      portion,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('settle' as const),
      merchant: pickOr(mostly(merchant, anyId)),
      portion,
    }),
  },
  { weight: 2, arbitrary: fc.constant({ type: 'dividends' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('params' as const), params: validParams }) },
);

// size 'max' spreads lengths over the whole range instead of favouring short sequences.
export const plans = fc.array(plan, { minLength: 1, maxLength: 40, size: 'max' });

function resolve(portionOf: Portion, held: bigint): bigint | 'all' {
  if (portionOf === 'all') return 'all';
  if (portionOf === 'zero') return 0n;
  if (portionOf === 'over') return held + 1n;
  const share = (held * portionOf.bp) / 10_000n;
  return share > 0n ? share : 1n;
}

/** The id a `Who` stands for: a picked account that passes `fits`, else a pool id. */
function idOf(
  who: Who,
  state: EconomyState,
  fits: (a: Account) => boolean,
  fallback: readonly string[],
): string {
  if (typeof who === 'string') return who;
  const candidates = [...state.accounts.values()].filter(fits).map((a) => a.id);
  candidates.sort(compareIds);
  const from = candidates.length > 0 ? candidates : fallback;
  return from[who.pick % from.length]!;
}

/** The concrete command a plan stands for in this state; it may still be one the rules refuse. */
export function commandOf(p: Plan, state: EconomyState): EconomyCommand {
  const held = (id: string) => state.accounts.get(id);
  const isConsumer = (a: Account) => a.kind === 'consumer';
  switch (p.type) {
    case 'join':
      return p.referrer === undefined
        ? { type: 'join', member: p.member }
        : { type: 'join', member: p.member, referrer: p.referrer };
    case 'merchant':
    case 'dividends':
    case 'params':
      return p;
    case 'order': {
      const member = idOf(p.member, state, isConsumer, CONSUMER_IDS);
      const available = held(member)?.stable ?? 0n;
      const payable = available < p.amount ? available : p.amount;
      const stable = p.stableBp > 10_000n ? available + 1n : (payable * p.stableBp) / 10_000n;
      const profit = p.amount > 0n ? (p.amount * p.profitBp) / 10_000n : 0n;
      return {
        type: 'order',
        member,
        amount: p.amount,
        ...(stable > 0n ? { stable } : {}),
        ...(profit > 0n ? { profit } : {}),
        ...(p.merchant === undefined ? {} : { merchant: p.merchant }),
      };
    }
    case 'sell':
    case 'convert': {
      const fits = (a: Account) => a.points > 0n && (p.type === 'sell' || isConsumer(a));
      const member = idOf(p.member, state, fits, CONSUMER_IDS);
      return { type: p.type, member, points: resolve(p.portion, held(member)?.points ?? 0n) };
    }
    case 'settle': {
      const merchantId = idOf(p.merchant, state, (a) => a.kind === 'merchant' && a.stable > 0n, ['platform']);
      const available = held(merchantId)?.stable ?? 0n;
      const stable = resolve(p.portion, available);
      return { type: 'settle', merchant: merchantId, stable: stable === 'all' ? available : stable };
    }
  }
}
