/**
 * The shared scenario vectors (SPEC.md "Scenario files"): every scenario in test/vectors/ runs through
 * runScenario and must match its .expected.json field by field, as ../shared/tools/check-vectors
 * compares the CLI's `simulate --json` output. Numbers come from the files, never from this test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { currentPrice, formatYuanPerPoint } from '../src/economy/index.js';
import { simulateJson } from '../src/simulate/report.js';
import { runScenario, ScenarioError } from '../src/simulate/scenario.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const vectorsDir = join(repoRoot, 'test', 'vectors');
// The lead's master copy; test/vectors/ must stay a byte-identical copy of it.
const sharedVectorsDir = join(repoRoot, '..', 'shared', 'vectors');

const GLOBAL_KEYS = ['reserve', 'supply', 'minted', 'burned', 'dividendFund', 'priceFenPerPoint'] as const;
const ACCOUNT_KEYS = ['kind', 'points', 'stable', 'cash', 'quota', 'status'] as const;

interface ExpectedError {
  error: { event: number | null; reason: string };
}
type ExpectedReport = Record<(typeof GLOBAL_KEYS)[number], string> & {
  accounts: Record<string, Record<(typeof ACCOUNT_KEYS)[number], string>>;
  exits: { member: string; points: string; net: string }[];
};

const scenarioFiles = readdirSync(vectorsDir)
  .filter((name) => name.endsWith('.json') && !name.endsWith('.expected.json'))
  .sort();

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function expectedPathOf(scenarioName: string): string {
  return join(vectorsDir, scenarioName.replace(/\.json$/, '.expected.json'));
}

/** Every file below `dir`, as paths relative to it, in a stable order. */
function listFilesRecursively(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path));
    }
  };
  walk(dir);
  return files.sort();
}

describe('scenario vectors', () => {
  it('finds the scenarios of the shared set', () => {
    // A silently empty folder would make every other test here vacuous.
    expect(scenarioFiles).toContain('seed-100.json');
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of scenarioFiles) {
    it(`${name} gives its expected simulate --json output`, () => {
      const scenario = readJson(join(vectorsDir, name));
      const expected = readJson(expectedPathOf(name)) as ExpectedError | ExpectedReport;

      if ('error' in expected) {
        let caught: unknown;
        try {
          runScenario(scenario);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(ScenarioError);
        expect((caught as ScenarioError).event).toBe(expected.error.event);
        return;
      }

      const run = runScenario(scenario);
      const got = JSON.parse(simulateJson(run.state, run.exits)) as ExpectedReport;
      for (const key of GLOBAL_KEYS) expect(got[key], key).toBe(expected[key]);
      for (const [id, account] of Object.entries(expected.accounts)) {
        const gotAccount = got.accounts[id];
        expect(gotAccount, `account ${id}`).toBeDefined();
        for (const key of ACCOUNT_KEYS) expect(gotAccount?.[key], `${id}.${key}`).toBe(account[key]);
      }
      expect(Object.keys(got.accounts).sort()).toEqual(Object.keys(expected.accounts).sort());
      expect(got.exits).toEqual(expected.exits);
      // SPEC.md fixes the exact key set of the output object.
      expect(Object.keys(got).sort()).toEqual([...GLOBAL_KEYS, 'accounts', 'exits'].sort());
    });
  }

  it('the founding example ends at 5.1731 yuan per point', () => {
    // SPEC.md names this figure itself, so it is the one number this file may hold.
    const run = runScenario(readJson(join(vectorsDir, 'seed-100.json')));
    expect(formatYuanPerPoint(currentPrice(run.state))).toBe('5.1731');
  });
});

describe('the copy of the shared vectors', () => {
  const sharedExists = existsSync(sharedVectorsDir);

  /** Every scenario has its expected output, every expected file its scenario, and journal/ is there. */
  function expectCopyComplete(): void {
    const names = readdirSync(vectorsDir);
    for (const name of scenarioFiles)
      expect(names, name).toContain(name.replace(/\.json$/, '.expected.json'));
    for (const name of names.filter((n) => n.endsWith('.expected.json'))) {
      expect(names, name).toContain(name.replace(/\.expected\.json$/, '.json'));
    }
    expect(listFilesRecursively(vectorsDir).some((path) => path.startsWith(`journal${sep}`))).toBe(true);
  }

  it(
    sharedExists
      ? 'is complete and byte-identical to ../shared/vectors, no file missing either way'
      : 'is complete (no ../shared/vectors here to compare it with)',
    () => {
      expectCopyComplete();
      // Outside the team's workspace there is no master copy; completeness is all that can be shown.
      if (!sharedExists) return;
      const ours = listFilesRecursively(vectorsDir);
      const theirs = listFilesRecursively(sharedVectorsDir);
      expect(ours).toEqual(theirs);
      for (const path of theirs) {
        const same = readFileSync(join(vectorsDir, path)).equals(readFileSync(join(sharedVectorsDir, path)));
        expect(same, `${path} differs from ../shared/vectors`).toBe(true);
      }
    },
  );
});
