import type { EconomyParams } from '../economy/index.js';
import { PARAM_NAMES } from '../economy/index.js';
import { canonicalJson } from './json/jcs.js';

/** Parameters as the archive and the journal write them: integers as decimal strings, JCS. */
export function canonicalParams(params: Readonly<EconomyParams>): string {
  const record: Record<string, string | boolean> = {};
  for (const name of PARAM_NAMES) {
    const value = params[name];
    record[name] = typeof value === 'boolean' ? value : value.toString();
  }
  return canonicalJson(record);
}
