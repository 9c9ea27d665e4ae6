/** `tokenmall simulate` as a user runs it: the built CLI in a child process (npm test builds it first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const vectors = join(root, 'test', 'vectors');

function tokenmall(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tokenmall.js'), ...args], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('simulate FILE', () => {
  const scenarios = readdirSync(vectors).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));

  it.each(scenarios)('%s gives its expected --json output or error', (file) => {
    const expected = JSON.parse(
      readFileSync(join(vectors, file.replace(/\.json$/, '.expected.json')), 'utf8'),
    );
    const run = tokenmall('simulate', join(vectors, file), '--json');
    if ('error' in expected) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const prefix = expected.error.event === null ? 'params:' : `event ${expected.error.event}:`;
      expect(run.stderr.split('\n').some((line) => line.startsWith(prefix))).toBe(true);
    } else {
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(expected);
    }
  });

  it('prints a readable table without --json', () => {
    const run = tokenmall('simulate', join(vectors, 'tour.json'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^reserve\s+\d+ fen/m);
    expect(run.stdout).toMatch(/^wine-shop\s+merchant/m);
  });

  it('rejects bad parameters with "params:" and exit 1', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tokenmall-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ params: { awardRate: 9500, referralRate: 1000 }, events: [] }));
    const run = tokenmall('simulate', file, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^params: /);
  });

  it('exits 2 on misuse', () => {
    expect(tokenmall('simulate').code).toBe(2);
    expect(tokenmall('simulate', '--generate', 'ten').code).toBe(2);
    expect(tokenmall('no-such-command').code).toBe(2);
  });
});

describe('simulate --example', () => {
  it('prints the founding example price after each buyer, from 1.4286 to 5.1731', () => {
    const run = tokenmall('simulate', '--example');
    expect(run.code).toBe(0);
    const prices = run.stdout
      .split('\n')
      .map((line) => /^\s*\d+\s+c\d{3}\s+(\d+\.\d{4})$/.exec(line)?.[1])
      .filter((price) => price !== undefined);
    expect(prices).toHaveLength(100);
    const seed = JSON.parse(readFileSync(join(vectors, 'seed-100.expected.json'), 'utf8'));
    // The last price shown is the expected final state's, rounded half-up to 4 decimals of a yuan.
    const finalFenPerPoint = Number(seed.priceFenPerPoint);
    expect(prices.at(-1)).toBe((Math.round(finalFenPerPoint * 100) / 10_000).toFixed(4));
    expect(prices.slice(0, 4)).toEqual(['1.4286', '1.6807', '1.8674', '2.0188']);
  });
});

describe('simulate --generate', () => {
  it('runs a seeded workload, prints a summary and writes one CSV row per event', () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'tokenmall-')), 'run.csv');
    const run = tokenmall('simulate', '--generate', '3000', '--seed', '42', '--holders', '300', '--csv', csv);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^price\s+1\.0000 -> \d+\.\d{4} yuan per point/m);
    expect(run.stdout).toMatch(/^forced exits\s+\d+/m);
    expect(run.stdout).toMatch(/^ {2}cash owed\s+\d+ fen/m);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('event,type,priceFenPerPoint,reserve,supply,dividendFund');
    expect(rows).toHaveLength(3001);
    const again = tokenmall('simulate', '--generate', '3000', '--seed', '42', '--holders', '300');
    expect(again.stdout).toBe(run.stdout);
  });
});
