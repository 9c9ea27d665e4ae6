/**
 * SPEC.md "Parameters" and CONTRACTS.md "Parameters": the defaults, every range, scenario-style input,
 * and the params command (a new version, a cap not below minted, issuePrice only before the first mint).
 */
import { describe, expect, it } from 'vitest';
import {
  expectRejected,
  paramsWith,
  plainEffects,
  snapshot,
  stateAfter,
} from '../../test/support/economy.js';
import {
  applyCommand,
  createState,
  currentPrice,
  DEFAULT_PARAMS,
  type EconomyParams,
  PARAM_NAMES,
  paramsFromInput,
  validateParams,
} from './index.js';

const RATES = [
  'reserveRate',
  'awardRate',
  'referralRate',
  'sellFeeRate',
  'convertFeeRate',
  'dividendRate',
] as const;

function invalidParamsCode(params: EconomyParams): string | undefined {
  try {
    validateParams(params);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('parameters', () => {
  it('default to the founding example, as SPEC.md lists them', () => {
    expect(DEFAULT_PARAMS).toEqual({
      issuePrice: 100n,
      reserveRate: 3000n,
      awardRate: 7000n,
      referralRate: 1000n,
      sellFeeRate: 1000n,
      convertFeeRate: 0n,
      quotaMultiplier: 20000n,
      dividendRate: 3000n,
      supplyCap: 100_000_000_000_000n,
      exitEnabled: true,
    });
    expect([...PARAM_NAMES].sort()).toEqual(Object.keys(DEFAULT_PARAMS).sort());
  });

  it.each(RATES)('accept %s at 0 and 10000 and refuse it outside', (name) => {
    // awardRate + referralRate must stay <= 10000, so the other of the pair is set to 0 here.
    const partner =
      name === 'awardRate' ? { referralRate: 0n } : name === 'referralRate' ? { awardRate: 0n } : {};
    for (const ok of [0n, 10_000n])
      expect(invalidParamsCode(paramsWith({ ...partner, [name]: ok }))).toBeUndefined();
    for (const bad of [-1n, 10_001n]) {
      expect(invalidParamsCode(paramsWith({ ...partner, [name]: bad })), `${name} ${bad}`).toBe(
        'INVALID_PARAMS',
      );
    }
  });

  it('refuse awardRate + referralRate above 10000', () => {
    expect(invalidParamsCode(paramsWith({ awardRate: 9_000n, referralRate: 1_000n }))).toBeUndefined();
    expect(invalidParamsCode(paramsWith({ awardRate: 9_001n, referralRate: 1_000n }))).toBe('INVALID_PARAMS');
  });

  it('refuse issuePrice below 1 and a negative quotaMultiplier or supplyCap', () => {
    expect(
      invalidParamsCode(paramsWith({ issuePrice: 1n, quotaMultiplier: 0n, supplyCap: 0n })),
    ).toBeUndefined();
    for (const bad of [
      { issuePrice: 0n },
      { issuePrice: -1n },
      { quotaMultiplier: -1n },
      { supplyCap: -1n },
    ]) {
      expect(invalidParamsCode(paramsWith(bad)), JSON.stringify(Object.keys(bad))).toBe('INVALID_PARAMS');
    }
  });

  it('refuse an exitEnabled that is not a boolean, even past the type system', () => {
    const params = { ...paramsWith(), exitEnabled: 'true' } as unknown as EconomyParams;
    expect(invalidParamsCode(params)).toBe('INVALID_PARAMS');
    expect(() => createState(params)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
  });
});

describe('paramsFromInput', () => {
  it('merges given names over the base, integers as safe JSON numbers or decimal strings', () => {
    const params = paramsFromInput({
      referralRate: 500,
      supplyCap: '123456789012345678901',
      exitEnabled: false,
    });
    expect(params).toEqual({
      ...DEFAULT_PARAMS,
      referralRate: 500n,
      supplyCap: 123_456_789_012_345_678_901n,
      exitEnabled: false,
    });
  });

  it.each([
    ['an unknown name', { sellFee: 1 }],
    ['a rate out of range', { sellFeeRate: 10_001 }],
    ['a fraction', { issuePrice: 1.5 }],
    ['an unsafe JSON number', { supplyCap: 2 ** 53 }],
    ['exponent notation in a string', { issuePrice: '1e3' }],
    ['a non-boolean exitEnabled', { exitEnabled: 'false' }],
    ['a numeric exitEnabled', { exitEnabled: 1 }],
    ['a boolean where an integer belongs', { issuePrice: true }],
    ['an array instead of an object', []],
    ['null', null],
  ])('refuses %s as a whole', (_name, input) => {
    expect(() => paramsFromInput(input)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
  });
});

describe('the params command', () => {
  it('creates the next version, moves nothing, and governs the commands after it', () => {
    const state = createState();
    const effects = applyCommand(state, { type: 'params', params: paramsWith({ reserveRate: 5_000n }) });
    expect(plainEffects(effects)).toEqual({
      postings: [],
      events: [{ type: 'params.changed', version: 2n }],
    });
    expect(state.paramsVersion).toBe(2n);
    applyCommand(state, { type: 'order', member: 'ann', amount: 10_000n });
    // C = 10000 * 5000 / 1e4 under the new version.
    expect(state.reserve).toBe(5_000n);
  });

  it('refuses bad parameters as a whole, changing nothing', () => {
    const state = stateAfter([{ type: 'order', member: 'ann', amount: 10_000n }]);
    expectRejected(state, { type: 'params', params: paramsWith({ awardRate: 10_000n }) }, 'INVALID_PARAMS');
    expectRejected(state, { type: 'params', params: paramsWith({ issuePrice: 0n }) }, 'INVALID_PARAMS');
  });

  it('refuses a cap below what was minted, and accepts one equal to it', () => {
    const state = stateAfter([{ type: 'order', member: 'ann', amount: 10_000n }]);
    expect(state.minted).toBe(21_000_000n);
    expectRejected(
      state,
      { type: 'params', params: paramsWith({ supplyCap: 20_999_999n }) },
      'CAP_BELOW_MINTED',
    );
    applyCommand(state, { type: 'params', params: paramsWith({ supplyCap: 21_000_000n }) });
    expect(state.params.supplyCap).toBe(21_000_000n);
  });

  it('sets the price from a new issuePrice only while nothing has been minted', () => {
    const state = createState();
    applyCommand(state, { type: 'params', params: paramsWith({ issuePrice: 250n }) });
    expect(currentPrice(state)).toEqual({ num: 250n, den: 1_000_000n });
    applyCommand(state, { type: 'order', member: 'ann', amount: 10_000n });
    // a = 2100 * 1e6 / 250 = 8.4e6 µpt at the new issue price.
    expect(state.supply).toBe(8_400_000n);
    const priceAfterMint = currentPrice(state);
    applyCommand(state, { type: 'params', params: paramsWith({ issuePrice: 1n }) });
    expect(currentPrice(state)).toEqual(priceAfterMint);
  });

  it('leaves lastPrice alone once points were minted, even when none exist any more', () => {
    const state = stateAfter([
      { type: 'order', member: 'ann', amount: 10_000n },
      { type: 'sell', member: 'ann', points: 'all' },
    ]);
    const before = snapshot(state).lastPrice;
    applyCommand(state, { type: 'params', params: paramsWith({ issuePrice: 999n }) });
    expect(state.lastPrice).toEqual(before);
    expect(currentPrice(state)).toEqual({ num: 3_000n, den: 21_000_000n });
  });
});
