/**
 * The holder queue behind SPEC.md's forced-exit cascade: consumers with points > 0, lowest
 * quota/points first, ties by id in UTF-8 byte order. Checked against a plain sorted reference under
 * random updates, including huge balances and ratios far above 1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Account, createState, type EconomyState } from './index.js';
import { addAccount } from './state.js';

/** SPEC.md's holder order, written independently of the engine. */
function specOrder(a: Account, b: Account): number {
  const difference = a.quota * b.points - b.quota * a.points;
  if (difference !== 0n) return difference < 0n ? -1 : 1;
  return Buffer.compare(Buffer.from(a.id, 'utf8'), Buffer.from(b.id, 'utf8'));
}

// Ids that collide in ratio often and disagree between UTF-16 and UTF-8 order.
const IDS = ['a', 'b', 'ab', '\uE000', '\uFFFD', '\u{1F600}', '\u{10000}', 'z\u{1F600}', 'z\uE000', '~'];

// Small values make equal ratios (ties) common; huge ones go beyond 64 bits and beyond ratio 1.
const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: 6n }),
  fc.bigInt({ min: 0n, max: 1_000_000n }),
  fc.bigInt({ min: 2n ** 62n, max: 2n ** 80n }),
);

const operation = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      id: fc.constantFrom(...IDS),
      points: amount,
      quota: amount,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rebuild' as const),
      quotas: fc.array(amount, { minLength: IDS.length, maxLength: IDS.length }),
    }),
  },
);

function queued(state: EconomyState): Account[] {
  return [...state.accounts.values()].filter((a) => a.kind === 'consumer' && a.points > 0n).sort(specOrder);
}

describe('HolderQueue', () => {
  it('always offers the first holder of the sorted reference, and drains in reference order', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 60 }), (operations) => {
        const state = createState();
        const accounts = new Map(IDS.map((id) => [id, addAccount(state, id, 'consumer', undefined)]));
        for (const op of operations) {
          if (op.kind === 'update') {
            const target = accounts.get(op.id)!;
            target.points = op.points;
            target.quota = op.quota;
            state.holders.update(target);
          } else {
            // A dividend run changes many quotas of queued holders at once, then rebuilds.
            for (const [i, holder] of queued(state).entries()) holder.quota = op.quotas[i]!;
            state.holders.rebuild();
          }
          const reference = queued(state);
          expect(state.holders.size).toBe(reference.length);
          expect(state.holders.peek()?.id).toBe(reference[0]?.id);
          expect(
            state.holders
              .holders()
              .map((h) => h.id)
              .sort(),
          ).toEqual(reference.map((h) => h.id).sort());
        }
        // Taking the head out one at a time must give the whole reference order.
        const expected = queued(state).map((h) => h.id);
        const drained: string[] = [];
        for (let head = state.holders.peek(); head !== undefined; head = state.holders.peek()) {
          drained.push(head.id);
          head.points = 0n;
          state.holders.update(head);
        }
        expect(drained).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps only consumers with points: an update to 0 points leaves the queue', () => {
    const state = createState();
    const ann = addAccount(state, 'ann', 'consumer', undefined);
    ann.points = 5n;
    state.holders.update(ann);
    expect(state.holders.peek()?.id).toBe('ann');
    ann.points = 0n;
    state.holders.update(ann);
    expect(state.holders.size).toBe(0);
    expect(state.holders.peek()).toBeUndefined();
  });
});
