/**
 * SPEC.md "State", "join" and "merchant": the accounts that always exist, new consumers and merchants,
 * and every rejection (a rejected command changes nothing).
 */
import { describe, expect, it } from 'vitest';
import { expectRejected, plainEffects, stateAfter, view } from '../../test/support/economy.js';
import { applyCommand, createState, type EconomyCommand } from './index.js';

const join = (member: string, referrer?: string): EconomyCommand =>
  referrer === undefined ? { type: 'join', member } : { type: 'join', member, referrer };
const empty = { points: 0n, stable: 0n, cash: 0n, quota: 0n, status: 'active' } as const;

describe('a new state', () => {
  it('holds the merchant platform and the treasury, and nothing else', () => {
    const state = createState();
    expect([...state.accounts.keys()].sort()).toEqual(['platform', 'treasury']);
    expect(view(state, 'platform')).toEqual({ kind: 'merchant', referrer: undefined, ...empty });
    expect(view(state, 'treasury')).toEqual({ kind: 'treasury', referrer: undefined, ...empty });
    expect(state).toMatchObject({ reserve: 0n, supply: 0n, minted: 0n, burned: 0n, dividendFund: 0n });
  });
});

describe('join', () => {
  it('creates an active consumer with nothing in it and records the join', () => {
    const state = createState();
    const effects = applyCommand(state, join('ann'));
    expect(plainEffects(effects)).toEqual({
      postings: [],
      events: [{ type: 'member.joined', member: 'ann' }],
    });
    expect(view(state, 'ann')).toEqual({ kind: 'consumer', referrer: undefined, ...empty });
  });

  it('fixes the referrer at join, naming it in the event', () => {
    const state = stateAfter([join('ann')]);
    const effects = applyCommand(state, join('bob', 'ann'));
    expect(effects.events).toEqual([{ type: 'member.joined', member: 'bob', referrer: 'ann' }]);
    expect(view(state, 'bob').referrer).toBe('ann');
  });

  it('accepts a referrer of any status, an exited one included', () => {
    const state = stateAfter([
      join('ann'),
      join('bob', 'ann'),
      { type: 'order', member: 'bob', amount: 10_000n },
    ]);
    expect(view(state, 'ann').status).toBe('exited');
    applyCommand(state, join('cy', 'ann'));
    expect(view(state, 'cy').referrer).toBe('ann');
  });

  it('refuses an id that exists, of any kind', () => {
    const state = stateAfter([join('ann'), { type: 'merchant', id: 'shop' }]);
    for (const id of ['ann', 'shop', 'platform', 'treasury'])
      expectRejected(state, join(id), 'ACCOUNT_EXISTS');
    expectRejected(state, join('ann', 'ann'), 'ACCOUNT_EXISTS');
  });

  it('refuses self-referral, an unknown referrer and a referrer that is not a consumer', () => {
    const state = stateAfter([join('ann'), { type: 'merchant', id: 'shop' }]);
    expectRejected(state, join('bob', 'bob'), 'INVALID_REFERRER');
    expectRejected(state, join('bob', 'nobody'), 'INVALID_REFERRER');
    expectRejected(state, join('bob', 'shop'), 'INVALID_REFERRER');
    expectRejected(state, join('bob', 'platform'), 'INVALID_REFERRER');
    expectRejected(state, join('bob', 'treasury'), 'INVALID_REFERRER');
    expect(state.accounts.has('bob')).toBe(false);
  });
});

describe('merchant', () => {
  it('creates a merchant with nothing in it and records it', () => {
    const state = createState();
    const effects = applyCommand(state, { type: 'merchant', id: 'shop' });
    expect(plainEffects(effects)).toEqual({
      postings: [],
      events: [{ type: 'merchant.created', merchant: 'shop' }],
    });
    expect(view(state, 'shop')).toEqual({ kind: 'merchant', referrer: undefined, ...empty });
  });

  it('refuses an id that exists, of any kind', () => {
    const state = stateAfter([join('ann'), { type: 'merchant', id: 'shop' }]);
    for (const id of ['ann', 'shop', 'platform', 'treasury']) {
      expectRejected(state, { type: 'merchant', id }, 'ACCOUNT_EXISTS');
    }
  });
});
