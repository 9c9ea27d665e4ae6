/**
 * SPEC.md "Units" and "Price": P = reserve / supply as an exact rational (lastPrice while no point
 * exists), shown to people as yuan per point rounded half-up to 4 decimals, and printed by
 * `simulate --json` as fen per point floored to 6 decimals.
 */
import { describe, expect, it } from 'vitest';
import { stateAfter } from '../../test/support/economy.js';
import { createState, currentPrice, formatFenPerPoint, formatScaled, formatYuanPerPoint } from './index.js';

describe('currentPrice', () => {
  it('is issuePrice / 1e6 fen per µpt before anything is minted', () => {
    expect(currentPrice(createState())).toEqual({ num: 100n, den: 1_000_000n });
  });

  it('is reserve / supply while points exist, unreduced', () => {
    const state = stateAfter([{ type: 'order', member: 'ann', amount: 10_000n }]);
    expect(currentPrice(state)).toEqual({ num: 3_000n, den: 21_000_000n });
  });
});

describe('price formats', () => {
  it("shows the founding example's first price, 3000 fen for 21 points, as 1.4286 yuan", () => {
    // 3000 / 21e6 fen per µpt = 142.857142857... fen per point.
    const price = { num: 3_000n, den: 21_000_000n };
    expect(formatYuanPerPoint(price)).toBe('1.4286');
    expect(formatFenPerPoint(price)).toBe('142.857142');
  });

  it('rounds yuan half-up and floors fen', () => {
    // 20001 / 2e8 fen per µpt = 100.005 fen per point = 1.00005 yuan: exactly half at the 5th decimal.
    expect(formatYuanPerPoint({ num: 20_001n, den: 200_000_000n })).toBe('1.0001');
    expect(formatFenPerPoint({ num: 20_001n, den: 200_000_000n })).toBe('100.005000');
    // 200009 / 2e9 fen per µpt = 1.000045 yuan: just below half rounds down.
    expect(formatYuanPerPoint({ num: 200_009n, den: 2_000_000_000n })).toBe('1.0000');
    // 2/3 fen per µpt = 666666.666666666... fen per point: floored, not rounded up.
    expect(formatFenPerPoint({ num: 2n, den: 3n })).toBe('666666.666666');
    expect(formatFenPerPoint({ num: 1n, den: 1_000_000_000_000n - 1n })).toBe('0.000001');
  });

  it('prints the issue price of a fresh state as 1.0000 yuan and 100.000000 fen', () => {
    const price = currentPrice(createState());
    expect(formatYuanPerPoint(price)).toBe('1.0000');
    expect(formatFenPerPoint(price)).toBe('100.000000');
  });

  it('formats scaled integers with their implied decimals', () => {
    expect(formatScaled(12_345n, 2)).toBe('123.45');
    expect(formatScaled(5n, 2)).toBe('0.05');
    expect(formatScaled(-12_345n, 2)).toBe('-123.45');
    expect(formatScaled(7n, 0)).toBe('7');
    expect(formatScaled(0n, 6)).toBe('0.000000');
  });
});
