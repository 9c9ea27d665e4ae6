import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountKind, Rational } from '../economy/types.js';
import {
  buildLiabilityTree,
  EMPTY_HASH,
  type InclusionProof,
  type LiabilityAccount,
  liabilitySums,
  verifyInclusionProof,
} from './index.js';

/** A deterministic salt per member, so failures reproduce. */
const saltFor = (id: string) => createHash('sha256').update(`salt:${id}`).digest();
const PRICE: Rational = { num: 7n, den: 3n };

function account(id: string, balances: Partial<Omit<LiabilityAccount, 'id'>> = {}): LiabilityAccount {
  return {
    id,
    kind: 'consumer',
    points: 0n,
    cash: 0n,
    stable: 0n,
    heldFen: 0n,
    heldStable: 0n,
    ...balances,
  };
}

function members(count: number): LiabilityAccount[] {
  return Array.from({ length: count }, (_, i) =>
    account(`m${i}`, { points: BigInt(i + 1), cash: BigInt(i) }),
  );
}

function totals(accounts: readonly LiabilityAccount[], price: Rational) {
  const sum = { valueFen: 0n, cashFen: 0n, stable: 0n };
  for (const a of accounts) {
    if (a.kind === 'treasury') continue;
    const s = liabilitySums(a, price);
    sum.valueFen += s.valueFen;
    sum.cashFen += s.cashFen;
    sum.stable += s.stable;
  }
  return sum;
}

const balance = fc.oneof(
  fc.constant(0n),
  fc.bigInt({ min: 0n, max: 1n << 40n }),
  fc.bigInt({ min: 0n, max: 1n << 90n }),
);
const accountsArb = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 200 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record({
          id: fc.constant(id),
          kind: fc.constantFrom<AccountKind>('consumer', 'consumer', 'merchant', 'treasury'),
          points: balance,
          cash: balance,
          stable: balance,
          heldFen: balance,
          heldStable: balance,
        }),
      ),
    ),
  );
const priceArb = fc.record({
  num: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  den: fc.bigInt({ min: 1n, max: 10n ** 12n }),
});

/** A proof's JSON with everything writable, for tampering. */
interface Sums {
  valueFen: string;
  cashFen: string;
  stable: string;
}
interface Tamperable {
  version: number;
  member: string;
  salt: string;
  sums: Sums;
  path: { side: string; hash: string; sums: Sums }[];
  root: { hash: string; sums: Sums };
  price: { num: string; den: string };
}
const clone = (proof: InclusionProof): Tamperable => structuredClone(proof) as Tamperable;
const bump = (decimal: string) => (BigInt(decimal) + 1n).toString();
const flipHex = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

describe('buildLiabilityTree', () => {
  it("every member's proof verifies and the root sums are the accounts' totals", () => {
    fc.assert(
      fc.property(accountsArb, priceArb, (accounts, price) => {
        const tree = buildLiabilityTree(accounts, price, saltFor);
        expect(tree.root.sums).toEqual(totals(accounts, price));
        let leaves = 0;
        for (const a of accounts) {
          const proof = tree.proofFor(a.id);
          const s = liabilitySums(a, price);
          const owed = s.valueFen !== 0n || s.cashFen !== 0n || s.stable !== 0n;
          if (a.kind === 'treasury' || !owed) {
            expect(proof).toBeUndefined();
            continue;
          }
          leaves++;
          expect(proof).toBeDefined();
          expect(verifyInclusionProof(JSON.parse(JSON.stringify(proof)))).toEqual({ ok: true });
          expect(proof!.sums).toEqual({
            valueFen: s.valueFen.toString(),
            cashFen: s.cashFen.toString(),
            stable: s.stable.toString(),
          });
          expect(proof!.path.length).toBe(Math.ceil(Math.log2(tree.leafCount)));
        }
        expect(tree.leafCount).toBe(leaves);
      }),
      { numRuns: 60 },
    );
  });

  it('hashes ids as UTF-8, long and non-ASCII ones included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), {
          minLength: 1,
          maxLength: 20,
        }),
        (ids) => {
          const tree = buildLiabilityTree(
            ids.map((id) => account(id, { cash: 1n })),
            PRICE,
            saltFor,
          );
          for (const id of ids) expect(verifyInclusionProof(tree.proofFor(id))).toEqual({ ok: true });
        },
      ),
      { numRuns: 50 },
    );
    const ids = ['会员-张三', '😀', 'x'.repeat(1000), 'é'];
    const tree = buildLiabilityTree(
      ids.map((id) => account(id, { cash: 1n })),
      PRICE,
      saltFor,
    );
    for (const id of ids) {
      const proof = tree.proofFor(id)!;
      expect(verifyInclusionProof(JSON.parse(JSON.stringify(proof)))).toEqual({ ok: true });
      expect(
        verifyInclusionProof({
          ...proof,
          member: id.normalize('NFD') === id ? `${id} ` : id.normalize('NFD'),
        }).ok,
      ).toBe(false);
    }
  });

  it('is deterministic given the salts and does not depend on input order', () => {
    const accounts = members(37);
    const a = buildLiabilityTree(accounts, PRICE, saltFor);
    const b = buildLiabilityTree([...accounts].reverse(), PRICE, saltFor);
    expect(b.root).toEqual(a.root);
  });

  it.each([1, 2, 3, 5, 7, 9, 31, 33, 100])(
    'handles %i leaves (odd levels padded with the empty node)',
    (n) => {
      const accounts = members(n);
      const tree = buildLiabilityTree(accounts, PRICE, saltFor);
      expect(tree.leafCount).toBe(n);
      expect(tree.root.sums).toEqual(totals(accounts, PRICE));
      for (const a of accounts) expect(verifyInclusionProof(tree.proofFor(a.id))).toEqual({ ok: true });
      if (n === 1) expect(tree.proofFor('m0')!.path).toEqual([]);
      if (n === 3) {
        const padded = accounts
          .map((a) => tree.proofFor(a.id)!)
          .filter((p) => p.path[0]!.hash === EMPTY_HASH);
        expect(padded).toHaveLength(1);
        expect(padded[0]!.path[0]).toEqual({
          side: 'right',
          hash: EMPTY_HASH,
          sums: { valueFen: '0', cashFen: '0', stable: '0' },
        });
      }
    },
  );

  it('skips the treasury and accounts owed nothing; an empty tree has the empty root', () => {
    const tree = buildLiabilityTree(
      [account('treasury', { kind: 'treasury', points: 10n }), account('nobody')],
      PRICE,
      saltFor,
    );
    expect(tree.leafCount).toBe(0);
    expect(tree.root).toEqual({ hash: EMPTY_HASH, sums: { valueFen: 0n, cashFen: 0n, stable: 0n } });
    expect(tree.proofFor('treasury')).toBeUndefined();
    expect(tree.proofFor('nobody')).toBeUndefined();
  });

  it('counts held balances and floors the value of points', () => {
    const tree = buildLiabilityTree(
      [account('a', { points: 10n, cash: 5n, heldFen: 2n, stable: 3n, heldStable: 4n, kind: 'merchant' })],
      PRICE,
      saltFor,
    );
    expect(tree.root.sums).toEqual({ valueFen: 23n, cashFen: 7n, stable: 7n });
  });

  it('refuses negative balances, bad salts and a bad price', () => {
    expect(() => buildLiabilityTree([account('a', { cash: -1n })], PRICE, saltFor)).toThrow(RangeError);
    expect(() => buildLiabilityTree([account('a', { cash: 1n })], PRICE, () => Buffer.alloc(16))).toThrow(
      RangeError,
    );
    expect(() => buildLiabilityTree([account('a', { cash: 1n })], { num: 1n, den: 0n }, saltFor)).toThrow(
      RangeError,
    );
  });

  it('carries the price and the journal head into proofs and the published root', () => {
    const headHash = 'ab'.repeat(32);
    const tree = buildLiabilityTree(members(4), PRICE, saltFor, { headSeq: 42n, headHash });
    const proof = tree.proofFor('m1')!;
    expect(proof).toMatchObject({ version: 1, price: { num: '7', den: '3' }, headSeq: '42', headHash });
    expect(verifyInclusionProof(proof)).toEqual({ ok: true });
    expect(tree.published()).toEqual({
      version: 1,
      root: proof.root,
      leafCount: 4,
      price: { num: '7', den: '3' },
      headSeq: '42',
      headHash,
    });
  });

  it('builds a 100k-leaf tree', () => {
    const accounts = members(100_000);
    const tree = buildLiabilityTree(accounts, PRICE, saltFor);
    expect(tree.leafCount).toBe(100_000);
    expect(tree.root.sums).toEqual(totals(accounts, PRICE));
    expect(verifyInclusionProof(tree.proofFor('m99999'))).toEqual({ ok: true });
    expect(tree.proofFor('m0')!.path).toHaveLength(17);
  });
});

describe('verifyInclusionProof rejects a changed proof', () => {
  const accounts = members(13);
  const tree = buildLiabilityTree(accounts, PRICE, saltFor);
  const tamperings: [string, (p: Tamperable) => void][] = [
    ['a leaf sum (valueFen)', (p) => (p.sums.valueFen = bump(p.sums.valueFen))],
    ['a leaf sum (cashFen)', (p) => (p.sums.cashFen = bump(p.sums.cashFen))],
    ['a leaf sum (stable)', (p) => (p.sums.stable = bump(p.sums.stable))],
    ['a negative leaf sum', (p) => (p.sums.cashFen = '-1')],
    ['a path hash', (p) => (p.path[1]!.hash = flipHex(p.path[1]!.hash))],
    ['a path sum', (p) => (p.path[2]!.sums.stable = bump(p.path[2]!.sums.stable))],
    ['a negative path sum', (p) => (p.path[0]!.sums.valueFen = '-5')],
    ['a path side', (p) => (p.path[0]!.side = p.path[0]!.side === 'left' ? 'right' : 'left')],
    ['a dropped path step', (p) => p.path.pop()],
    ['the salt', (p) => (p.salt = flipHex(p.salt))],
    ['the member id', (p) => (p.member = `${p.member}x`)],
    ['the root hash', (p) => (p.root.hash = flipHex(p.root.hash))],
    ['the root sums', (p) => (p.root.sums.cashFen = bump(p.root.sums.cashFen))],
    ['the version', (p) => (p.version = 2)],
    ['a non-canonical number', (p) => (p.sums.stable = `0${p.sums.stable}`)],
    ['an uppercase hash', (p) => (p.root.hash = p.root.hash.toUpperCase())],
    ['a zero price denominator', (p) => (p.price.den = '0')],
  ];

  it.each(tamperings)('%s', (_what, tamper) => {
    for (const a of accounts) {
      const proof = clone(tree.proofFor(a.id)!);
      expect(verifyInclusionProof(proof)).toEqual({ ok: true });
      tamper(proof);
      const result = verifyInclusionProof(proof);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/\S/);
    }
  });

  it('shifting value between a leaf and its sibling breaks the hash', () => {
    const proof = clone(tree.proofFor('m3')!);
    proof.sums.cashFen = bump(proof.sums.cashFen);
    proof.path[0]!.sums.cashFen = (BigInt(proof.path[0]!.sums.cashFen) - 1n).toString();
    expect(verifyInclusionProof(proof).ok).toBe(false);
  });

  it('any random change to the JSON fails', () => {
    const proof = tree.proofFor('m5')!;
    expect(Object.keys(proof).at(-1)).toBe('price');
    const text = JSON.stringify(proof);
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), fc.constantFrom(...'0123456789abcdef'), (at, ch) => {
        fc.pre(text[at] !== ch && /[0-9a-f]/.test(text[at]!));
        // Only the (unhashed) price, last in the text, may change without breaking the proof.
        fc.pre(at < text.indexOf('"price"'));
        let changed: unknown;
        try {
          changed = JSON.parse(text.slice(0, at) + ch + text.slice(at + 1));
        } catch {
          return;
        }
        expect(verifyInclusionProof(changed).ok).toBe(false);
      }),
    );
  });

  it('refuses what is not a proof', () => {
    for (const junk of [null, 1, 'x', [], {}, { version: 1 }])
      expect(verifyInclusionProof(junk).ok).toBe(false);
  });
});
