import { describe, expect, it } from 'vitest';
import { account, legs, stateAfter } from '../../test/support/economy.js';
import { applyCommand } from './engine.js';
import { EconomyError } from './errors.js';
import type { EconomyCommand } from './types.js';

const order = (member: string, amount: bigint): EconomyCommand => ({ type: 'order', member, amount });
const hold = (cash: bigint, stable: bigint, via: 'money' | 'balance'): EconomyCommand => ({
  type: 'hold',
  member: 'ann',
  cash,
  stable,
  via,
});

function rejects(command: EconomyCommand, state: ReturnType<typeof stateAfter>, code: string): void {
  expect(() => applyCommand(state, command)).toThrow(EconomyError);
  try {
    applyCommand(state, command);
  } catch (error) {
    expect((error as EconomyError).code).toBe(code);
  }
}

describe('the mall payment commands', () => {
  it('hold a gateway payment from the world and a stable part from the buyer', () => {
    const state = stateAfter([order('ann', 10_000n), { type: 'convert', member: 'ann', points: 1_000_000n }]);
    const stable = account(state, 'ann').stable;
    const effects = applyCommand(state, hold(900n, 100n, 'money'));
    expect(legs(effects)).toEqual([
      ['world:money', 'fen', -900n],
      ['ann:held', 'fen', 900n],
      ['ann:stable', 'stable', -100n],
      ['ann:held', 'stable', 100n],
    ]);
    expect(effects.events).toEqual([{ type: 'payment.held', member: 'ann', cash: 900n, stable: 100n }]);
    expect(account(state, 'ann')).toMatchObject({ heldFen: 900n, heldStable: 100n, stable: stable - 100n });
  });

  it('hold a balance payment from the cash balance, and refuse more than is there', () => {
    const state = stateAfter([order('ann', 10_000n), { type: 'sell', member: 'ann', points: 'all' }]);
    const cash = account(state, 'ann').cash;
    expect(cash > 0n).toBe(true);
    rejects(hold(cash + 1n, 0n, 'balance'), state, 'INSUFFICIENT_CASH');
    rejects(hold(0n, 1n, 'balance'), state, 'INSUFFICIENT_STABLE');
    rejects(hold(0n, 0n, 'balance'), state, 'INVALID_AMOUNT');
    expect(legs(applyCommand(state, hold(cash, 0n, 'balance')))).toEqual([
      ['ann:cash', 'fen', -cash],
      ['ann:held', 'fen', cash],
    ]);
    expect(account(state, 'ann')).toMatchObject({ cash: 0n, heldFen: cash });
  });

  it('release a refund back where it came from, never more than is held', () => {
    const state = stateAfter([order('ann', 10_000n), hold(5_000n, 0n, 'money')]);
    rejects(
      { type: 'release', member: 'ann', cash: 5_001n, stable: 0n, via: 'money' },
      state,
      'INSUFFICIENT_HELD',
    );
    const effects = applyCommand(state, {
      type: 'release',
      member: 'ann',
      cash: 5_000n,
      stable: 0n,
      via: 'money',
    });
    expect(legs(effects)).toEqual([
      ['ann:held', 'fen', -5_000n],
      ['world:money', 'fen', 5_000n],
    ]);
    expect(account(state, 'ann').heldFen).toBe(0n);
  });

  it('refuse an order paid from held balances that were never held', () => {
    const state = stateAfter([order('ann', 10_000n), hold(500n, 0n, 'money')]);
    rejects({ type: 'order', member: 'ann', amount: 1_000n, paidFrom: 'held' }, state, 'INSUFFICIENT_HELD');
    applyCommand(state, { type: 'order', member: 'ann', amount: 500n, paidFrom: 'held' });
    expect(account(state, 'ann').heldFen).toBe(0n);
  });

  it('refuse members that are not consumers', () => {
    const state = stateAfter([{ type: 'merchant', id: 'shop' }]);
    rejects({ ...hold(1n, 0n, 'money'), member: 'shop' } as EconomyCommand, state, 'WRONG_ACCOUNT_KIND');
    rejects({ ...hold(1n, 0n, 'money'), member: 'nobody' } as EconomyCommand, state, 'UNKNOWN_ACCOUNT');
  });
});

describe('withdrawals and merchant payouts', () => {
  it('withdraw cash into held, then pay it out to the world or return it, never more than there is', () => {
    // ann sells all her points: cash to withdraw.
    const state = stateAfter([order('ann', 10_000n), { type: 'sell', member: 'ann', points: 'all' }]);
    const cash = account(state, 'ann').cash;
    expect(cash).toBeGreaterThan(0n);
    const withdraw = (type: 'withdraw' | 'pay-withdrawal' | 'return-withdrawal', amount: bigint) =>
      ({ type, account: 'ann', cash: amount }) as EconomyCommand;
    rejects(withdraw('withdraw', cash + 1n), state, 'INSUFFICIENT_CASH');
    rejects(withdraw('withdraw', 0n), state, 'INVALID_AMOUNT');
    const held = applyCommand(state, withdraw('withdraw', 300n));
    expect(legs(held)).toEqual([
      ['ann:cash', 'fen', -300n],
      ['ann:held', 'fen', 300n],
    ]);
    expect(held.events).toEqual([{ type: 'withdrawal.requested', account: 'ann', cash: 300n }]);
    expect(account(state, 'ann')).toMatchObject({ cash: cash - 300n, heldFen: 300n });
    rejects(withdraw('pay-withdrawal', 301n), state, 'INSUFFICIENT_HELD');
    const paid = applyCommand(state, withdraw('pay-withdrawal', 200n));
    expect(legs(paid)).toEqual([
      ['ann:held', 'fen', -200n],
      ['world:money', 'fen', 200n],
    ]);
    expect(paid.events).toEqual([{ type: 'withdrawal.paid', account: 'ann', cash: 200n }]);
    const returned = applyCommand(state, withdraw('return-withdrawal', 100n));
    expect(legs(returned)).toEqual([
      ['ann:held', 'fen', -100n],
      ['ann:cash', 'fen', 100n],
    ]);
    expect(account(state, 'ann')).toMatchObject({ cash: cash - 200n, heldFen: 0n });
    expect(state.totals.withdrawalsPaid).toBe(200n);
  });

  it('pay a merchant what its orders earned (<m>:sales), never more', () => {
    const state = stateAfter([
      { type: 'merchant', id: 'shop' },
      { type: 'order', member: 'ann', amount: 10_000n, merchant: 'shop' },
    ]);
    // 10,000 fen of cash, 3,000 to the reserve: the mall owes the merchant 7,000.
    expect(account(state, 'shop').sales).toBe(7_000n);
    rejects({ type: 'payout', merchant: 'shop', cash: 7_001n }, state, 'INSUFFICIENT_SALES');
    rejects({ type: 'payout', merchant: 'ann', cash: 1n }, state, 'WRONG_ACCOUNT_KIND');
    const effects = applyCommand(state, { type: 'payout', merchant: 'shop', cash: 7_000n });
    expect(legs(effects)).toEqual([
      ['shop:sales', 'fen', -7_000n],
      ['world:money', 'fen', 7_000n],
    ]);
    expect(effects.events).toEqual([{ type: 'payout.paid', merchant: 'shop', cash: 7_000n }]);
    expect(account(state, 'shop').sales).toBe(0n);
  });
});
