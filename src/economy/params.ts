import { EconomyError } from './errors.js';
import type { EconomyParams } from './types.js';

/** SPEC.md "Parameters": the founding example's defaults (parameter version 1). */
export const DEFAULT_PARAMS: Readonly<EconomyParams> = Object.freeze({
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

export const PARAM_NAMES = Object.freeze(Object.keys(DEFAULT_PARAMS) as (keyof EconomyParams)[]);

const RATE_NAMES = [
  'reserveRate',
  'awardRate',
  'referralRate',
  'sellFeeRate',
  'convertFeeRate',
  'dividendRate',
] as const satisfies readonly (keyof EconomyParams)[];

export const BP_ONE = 10_000n;

/**
 * Checks a whole configuration (SPEC.md "Parameters"); a bad one is rejected as a whole.
 * @throws EconomyError INVALID_PARAMS
 */
export function validateParams(params: EconomyParams): void {
  for (const name of RATE_NAMES) {
    const rate = params[name];
    if (rate < 0n || rate > BP_ONE) invalid(`${name} must be an integer in 0..10000, got ${rate}`);
  }
  if (params.awardRate + params.referralRate > BP_ONE)
    invalid('awardRate + referralRate must be at most 10000');
  if (params.issuePrice < 1n) invalid('issuePrice must be at least 1');
  if (params.quotaMultiplier < 0n) invalid('quotaMultiplier must be at least 0');
  if (params.supplyCap < 0n) invalid('supplyCap must be at least 0');
  if (typeof params.exitEnabled !== 'boolean') invalid('exitEnabled must be a boolean');
}

/**
 * Builds parameters from loosely typed input (a scenario's `params`): integers as safe JSON integers or
 * decimal strings, exitEnabled a boolean, unknown names refused. Missing names take `base`'s value.
 * @throws EconomyError INVALID_PARAMS
 */
export function paramsFromInput(
  input: unknown,
  base: Readonly<EconomyParams> = DEFAULT_PARAMS,
): EconomyParams {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    invalid('params must be an object');
  const params: EconomyParams = { ...base };
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    if (!(PARAM_NAMES as readonly string[]).includes(name)) invalid(`unknown parameter ${name}`);
    if (name === 'exitEnabled') {
      if (typeof value !== 'boolean') invalid('exitEnabled must be a boolean');
      params.exitEnabled = value;
      continue;
    }
    const parsed = parseInteger(value);
    if (parsed === undefined) invalid(`${name} must be an integer`);
    params[name as Exclude<keyof EconomyParams, 'exitEnabled'>] = parsed;
  }
  validateParams(params);
  return params;
}

/** An integer as SPEC.md's scenario files write it: a safe JSON integer or a string `-?[0-9]+`. */
export function parseInteger(value: unknown): bigint | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) return BigInt(value);
  return undefined;
}

function invalid(message: string): never {
  throw new EconomyError('INVALID_PARAMS', message);
}
