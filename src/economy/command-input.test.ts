/**
 * SPEC.md "Scenario files": commands as JSON writes them. Exactly the fields of SPEC's example per
 * type, integers as safe JSON integers or decimal strings, `all` kept for sell and convert. Malformed
 * input is a CommandInputError; what the rules decide (amounts, balances) is left to the engine.
 */
import { describe, expect, it } from 'vitest';
import { paramsWith } from '../../test/support/economy.js';
import { COMMAND_FIELDS, CommandInputError, commandFromInput, DEFAULT_PARAMS } from './index.js';

describe('commandFromInput', () => {
  it("reads every command type of SPEC.md's scenario example", () => {
    expect(commandFromInput({ type: 'join', member: 'ann' })).toEqual({ type: 'join', member: 'ann' });
    expect(commandFromInput({ type: 'join', member: 'bob', referrer: 'ann' })).toEqual({
      type: 'join',
      member: 'bob',
      referrer: 'ann',
    });
    expect(commandFromInput({ type: 'merchant', id: 'shop1' })).toEqual({ type: 'merchant', id: 'shop1' });
    expect(
      commandFromInput({ type: 'order', member: 'bob', amount: 10000, profit: 2000, merchant: 'shop1' }),
    ).toEqual({ type: 'order', member: 'bob', amount: 10_000n, profit: 2_000n, merchant: 'shop1' });
    expect(commandFromInput({ type: 'order', member: 'bob', amount: '5000', stable: 50 })).toEqual({
      type: 'order',
      member: 'bob',
      amount: 5_000n,
      stable: 50n,
    });
    expect(commandFromInput({ type: 'convert', member: 'bob', points: 1000000 })).toEqual({
      type: 'convert',
      member: 'bob',
      points: 1_000_000n,
    });
    expect(commandFromInput({ type: 'settle', merchant: 'shop1', stable: 50 })).toEqual({
      type: 'settle',
      merchant: 'shop1',
      stable: 50n,
    });
    expect(commandFromInput({ type: 'dividends' })).toEqual({ type: 'dividends' });
    expect(commandFromInput({ type: 'sell', member: 'bob', points: 'all' })).toEqual({
      type: 'sell',
      member: 'bob',
      points: 'all',
    });
  });

  it('leaves out optional fields given as null, and keeps integers beyond 2^53 written as strings', () => {
    expect(
      commandFromInput({ type: 'order', member: 'a', amount: '90071992547409930', stable: null }),
    ).toEqual({
      type: 'order',
      member: 'a',
      amount: 90_071_992_547_409_930n,
    });
  });

  it('passes negative and zero amounts on, for the rules to refuse', () => {
    expect(commandFromInput({ type: 'sell', member: 'a', points: '-5' })).toEqual({
      type: 'sell',
      member: 'a',
      points: -5n,
    });
    expect(commandFromInput({ type: 'settle', merchant: 'm', stable: 0 })).toMatchObject({ stable: 0n });
  });

  it.each([
    ['a non-object', 'join'],
    ['an array', [{ type: 'dividends' }]],
    ['an unknown type', { type: 'refund', member: 'a' }],
    ['a missing type', { member: 'a' }],
    ['an extra field', { type: 'dividends', member: 'a' }],
    ['sell naming its account "account"', { type: 'sell', account: 'a', points: 1 }],
    ['a missing required field', { type: 'order', member: 'a' }],
    ['a required field given as null', { type: 'merchant', id: null }],
    ['an empty id', { type: 'join', member: '' }],
    ['a numeric id', { type: 'join', member: 7 }],
    ['a fractional amount', { type: 'order', member: 'a', amount: 10.5 }],
    ['an unsafe JSON integer', { type: 'order', member: 'a', amount: 2 ** 53 }],
    ['exponent notation in a string', { type: 'order', member: 'a', amount: '5e3' }],
    ['a decimal point in a string', { type: 'order', member: 'a', amount: '5000.0' }],
    ['a boolean amount', { type: 'settle', merchant: 'm', stable: true }],
    ['"ALL" in capitals', { type: 'convert', member: 'a', points: 'ALL' }],
    ['a params command missing names', { type: 'params', params: { issuePrice: 5 } }],
  ])('refuses %s as malformed input', (_name, input) => {
    expect(() => commandFromInput(input)).toThrow(CommandInputError);
  });

  it('accepts names the caller says to ignore, such as an idempotency key', () => {
    expect(commandFromInput({ type: 'dividends', key: 'k1' }, { ignored: ['key'] })).toEqual({
      type: 'dividends',
    });
  });

  it('reads a params command whole, or partial over a base', () => {
    const full = Object.fromEntries(
      Object.entries(DEFAULT_PARAMS).map(([name, value]) => [
        name,
        typeof value === 'bigint' ? value.toString() : value,
      ]),
    );
    expect(commandFromInput({ type: 'params', params: { ...full, sellFeeRate: 500 } })).toEqual({
      type: 'params',
      params: paramsWith({ sellFeeRate: 500n }),
    });
    const base = paramsWith({ exitEnabled: false });
    expect(commandFromInput({ type: 'params', params: { sellFeeRate: 0 } }, { paramsBase: base })).toEqual({
      type: 'params',
      params: { ...base, sellFeeRate: 0n },
    });
  });

  it('refuses parameter values the rules forbid as INVALID_PARAMS', () => {
    const input = { type: 'params', params: { awardRate: 9_500 } };
    expect(() => commandFromInput(input, { paramsBase: DEFAULT_PARAMS })).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMS' }),
    );
  });

  it("knows exactly the fields of SPEC.md's scenario example", () => {
    expect(COMMAND_FIELDS).toEqual({
      join: { required: ['member'], optional: ['referrer'] },
      merchant: { required: ['id'], optional: [] },
      order: { required: ['member', 'amount'], optional: ['stable', 'profit', 'merchant'] },
      sell: { required: ['member', 'points'], optional: [] },
      convert: { required: ['member', 'points'], optional: [] },
      settle: { required: ['merchant', 'stable'], optional: [] },
      dividends: { required: [], optional: [] },
      params: { required: ['params'], optional: [] },
    });
  });
});
