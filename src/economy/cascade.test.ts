/**
 * SPEC.md "Forced-exit cascade" (出局): who goes first, what an exit posts (CONTRACTS.md "forced
 * exit"), the lastPrice rule when it burns the last µpt, and that it stays off when exitEnabled is false.
 */
import { describe, expect, it } from 'vitest';
import { legs, plainEffects, stateAfter, view } from '../../test/support/economy.js';
import { applyCommand, currentPrice, type EconomyCommand } from './index.js';

const join = (member: string, referrer?: string): EconomyCommand =>
  referrer === undefined ? { type: 'join', member } : { type: 'join', member, referrer };
const order = (member: string, amount: bigint): EconomyCommand => ({ type: 'order', member, amount });

describe('forced-exit cascade', () => {
  it('sells out a buyer whose holdings reach the quota, clears the quota, and burns the last µpt at lastPrice', () => {
    // quotaMultiplier 0.1x: ann's quota is 1000 while her 21e6 µpt are worth the whole reserve, 3000.
    const state = stateAfter([], { quotaMultiplier: 1_000n });
    const effects = applyCommand(state, order('ann', 10_000n));
    // Exit: gross = 21e6 * 3000 / 21e6 = 3000, net = 2700; then the remaining quota 1000 goes back.
    expect(legs(effects)).toEqual([
      ['world:money', 'fen', -10_000n],
      ['reserve', 'fen', 3_000n],
      ['platform:sales', 'fen', 7_000n],
      ['world:mint', 'upt', -21_000_000n],
      ['ann:points', 'upt', 21_000_000n],
      ['world:quota', 'quota', -1_000n],
      ['ann:quota', 'quota', 1_000n],
      ['ann:points', 'upt', -21_000_000n],
      ['world:mint', 'upt', 21_000_000n],
      ['reserve', 'fen', -2_700n],
      ['ann:cash', 'fen', 2_700n],
      ['ann:quota', 'quota', -1_000n],
      ['world:quota', 'quota', 1_000n],
    ]);
    expect(effects.events).toEqual([
      { type: 'points.awarded', member: 'ann', points: 21_000_000n },
      { type: 'member.exited', member: 'ann', points: 21_000_000n, net: 2_700n },
    ]);
    expect(view(state, 'ann')).toMatchObject({ points: 0n, quota: 0n, cash: 2_700n, status: 'exited' });
    // The sale of the last µpt set lastPrice = reserve / supply before it: 3000 / 21e6.
    expect(state).toMatchObject({ reserve: 300n, supply: 0n, lastPrice: { num: 3_000n, den: 21_000_000n } });
    expect(currentPrice(state)).toEqual({ num: 3_000n, den: 21_000_000n });
  });

  it('sells out at value exactly equal to the quota, and keeps a holder one fen short of it', () => {
    // ann's 21e6 µpt are worth the whole reserve, 3000 fen. quotaMultiplier 3000 gives quota
    // 10000 * 3000 / 1e4 = 3000 = value (exit); 3001 gives 3001 > value (stay).
    const atQuota = stateAfter([order('ann', 10_000n)], { quotaMultiplier: 3_000n });
    expect(view(atQuota, 'ann')).toMatchObject({ points: 0n, status: 'exited' });
    const belowQuota = stateAfter([order('ann', 10_000n)], { quotaMultiplier: 3_001n });
    expect(view(belowQuota, 'ann')).toMatchObject({ points: 21_000_000n, quota: 3_001n, status: 'active' });
  });

  it('sells an exited referrer out again when referral points reach them, recording a new exit', () => {
    const state = stateAfter([join('ann'), join('bob', 'ann'), order('bob', 10_000n)]);
    expect(view(state, 'ann').status).toBe('exited');
    const effects = applyCommand(state, order('bob', 10_000n));
    const exits = effects.events.filter((e) => e.type === 'member.exited');
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ member: 'ann' });
    expect(view(state, 'ann')).toMatchObject({ points: 0n, quota: 0n, status: 'exited' });
  });

  it('takes holders lowest quota/points first, ties by id in UTF-8 byte order', () => {
    // Two referrers with points and no quota tie at ratio 0. In UTF-8, U+E000 sorts before U+1F600,
    // while JavaScript's string order puts U+1F600 (a surrogate pair) first.
    const astral = '\u{1F600}';
    const privateUse = '\uE000';
    const state = stateAfter(
      [
        join(astral),
        join(privateUse),
        join('b1', astral),
        join('b2', privateUse),
        order('b1', 10_000n),
        order('b2', 10_000n),
      ],
      { exitEnabled: false },
    );
    applyCommand(state, { type: 'params', params: { ...state.params, exitEnabled: true } });
    // A dividend run with an empty fund pays nothing but runs the cascade once.
    const effects = applyCommand(state, { type: 'dividends' });
    const exited = effects.events.flatMap((e) => (e.type === 'member.exited' ? [e.member] : []));
    expect(exited).toEqual([privateUse, astral]);
  });

  it('stops at the first holder whose holdings are worth less than their quota', () => {
    const state = stateAfter([join('ann'), join('bob', 'ann'), order('bob', 10_000n), order('cy', 10_000n)]);
    for (const id of ['bob', 'cy']) {
      const { points, quota } = view(state, id);
      expect(points * state.reserve < quota * state.supply, `${id} stays`).toBe(true);
      expect(view(state, id).status).toBe('active');
    }
  });

  it('does nothing when exitEnabled is false, and a later params change does not run it either', () => {
    const state = stateAfter([join('ann'), join('bob', 'ann'), order('bob', 10_000n)], {
      exitEnabled: false,
    });
    expect(view(state, 'ann')).toMatchObject({ points: 3_000_000n, quota: 0n, status: 'active' });
    const effects = applyCommand(state, { type: 'params', params: { ...state.params, exitEnabled: true } });
    expect(plainEffects(effects)).toEqual({
      postings: [],
      events: [{ type: 'params.changed', version: 2n }],
    });
    expect(view(state, 'ann').points).toBe(3_000_000n);
    // The next operation that runs the cascade sells her out.
    const sale = applyCommand(state, { type: 'sell', member: 'bob', points: 1n });
    expect(sale.events.map((e) => e.type)).toEqual(['points.sold', 'member.exited']);
  });

  it('never sells merchants or the treasury, whatever they hold', () => {
    const state = stateAfter([
      { type: 'merchant', id: 'shop' },
      order('ann', 10_000n),
      { type: 'convert', member: 'ann', points: 7_000_000n },
      { type: 'order', member: 'ann', amount: 1_000n, stable: 1_000n, merchant: 'shop' },
      { type: 'settle', merchant: 'shop', stable: 500n },
    ]);
    // shop got 500 / (3000 / 21e6) = 3.5e6 µpt of the treasury's 7e6. Neither has quota, yet both keep
    // their points through an operation that runs the cascade.
    applyCommand(state, order('ann', 1n));
    expect(view(state, 'shop').points).toBe(3_500_000n);
    expect(view(state, 'treasury').points).toBe(3_500_000n);
    expect(view(state, 'shop').status).toBe('active');
  });
});
