/** `tokenmall verify-proof FILE` as a member runs it: the built CLI in a child process (npm test builds it first). */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLiabilityTree, type LiabilityAccount } from '../src/proof/index.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'tokenmall-proof-'));

function tokenmall(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tokenmall.js'), ...args], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const accounts: LiabilityAccount[] = Array.from({ length: 11 }, (_, i) => ({
  id: `member-${i}`,
  kind: i === 0 ? 'merchant' : 'consumer',
  points: BigInt(1_000_000 * (i + 1)),
  cash: BigInt(i * 100),
  stable: BigInt(i),
  heldFen: 5n,
  heldStable: 0n,
}));
const tree = buildLiabilityTree(
  accounts,
  { num: 3n, den: 2n },
  (id) => createHash('sha256').update(id).digest(),
  { headSeq: 7n, headHash: 'cd'.repeat(32) },
);
const proof = tree.proofFor('member-4')!;

describe('verify-proof FILE', () => {
  it('prints ok with the member, root and sums for a good proof', () => {
    const run = tokenmall('verify-proof', write('good.json', JSON.stringify(proof, null, 2)));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `ok member=member-4 root=${tree.root.hash} valueFen=7500000 cashFen=405 stable=4\n`,
    );
  });

  it('prints invalid and exits 1 for a tampered proof', () => {
    const tampered = structuredClone(proof) as unknown as { sums: { cashFen: string } };
    tampered.sums.cashFen = '999999';
    const run = tokenmall('verify-proof', write('tampered.json', JSON.stringify(tampered)));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^invalid: .+\n$/);
  });

  it('exits 1 with one line for a missing file or bad JSON', () => {
    for (const file of [join(dir, 'missing.json'), write('bad.json', '{ not json')]) {
      const run = tokenmall('verify-proof', file);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^cannot read .+\n$/);
    }
  });

  it('exits 2 without a file', () => {
    expect(tokenmall('verify-proof').code).toBe(2);
  });
});
