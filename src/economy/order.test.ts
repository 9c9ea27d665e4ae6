/**
 * SPEC.md "order": every step with hand-computed figures, its postings in CONTRACTS.md's order, and
 * every rejection (a rejected order changes nothing).
 */
import { describe, expect, it } from 'vitest';
import { expectRejected, legs, paramsWith, stateAfter, view } from '../../test/support/economy.js';
import { applyCommand, currentPrice, type EconomyCommand } from './index.js';

const join = (member: string, referrer?: string): EconomyCommand =>
  referrer === undefined ? { type: 'join', member } : { type: 'join', member, referrer };
const order = (member: string, amount: bigint, more: Partial<Record<'stable' | 'profit', bigint>> = {}) =>
  ({ type: 'order', member, amount, ...more }) as const;

describe('order', () => {
  it('mints for buyer and referrer at the price before it, adds quota and fund, then sells the referrer out', () => {
    const state = stateAfter([join('ann'), join('bob', 'ann'), { type: 'merchant', id: 'shop' }]);
    const effects = applyCommand(state, { ...order('bob', 10_000n, { profit: 2_000n }), merchant: 'shop' });
    // cash = 10000; C = 10000 * 3000 / 1e4 = 3000; A = 3000 * 7000 / 1e4 = 2100; R = 3000 * 1000 / 1e4 = 300.
    // P = issuePrice 100 fen per 1e6 µpt: a = 2100 * 1e6 / 100 = 21e6 µpt, r = 300 * 1e6 / 100 = 3e6 µpt.
    // q = 10000 * 20000 / 1e4 = 20000; d = 2000 * 3000 / 1e4 = 600.
    // Cascade: ann holds 3e6 µpt and no quota, so she is sold out: gross = 3e6 * 3000 / 24e6 = 375,
    // net = 375 * 9000 / 1e4 = 337 (floor of 337.5). The reserve keeps 3000 - 337 = 2663.
    expect(legs(effects)).toEqual([
      ['world:money', 'fen', -10_000n],
      ['reserve', 'fen', 3_000n],
      ['shop:sales', 'fen', 7_000n],
      ['world:mint', 'upt', -21_000_000n],
      ['bob:points', 'upt', 21_000_000n],
      ['world:mint', 'upt', -3_000_000n],
      ['ann:points', 'upt', 3_000_000n],
      ['world:quota', 'quota', -20_000n],
      ['bob:quota', 'quota', 20_000n],
      ['world:money', 'fen', -600n],
      ['dividend-fund', 'fen', 600n],
      ['ann:points', 'upt', -3_000_000n],
      ['world:mint', 'upt', 3_000_000n],
      ['reserve', 'fen', -337n],
      ['ann:cash', 'fen', 337n],
    ]);
    expect(effects.events).toEqual([
      {
        type: 'points.awarded',
        member: 'bob',
        points: 21_000_000n,
        referrer: 'ann',
        referralPoints: 3_000_000n,
      },
      { type: 'member.exited', member: 'ann', points: 3_000_000n, net: 337n },
    ]);
    expect(state).toMatchObject({
      reserve: 2_663n,
      supply: 21_000_000n,
      minted: 24_000_000n,
      burned: 3_000_000n,
    });
    expect(state.dividendFund).toBe(600n);
    expect(view(state, 'bob')).toMatchObject({
      points: 21_000_000n,
      quota: 20_000n,
      cash: 0n,
      status: 'active',
    });
    expect(view(state, 'ann')).toMatchObject({ points: 0n, quota: 0n, cash: 337n, status: 'exited' });
  });

  it('creates an unknown buyer as a consumer without referrer and prices a later order at the new price', () => {
    const state = stateAfter([order('ann', 10_000n)]);
    expect(view(state, 'ann')).toMatchObject({ kind: 'consumer', referrer: undefined, points: 21_000_000n });
    const effects = applyCommand(state, order('cy', 10_000n));
    // P = 3000 / 21e6 fen per µpt before cy's order: a = 2100 * 21e6 / 3000 = 14.7e6 µpt.
    expect(effects.events).toEqual([{ type: 'points.awarded', member: 'cy', points: 14_700_000n }]);
    expect(state).toMatchObject({ reserve: 6_000n, supply: 35_700_000n });
  });

  it('moves the stable part to the merchant and counts only the cash part for reserve and quota', () => {
    // ann converts 1e6 µpt worth 1e6 * 3000 / 21e6 = 142 fen into 142 stable (convertFeeRate 0).
    const state = stateAfter([
      { type: 'merchant', id: 'shop' },
      order('ann', 10_000n),
      { type: 'convert', member: 'ann', points: 1_000_000n },
    ]);
    const effects = applyCommand(state, { ...order('ann', 1_000n, { stable: 100n }), merchant: 'shop' });
    // cash = 900; C = 270; A = 189; a = 189 * 21e6 / 3000 = 1_323_000 (supply counts the treasury's
    // converted points); q = 900 * 2 = 1800.
    expect(legs(effects)).toEqual([
      ['ann:stable', 'stable', -100n],
      ['shop:stable', 'stable', 100n],
      ['world:money', 'fen', -900n],
      ['reserve', 'fen', 270n],
      ['shop:sales', 'fen', 630n],
      ['world:mint', 'upt', -1_323_000n],
      ['ann:points', 'upt', 1_323_000n],
      ['world:quota', 'quota', -1_800n],
      ['ann:quota', 'quota', 1_800n],
    ]);
    expect(view(state, 'ann')).toMatchObject({ stable: 42n, quota: 21_800n });
    expect(view(state, 'shop').stable).toBe(100n);
  });

  it("takes both parts from the buyer's held balances when the mall paid from them", () => {
    const state = stateAfter([
      order('ann', 10_000n),
      { type: 'convert', member: 'ann', points: 1_000_000n },
      { type: 'hold', member: 'ann', cash: 900n, stable: 100n, via: 'money' },
    ]);
    const effects = applyCommand(state, { ...order('ann', 1_000n, { stable: 100n }), paidFrom: 'held' });
    expect(legs(effects).slice(0, 3)).toEqual([
      ['ann:held', 'stable', -100n],
      ['platform:stable', 'stable', 100n],
      ['ann:held', 'fen', -900n],
    ]);
  });

  it('an order paid wholly in stable points adds no points and no quota and keeps an exited buyer exited', () => {
    // ann's only order gives quota 10000 and fund 10000; the dividend pays her whole quota, the cascade
    // sells her out, and the 142 stable she converted first stay with her.
    const state = stateAfter(
      [
        order('ann', 10_000n, { profit: 10_000n }),
        { type: 'convert', member: 'ann', points: 1_000_000n },
        { type: 'dividends' },
      ],
      { quotaMultiplier: 10_000n, dividendRate: 10_000n },
    );
    expect(view(state, 'ann')).toMatchObject({ status: 'exited', quota: 0n, stable: 142n });
    const effects = applyCommand(state, order('ann', 100n, { stable: 100n }));
    expect(effects.events).toEqual([]);
    expect(view(state, 'ann')).toMatchObject({ status: 'exited', quota: 0n, points: 0n });
    // A cash part of 1 fen reserves nothing (3000 bp of 1 floors to 0) but makes her active again,
    // with quota 1 * 10000 / 1e4 = 1.
    applyCommand(state, order('ann', 1n));
    expect(view(state, 'ann')).toMatchObject({ status: 'active', quota: 1n, points: 0n });
  });

  it('rewards only the direct referrer: one level of referral', () => {
    const state = stateAfter([join('a'), join('b', 'a'), join('c', 'b')], { exitEnabled: false });
    const effects = applyCommand(state, order('c', 10_000n));
    expect(effects.events).toEqual([
      { type: 'points.awarded', member: 'c', points: 21_000_000n, referrer: 'b', referralPoints: 3_000_000n },
    ]);
    expect(view(state, 'a').points).toBe(0n);
  });
});

describe('order at the edge of supplyCap', () => {
  it('caps the buyer first, then the referrer with what is left', () => {
    const state = stateAfter([join('ann'), join('bob', 'ann')], { supplyCap: 22_000_000n });
    const effects = applyCommand(state, order('bob', 10_000n));
    // a = min(21e6, 22e6 - 0) = 21e6; r = min(3e6, 22e6 - 0 - 21e6) = 1e6.
    expect(effects.events[0]).toEqual({
      type: 'points.awarded',
      member: 'bob',
      points: 21_000_000n,
      referrer: 'ann',
      referralPoints: 1_000_000n,
    });
    expect(state.minted).toBe(22_000_000n);
    // At the cap an order still pays into the reserve but mints nothing and records no award.
    const reserveBefore = state.reserve;
    const after = applyCommand(state, order('bob', 10_000n));
    expect(after.events.filter((e) => e.type === 'points.awarded')).toEqual([]);
    expect(state.reserve).toBe(reserveBefore + 3_000n);
    expect(state.minted).toBe(22_000_000n);
  });

  it('leaves the referrer nothing when the buyer takes the rest, and the award names no referrer', () => {
    const state = stateAfter([join('ann'), join('bob', 'ann')], { supplyCap: 10_000_000n });
    const effects = applyCommand(state, order('bob', 10_000n));
    expect(effects.events).toEqual([{ type: 'points.awarded', member: 'bob', points: 10_000_000n }]);
    expect(view(state, 'ann').points).toBe(0n);
  });

  it('with supplyCap 0 grows the reserve while the price stays at issuePrice', () => {
    const state = stateAfter([order('ann', 10_000n)], { supplyCap: 0n });
    expect(state).toMatchObject({ reserve: 3_000n, supply: 0n, minted: 0n });
    expect(currentPrice(state)).toEqual({ num: 100n, den: 1_000_000n });
  });
});

describe('order rejections change nothing', () => {
  const base = () =>
    stateAfter([{ type: 'merchant', id: 'shop' }, order('ann', 10_000n), join('bob')], paramsWith());

  it.each([
    ['amount 0', order('ann', 0n)],
    ['a negative amount', order('ann', -1n)],
    ['a negative stable part', order('ann', 100n, { stable: -1n })],
    ['stable above the amount', order('ann', 100n, { stable: 101n })],
    ['a negative profit', order('ann', 100n, { profit: -1n })],
    ['profit above the amount', order('ann', 100n, { profit: 101n })],
  ])('refuses %s as INVALID_AMOUNT', (_name, command) => {
    expectRejected(base(), command, 'INVALID_AMOUNT');
  });

  it('refuses an unknown merchant, and a buyer or merchant of the wrong kind', () => {
    const state = base();
    expectRejected(state, { ...order('ann', 100n), merchant: 'nowhere' }, 'UNKNOWN_ACCOUNT');
    expectRejected(state, { ...order('ann', 100n), merchant: 'bob' }, 'WRONG_ACCOUNT_KIND');
    expectRejected(state, { ...order('ann', 100n), merchant: 'treasury' }, 'WRONG_ACCOUNT_KIND');
    expectRejected(state, order('shop', 100n), 'WRONG_ACCOUNT_KIND');
    expectRejected(state, order('platform', 100n), 'WRONG_ACCOUNT_KIND');
    expectRejected(state, order('treasury', 100n), 'WRONG_ACCOUNT_KIND');
  });

  it('refuses a stable part above what the buyer holds, and does not create an unknown buyer', () => {
    const state = base();
    expectRejected(state, order('ann', 100n, { stable: 1n }), 'INSUFFICIENT_STABLE');
    expectRejected(state, order('newcomer', 100n, { stable: 1n }), 'INSUFFICIENT_STABLE');
    expectRejected(state, { ...order('newcomer', 100n), merchant: 'nowhere' }, 'UNKNOWN_ACCOUNT');
    expect(state.accounts.has('newcomer')).toBe(false);
  });
});
