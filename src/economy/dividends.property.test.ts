/**
 * SPEC.md "dividends()" against a plain reference implementation of its four steps, over random
 * holders: tied ratios, ids whose UTF-8 and UTF-16 orders differ, and balances and funds beyond 64 bits
 * (the engine takes faster paths for values that fit). Exits are off so that only the payouts show.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paramsWith, plainEffects, view } from '../../test/support/economy.js';
import { applyCommand, createState, type EconomyState } from './index.js';
import { addAccount } from './state.js';

interface HolderSpec {
  readonly id: string;
  readonly points: bigint;
  readonly quota: bigint;
  readonly exited: boolean;
}

const utf8Compare = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** SPEC.md steps 1-4, written as plainly as possible: [id, payout] for each payout > 0, in sorted order. */
function referencePayouts(holders: readonly HolderSpec[], fundFen: bigint): [string, bigint][] {
  const eligible = holders.filter((h) => !h.exited && h.points > 0n && h.quota > 0n);
  eligible.sort((a, b) => {
    const difference = a.quota * b.points - b.quota * a.points;
    return difference !== 0n ? (difference < 0n ? -1 : 1) : utf8Compare(a.id, b.id);
  });
  const payout = new Map<string, bigint>();
  let fund = fundFen;
  let weight = eligible.reduce((sum, h) => sum + h.points, 0n);
  let next = 0;
  for (; next < eligible.length; next++) {
    const h = eligible[next]!;
    if (h.quota * weight > fund * h.points) break;
    payout.set(h.id, h.quota);
    fund -= h.quota;
    weight -= h.points;
  }
  const rest = eligible.slice(next);
  const remainders = rest.map((h) => ({
    id: h.id,
    remainder: weight === 0n ? 0n : (fund * h.points) % weight,
  }));
  // What the floor shares leave goes one fen each by largest remainder; with no one left, it stays.
  let left = rest.length === 0 ? 0n : fund;
  for (const h of rest) {
    const share = (fund * h.points) / weight;
    payout.set(h.id, share);
    left -= share;
  }
  remainders.sort((a, b) =>
    a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : utf8Compare(a.id, b.id),
  );
  for (let k = 0n; k < left; k++) {
    const { id } = remainders[Number(k)]!;
    payout.set(id, payout.get(id)! + 1n);
  }
  return eligible.flatMap((h) =>
    payout.get(h.id)! > 0n ? [[h.id, payout.get(h.id)!] as [string, bigint]] : [],
  );
}

/** A state holding exactly these consumers (nothing else holds points) and this dividend fund. */
function stateWith(holders: readonly HolderSpec[], fundFen: bigint): EconomyState {
  const state = createState(paramsWith({ exitEnabled: false }));
  for (const spec of holders) {
    const created = addAccount(state, spec.id, 'consumer', undefined);
    created.points = spec.points;
    created.quota = spec.quota;
    if (spec.exited) created.status = 'exited';
    state.holders.update(created);
    state.supply += spec.points;
  }
  state.minted = state.supply;
  state.reserve = state.supply;
  state.dividendFund = fundFen;
  return state;
}

const ID_UNITS = ['a', 'b', 'z', '\uE000', '\uFFFD', '\u{1F600}', '\u{10000}'];
const id = fc.string({ unit: fc.constantFrom(...ID_UNITS), minLength: 1, maxLength: 3 });
const wide = (max: bigint) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.bigInt({ min: 1n, max: 6n }) },
    { weight: 3, arbitrary: fc.bigInt({ min: 1n, max }) },
    { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 62n, max: 2n ** 80n }) },
  );
const holderSpec = fc.record({
  id,
  points: fc.oneof({ weight: 1, arbitrary: fc.constant(0n) }, { weight: 9, arbitrary: wide(10_000_000n) }),
  quota: fc.oneof({ weight: 1, arbitrary: fc.constant(0n) }, { weight: 9, arbitrary: wide(100_000n) }),
  exited: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 4, arbitrary: fc.constant(false) }),
});
const holderSpecs = fc.uniqueArray(holderSpec, { selector: (h) => h.id, maxLength: 30 });
const fund = fc.oneof(
  fc.bigInt({ min: 0n, max: 50n }),
  fc.bigInt({ min: 0n, max: 10_000_000n }),
  fc.bigInt({ min: 0n, max: 2n ** 90n }),
);

describe('dividends against a reference water-filling', () => {
  it('pays exactly the reference payouts, posts them in sorted order and records the run', () => {
    fc.assert(
      fc.property(holderSpecs, fund, (holders, fundFen) => {
        const state = stateWith(holders, fundFen);
        const expected = referencePayouts(holders, fundFen);
        const paid = expected.reduce((sum, [, x]) => sum + x, 0n);

        const effects = plainEffects(applyCommand(state, { type: 'dividends' }));
        expect(effects.postings.map((p) => [p.account, p.asset, p.amount])).toEqual(
          expected.flatMap(([holder, x]) => [
            ['dividend-fund', 'fen', -x],
            [`${holder}:cash`, 'fen', x],
            [`${holder}:quota`, 'quota', -x],
            ['world:quota', 'quota', x],
          ]),
        );
        expect(effects.events).toEqual([
          { type: 'dividends.ran', paid, holders: BigInt(expected.length), left: fundFen - paid },
        ]);
        expect(state.dividendFund).toBe(fundFen - paid);
        const payouts = new Map(expected);
        for (const h of holders) {
          const x = payouts.get(h.id) ?? 0n;
          expect(view(state, h.id)).toMatchObject({ cash: x, quota: h.quota - x, points: h.points });
          expect(x <= h.quota).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
