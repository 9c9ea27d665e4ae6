/**
 * SPEC.md "sell", "convert" and "settle": hand-computed figures, postings in CONTRACTS.md's order, the
 * lastPrice rule, and every rejection (a rejected command changes nothing).
 */
import { describe, expect, it } from 'vitest';
import { expectRejected, legs, ratioAtMost, stateAfter, view } from '../../test/support/economy.js';
import { applyCommand, currentPrice, type EconomyCommand } from './index.js';

// After this, reserve = 3000 fen and supply = 21e6 µpt (ann's), so P = 3000 / 21e6 = 1/7000 fen per µpt.
const annBought: EconomyCommand[] = [{ type: 'order', member: 'ann', amount: 10_000n }];
const sell = (member: string, points: bigint | 'all'): EconomyCommand => ({ type: 'sell', member, points });
const convert = (member: string, points: bigint | 'all'): EconomyCommand => ({
  type: 'convert',
  member,
  points,
});
const settle = (merchant: string, stable: bigint): EconomyCommand => ({ type: 'settle', merchant, stable });

describe('sell', () => {
  it('pays the value less the fee, burns the points, keeps the fee in the reserve and the quota as it was', () => {
    const state = stateAfter(annBought);
    const priceBefore = currentPrice(state);
    const effects = applyCommand(state, sell('ann', 7_000_000n));
    // gross = 7e6 * 3000 / 21e6 = 1000; net = 1000 * 9000 / 1e4 = 900.
    expect(legs(effects)).toEqual([
      ['ann:points', 'upt', -7_000_000n],
      ['world:mint', 'upt', 7_000_000n],
      ['reserve', 'fen', -900n],
      ['ann:cash', 'fen', 900n],
    ]);
    expect(effects.events).toEqual([{ type: 'points.sold', account: 'ann', points: 7_000_000n, net: 900n }]);
    expect(state).toMatchObject({ reserve: 2_100n, supply: 14_000_000n, burned: 7_000_000n });
    expect(view(state, 'ann')).toMatchObject({ points: 14_000_000n, cash: 900n, quota: 20_000n });
    // 2100 / 14e6 = 1.5e-4 > 1/7000: the fee left behind raises the price.
    expect(ratioAtMost(priceBefore, currentPrice(state))).toBe(true);
    expect(ratioAtMost(currentPrice(state), priceBefore)).toBe(false);
  });

  it('selling the last µpt first sets lastPrice to reserve / supply, which the next order is priced at', () => {
    const state = stateAfter(annBought);
    applyCommand(state, sell('ann', 'all'));
    // gross = 3000, net = 2700: the reserve keeps 300 with no points left.
    expect(state).toMatchObject({ reserve: 300n, supply: 0n, lastPrice: { num: 3_000n, den: 21_000_000n } });
    expect(currentPrice(state)).toEqual({ num: 3_000n, den: 21_000_000n });
    const effects = applyCommand(state, { type: 'order', member: 'bob', amount: 10_000n });
    // a = 2100 * 21e6 / 3000 = 14.7e6 µpt; the 300 fen left behind lift the new price above 1/7000.
    expect(effects.events).toEqual([{ type: 'points.awarded', member: 'bob', points: 14_700_000n }]);
    expect(state).toMatchObject({ reserve: 3_300n, supply: 14_700_000n });
  });

  it('accepts a sale worth 0 fen: the points burn and no fen posting is written', () => {
    const state = stateAfter(annBought);
    // gross = 1 * 3000 / 21e6 = 0.
    const effects = applyCommand(state, sell('ann', 1n));
    expect(legs(effects)).toEqual([
      ['ann:points', 'upt', -1n],
      ['world:mint', 'upt', 1n],
    ]);
    expect(state.reserve).toBe(3_000n);
  });

  it('lets the treasury and merchants sell what they hold', () => {
    const state = stateAfter([...annBought, convert('ann', 7_000_000n)]);
    const effects = applyCommand(state, sell('treasury', 'all'));
    expect(effects.events).toEqual([
      { type: 'points.sold', account: 'treasury', points: 7_000_000n, net: 900n },
    ]);
    expect(view(state, 'treasury').cash).toBe(900n);
  });

  it('refuses unknown accounts, amounts <= 0, more than held, and all of nothing', () => {
    const state = stateAfter([...annBought, { type: 'join', member: 'bob' }]);
    expectRejected(state, sell('nobody', 1n), 'UNKNOWN_ACCOUNT');
    expectRejected(state, sell('ann', 0n), 'INVALID_AMOUNT');
    expectRejected(state, sell('ann', -5n), 'INVALID_AMOUNT');
    expectRejected(state, sell('ann', 21_000_001n), 'INSUFFICIENT_POINTS');
    expectRejected(state, sell('bob', 1n), 'INSUFFICIENT_POINTS');
    expectRejected(state, sell('bob', 'all'), 'INVALID_AMOUNT');
    expectRejected(state, sell('platform', 'all'), 'INVALID_AMOUNT');
    expectRejected(state, sell('treasury', 'all'), 'INVALID_AMOUNT');
  });
});

describe('convert', () => {
  it('turns points into stable at their value less the fee; the treasury keeps the points, the price stays', () => {
    const state = stateAfter(annBought, { convertFeeRate: 500n });
    const effects = applyCommand(state, convert('ann', 7_000_000n));
    // value = 7e6 * 3000 / 21e6 = 1000; got = 1000 * 9500 / 1e4 = 950.
    expect(legs(effects)).toEqual([
      ['ann:points', 'upt', -7_000_000n],
      ['treasury:points', 'upt', 7_000_000n],
      ['world:stable', 'stable', -950n],
      ['ann:stable', 'stable', 950n],
    ]);
    expect(effects.events).toEqual([
      { type: 'points.converted', member: 'ann', points: 7_000_000n, stable: 950n },
    ]);
    expect(state).toMatchObject({ reserve: 3_000n, supply: 21_000_000n, burned: 0n });
    expect(view(state, 'treasury').points).toBe(7_000_000n);
  });

  it('runs no cascade, even when someone holds value above their quota', () => {
    // With exits off, the referrer ann keeps 3e6 µpt and no quota; turning exits on runs no cascade.
    const state = stateAfter(
      [
        { type: 'join', member: 'ann' },
        { type: 'join', member: 'bob', referrer: 'ann' },
        { type: 'order', member: 'bob', amount: 10_000n },
      ],
      { exitEnabled: false },
    );
    applyCommand(state, { type: 'params', params: { ...state.params, exitEnabled: true } });
    const effects = applyCommand(state, convert('bob', 1_000_000n));
    expect(effects.events.map((e) => e.type)).toEqual(['points.converted']);
    expect(view(state, 'ann').points).toBe(3_000_000n);
  });

  it('refuses non-consumers, unknown members, amounts <= 0, more than held, and all of nothing', () => {
    const state = stateAfter([...annBought, convert('ann', 1_000_000n), { type: 'join', member: 'bob' }]);
    expectRejected(state, convert('nobody', 1n), 'UNKNOWN_ACCOUNT');
    expectRejected(state, convert('platform', 1n), 'WRONG_ACCOUNT_KIND');
    expectRejected(state, convert('treasury', 1n), 'WRONG_ACCOUNT_KIND');
    expectRejected(state, convert('ann', 0n), 'INVALID_AMOUNT');
    expectRejected(state, convert('ann', -1n), 'INVALID_AMOUNT');
    expectRejected(state, convert('ann', 20_000_001n), 'INSUFFICIENT_POINTS');
    expectRejected(state, convert('bob', 'all'), 'INVALID_AMOUNT');
  });
});

describe('settle', () => {
  // ann converts 7e6 µpt into 1000 stable and spends them all at shop: an order with no cash part.
  const shopHoldsStable: EconomyCommand[] = [
    { type: 'merchant', id: 'shop' },
    ...annBought,
    convert('ann', 7_000_000n),
    { type: 'order', member: 'ann', amount: 1_000n, stable: 1_000n, merchant: 'shop' },
  ];

  it("turns a merchant's stable into treasury points at the current price", () => {
    const state = stateAfter(shopHoldsStable);
    const effects = applyCommand(state, settle('shop', 500n));
    // pts = 500 / (3000 / 21e6) = 3.5e6 µpt.
    expect(legs(effects)).toEqual([
      ['shop:stable', 'stable', -500n],
      ['world:stable', 'stable', 500n],
      ['treasury:points', 'upt', -3_500_000n],
      ['shop:points', 'upt', 3_500_000n],
    ]);
    expect(effects.events).toEqual([
      { type: 'stable.settled', merchant: 'shop', stable: 500n, points: 3_500_000n },
    ]);
    expect(view(state, 'treasury').points).toBe(3_500_000n);
    expect(state).toMatchObject({ reserve: 3_000n, supply: 21_000_000n });
  });

  it('refuses consumers, unknown merchants, amounts <= 0 and more stable than the merchant holds', () => {
    const state = stateAfter(shopHoldsStable);
    expectRejected(state, settle('ann', 1n), 'WRONG_ACCOUNT_KIND');
    expectRejected(state, settle('treasury', 1n), 'WRONG_ACCOUNT_KIND');
    expectRejected(state, settle('nowhere', 1n), 'UNKNOWN_ACCOUNT');
    expectRejected(state, settle('shop', 0n), 'INVALID_AMOUNT');
    expectRejected(state, settle('shop', -1n), 'INVALID_AMOUNT');
    expectRejected(state, settle('shop', 1_001n), 'INSUFFICIENT_STABLE');
    expectRejected(state, settle('platform', 1n), 'INSUFFICIENT_STABLE');
  });

  it('refuses when the treasury holds fewer points than the settlement needs', () => {
    // The treasury sells 5e6 of its 7e6 µpt, keeping 2e6; 1000 stable now need far more than that.
    const state = stateAfter([...shopHoldsStable, sell('treasury', 5_000_000n)]);
    expectRejected(state, settle('shop', 1_000n), 'INSUFFICIENT_TREASURY');
  });

  it('refuses a settlement that buys 0 µpt', () => {
    // issuePrice 2e6 fen per point = 2 fen per µpt: ann's 2100 fen award buys 1050 µpt and the price
    // becomes 3000 / 1050 fen per µpt, so 2 stable buy 2 * 1050 / 3000 = 0 µpt.
    const state = stateAfter(
      [
        { type: 'merchant', id: 'shop' },
        ...annBought,
        convert('ann', 'all'),
        { type: 'order', member: 'ann', amount: 2n, stable: 2n, merchant: 'shop' },
      ],
      { issuePrice: 2_000_000n },
    );
    expect(state.supply).toBe(1_050n);
    expectRejected(state, settle('shop', 2n), 'SETTLE_TOO_SMALL');
    expectRejected(state, settle('shop', 1n), 'SETTLE_TOO_SMALL');
  });
});
