import { describe, expect, it } from 'vitest';
import { applyCommand, createState, snapshotState } from '../economy/index.js';
import { simulateWhatIf, WhatIfTooLarge, type WhatIfWorkload, whatIfSteps } from './simulate.js';

const WORKLOAD: WhatIfWorkload = {
  ordersPerDay: 30,
  orderFen: 10_000n,
  stableShareBp: 500,
  profitBp: 4000,
  sellRateBp: 200,
  convertRateBp: 100,
  newMembersPerDay: 2,
  referralShareBp: 5000,
  days: 20,
};

function seeded() {
  const state = createState();
  applyCommand(state, { type: 'join', member: 'ann' });
  applyCommand(state, { type: 'order', member: 'ann', amount: 10_000n, profit: 4000n });
  return snapshotState(state);
}

describe('what-if', () => {
  it('is deterministic, leaves its input alone, and keeps the price from falling', () => {
    const snapshot = seeded();
    const text = JSON.stringify(snapshot);
    const first = simulateWhatIf(snapshot, WORKLOAD);
    expect(simulateWhatIf(snapshot, WORKLOAD)).toEqual(first);
    expect(JSON.stringify(snapshot)).toBe(text);
    expect(first.series).toHaveLength(20);
    expect(first.totals).toMatchObject({ orders: 600, rejected: 0, syntheticMembers: 70 });
    for (let i = 1; i < first.series.length; i++) {
      const [a, b] = [first.series[i - 1]!, first.series[i]!];
      expect(BigInt(b.priceFenPerPointNum) * BigInt(a.priceFenPerPointDen)).toBeGreaterThanOrEqual(
        BigInt(a.priceFenPerPointNum) * BigInt(b.priceFenPerPointDen),
      );
    }
  });

  it('yields in slices and ends with the same result', () => {
    const snapshot = seeded();
    const steps = whatIfSteps(snapshot, { ...WORKLOAD, ordersPerDay: 1000, days: 12 });
    let slices = 0;
    let next = steps.next();
    while (next.done !== true) {
      slices += 1;
      next = steps.next();
    }
    expect(slices).toBeGreaterThan(1);
    expect(next.value).toEqual(simulateWhatIf(snapshot, { ...WORKLOAD, ordersPerDay: 1000, days: 12 }));
  });

  it('refuses workloads over its limits before running them', () => {
    expect(() => simulateWhatIf(seeded(), { ...WORKLOAD, ordersPerDay: 100_000, days: 21 })).toThrow(
      WhatIfTooLarge,
    );
    expect(() => simulateWhatIf(seeded(), { ...WORKLOAD, newMembersPerDay: 1000, days: 365 })).toThrow(
      WhatIfTooLarge,
    );
  });
});
