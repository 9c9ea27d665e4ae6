/**
 * SPEC.md "dividends()" (分红): who is eligible, water-filling with whole quotas first, floor shares,
 * the leftover fen by largest remainder (ties by UTF-8 id order), postings in sorted order, and the
 * cascade that follows.
 */
import { describe, expect, it } from 'vitest';
import { legs, plainEffects, stateAfter, view } from '../../test/support/economy.js';
import { waterFill } from './dividends.js';
import { type Account, applyCommand, createState, type EconomyCommand } from './index.js';
import { addAccount } from './state.js';

/** SPEC.md step 1's order, written independently: quota/points ascending, ties by UTF-8 bytes of the id. */
function specOrder(a: Account, b: Account): number {
  const difference = a.quota * b.points - b.quota * a.points;
  if (difference !== 0n) return difference < 0n ? -1 : 1;
  return Buffer.compare(Buffer.from(a.id, 'utf8'), Buffer.from(b.id, 'utf8'));
}

/** waterFill over bare consumer accounts with these points and quotas, as an id -> payout map. */
function payouts(
  holders: [id: string, points: bigint, quota: bigint][],
  fundFen: bigint,
): Record<string, bigint> {
  const state = createState();
  const accounts = holders.map(([id, points, quota]) => {
    const created = addAccount(state, id, 'consumer', undefined);
    created.points = points;
    created.quota = quota;
    return created;
  });
  accounts.sort(specOrder);
  const paid = waterFill(accounts, fundFen);
  return Object.fromEntries(accounts.map((a, i) => [a.id, paid[i]!]));
}

describe('waterFill', () => {
  it('pays whole quotas while the fund covers them pro rata, then floor shares, then the largest remainder', () => {
    // Sorted by quota/points: x (1/1), z (100/6), y (100/3). F = 20, W = 10.
    // x: 1 * 10 <= 20 * 1, so x gets its whole quota 1; F = 19, W = 9.
    // z: 100 * 9 > 19 * 6, so the walk stops. z: 19 * 6 / 9 = 12 rem 6; y: 19 * 3 / 9 = 6 rem 3.
    // 18 paid, L = 1 fen left, which goes to the largest remainder, z.
    const result = payouts(
      [
        ['y', 3n, 100n],
        ['x', 1n, 1n],
        ['z', 6n, 100n],
      ],
      20n,
    );
    expect(result).toEqual({ x: 1n, z: 13n, y: 6n });
  });

  it('breaks remainder ties by id in UTF-8 byte order, not JavaScript string order', () => {
    // Three equal holders: 11 * 1 / 3 = 3 rem 2 each, L = 2. UTF-8 puts U+E000 before U+1F600,
    // while JavaScript's `<` puts the surrogate pair of U+1F600 first.
    const astral = '\u{1F600}';
    const privateUse = '\uE000';
    expect(astral < privateUse).toBe(true);
    const result = payouts(
      [
        [astral, 1n, 100n],
        [privateUse, 1n, 100n],
        ['a', 1n, 100n],
      ],
      11n,
    );
    expect(result).toEqual({ a: 4n, [privateUse]: 4n, [astral]: 3n });
  });

  it('pays every quota in full and leaves the rest when the fund exceeds them all', () => {
    expect(
      payouts(
        [
          ['a', 5n, 7n],
          ['b', 1n, 3n],
        ],
        100n,
      ),
    ).toEqual({ a: 7n, b: 3n });
  });

  it('pays nothing from an empty fund', () => {
    expect(payouts([['a', 5n, 7n]], 0n)).toEqual({ a: 0n });
  });

  it('never pays anyone above their quota nor more than the fund', () => {
    // Remaining holders have quota * W > F * points, so their floor share plus one fen stays within quota.
    const holders: [string, bigint, bigint][] = [
      ['a', 2n, 3n],
      ['b', 7n, 4n],
      ['c', 1n, 9n],
      ['d', 9n, 2n],
    ];
    // The quotas sum to 18: below that the whole fund is paid, above it exactly the quotas.
    for (let fund = 0n; fund <= 25n; fund++) {
      const result = payouts(holders, fund);
      const total = Object.values(result).reduce((sum, x) => sum + x, 0n);
      expect(total).toBe(fund < 18n ? fund : 18n);
      for (const [id, , quota] of holders) expect(result[id]! <= quota, `${id} at fund ${fund}`).toBe(true);
    }
  });
});

describe('dividends', () => {
  // ann's quota is 1000 * 5000 / 1e4 = 500 (quotaMultiplier 0.5x at her order), bob's 10000 * 2 = 20000.
  // ann: a = 210 * 1e6 / 100 = 2.1e6 µpt; bob: a = 2100 / (300 / 2.1e6) = 14.7e6 µpt.
  // Fund = 1000 + 10000 (dividendRate 10000); reserve 3300, supply 16.8e6.
  const annAndBob = (): EconomyCommand[] => [
    { type: 'order', member: 'ann', amount: 1_000n, profit: 1_000n },
  ];

  function twoHolders() {
    const state = stateAfter(annAndBob(), { quotaMultiplier: 5_000n, dividendRate: 10_000n });
    applyCommand(state, { type: 'params', params: { ...state.params, quotaMultiplier: 20_000n } });
    applyCommand(state, { type: 'order', member: 'bob', amount: 10_000n, profit: 10_000n });
    return state;
  }

  it('pays in sorted order, records the run, then sells out a holder whose quota is spent', () => {
    const state = twoHolders();
    const effects = applyCommand(state, { type: 'dividends' });
    // F = 11000, W = 16.8e6. ann first (500 / 2.1e6 < 20000 / 14.7e6): 500 * 16.8e6 <= 11000 * 2.1e6,
    // whole quota 500; F = 10500, W = 14.7e6. bob: 20000 * 14.7e6 > 10500 * 14.7e6, share 10500.
    // Cascade: ann's quota is 0: gross = 2.1e6 * 3300 / 16.8e6 = 412, net = 412 * 0.9 = 370.
    expect(legs(effects)).toEqual([
      ['dividend-fund', 'fen', -500n],
      ['ann:cash', 'fen', 500n],
      ['ann:quota', 'quota', -500n],
      ['world:quota', 'quota', 500n],
      ['dividend-fund', 'fen', -10_500n],
      ['bob:cash', 'fen', 10_500n],
      ['bob:quota', 'quota', -10_500n],
      ['world:quota', 'quota', 10_500n],
      ['ann:points', 'upt', -2_100_000n],
      ['world:mint', 'upt', 2_100_000n],
      ['reserve', 'fen', -370n],
      ['ann:cash', 'fen', 370n],
    ]);
    expect(effects.events).toEqual([
      { type: 'dividends.ran', paid: 11_000n, holders: 2n, left: 0n },
      { type: 'member.exited', member: 'ann', points: 2_100_000n, net: 370n },
    ]);
    expect(view(state, 'ann')).toMatchObject({ cash: 870n, quota: 0n, status: 'exited' });
    expect(view(state, 'bob')).toMatchObject({ cash: 10_500n, quota: 9_500n, status: 'active' });
    expect(state).toMatchObject({ dividendFund: 0n, reserve: 2_930n });
  });

  it('keeps in the fund what no one could take', () => {
    const state = stateAfter(annAndBob(), { quotaMultiplier: 5_000n, dividendRate: 10_000n });
    const effects = applyCommand(state, { type: 'dividends' });
    expect(effects.events[0]).toEqual({ type: 'dividends.ran', paid: 500n, holders: 1n, left: 500n });
    expect(state.dividendFund).toBe(500n);
  });

  it('records a run that pays nothing, with no postings', () => {
    const state = stateAfter([]);
    const effects = applyCommand(state, { type: 'dividends' });
    expect(plainEffects(effects)).toEqual({
      postings: [],
      events: [{ type: 'dividends.ran', paid: 0n, holders: 0n, left: 0n }],
    });
  });

  it('pays only active consumers with points and quota, never merchants, the treasury or exited members', () => {
    // With exits off, the referrer ann holds points without quota; exited eve got referral points
    // after her exit; the treasury and shop hold points; only the buyers bob and fay are eligible.
    const state = stateAfter(
      [
        { type: 'merchant', id: 'shop' },
        { type: 'join', member: 'ann' },
        { type: 'join', member: 'eve' },
        { type: 'join', member: 'bob', referrer: 'ann' },
        { type: 'join', member: 'fay', referrer: 'eve' },
        { type: 'order', member: 'fay', amount: 10_000n },
      ],
      { dividendRate: 10_000n },
    );
    expect(view(state, 'eve').status).toBe('exited');
    applyCommand(state, { type: 'params', params: { ...state.params, exitEnabled: false } });
    for (const command of [
      { type: 'order', member: 'fay', amount: 10_000n },
      { type: 'order', member: 'bob', amount: 10_000n, profit: 10_000n },
      { type: 'convert', member: 'fay', points: 'all' },
      { type: 'order', member: 'fay', amount: 10_000n, stable: 1_000n, merchant: 'shop' },
      { type: 'settle', merchant: 'shop', stable: 1_000n },
    ] as EconomyCommand[])
      applyCommand(state, command);
    expect(view(state, 'eve')).toMatchObject({ status: 'exited', quota: 0n });
    expect(view(state, 'eve').points > 0n && view(state, 'ann').points > 0n).toBe(true);
    expect(view(state, 'shop').points > 0n && view(state, 'treasury').points > 0n).toBe(true);
    const fundBefore = state.dividendFund;
    const effects = applyCommand(state, { type: 'dividends' });
    // Both quotas exceed the whole fund, so it is all paid out pro rata.
    expect(effects.events).toEqual([{ type: 'dividends.ran', paid: fundBefore, holders: 2n, left: 0n }]);
    const paidTo = effects.postings.filter((p) => p.account.endsWith(':cash')).map((p) => p.account);
    expect(paidTo.sort()).toEqual(['bob:cash', 'fay:cash']);
  });
});
