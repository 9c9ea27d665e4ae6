import { sql } from 'kysely';
import { EconomyError, type EconomyParams, PARAM_NAMES, paramsFromInput } from '../economy/index.js';
import { MallError } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import { journal, type Mall, type MallTx } from '../mall/mall.js';

/** The ten parameters as the API shows them: integers as decimal strings, exitEnabled a boolean. */
export type ParamsRecord = Record<string, string | boolean>;

export interface ParamsView {
  version: string;
  params: ParamsRecord;
}

export function paramsRecord(params: Readonly<EconomyParams>): ParamsRecord {
  const record: ParamsRecord = {};
  for (const name of PARAM_NAMES) {
    const value = params[name];
    record[name] = typeof value === 'boolean' ? value : value.toString();
  }
  return record;
}

/** The parameters in force now (this replica brought up to the journal's head first). */
export async function currentParams(mall: Mall): Promise<ParamsView> {
  await mall.ledger.catchUp();
  const { economy } = mall.ledger.state;
  return { version: economy.paramsVersion.toString(), params: paramsRecord(economy.params) };
}

/**
 * The proposed parameters: `changes` (a partial set; integers as safe JSON integers or decimal
 * strings) merged over `base`, validated as SPEC.md "Parameters" says and against `minted`.
 * @throws MallError INVALID_PARAMS, CAP_BELOW_MINTED
 */
export function mergeParams(base: Readonly<EconomyParams>, changes: unknown, minted: bigint): EconomyParams {
  let merged: EconomyParams;
  try {
    merged = paramsFromInput(changes, base);
  } catch (error) {
    if (error instanceof EconomyError)
      throw new MallError('INVALID_PARAMS', error.message, { ...error.details });
    throw error;
  }
  if (merged.supplyCap < minted)
    throw new MallError('CAP_BELOW_MINTED', `supplyCap ${merged.supplyCap} is below minted ${minted}`, {
      supplyCap: merged.supplyCap.toString(),
      mintedMicro: minted.toString(),
    });
  return merged;
}

/**
 * CONTRACTS.md "Parameters": journals the next parameter version, `changes` merged over the parameters
 * in force at this point of the journal's order. Effective from the next command on, never retroactive.
 * @throws MallError INVALID_PARAMS, CAP_BELOW_MINTED
 */
export async function changeParams(
  tx: MallTx,
  changes: Record<string, unknown>,
): Promise<ParamsView & { journalSeq: string }> {
  const economy = tx.context.economy;
  const before = economy.paramsVersion;
  const params = mergeParams(economy.params, changes, economy.minted);
  const seq = await journal(tx, `params:${newId('p', new Date(tx.now))}`, { type: 'params', params });
  if (economy.paramsVersion !== before + 1n)
    throw new Error('assertion failed: a params command adds a version');
  return {
    version: economy.paramsVersion.toString(),
    params: paramsRecord(params),
    journalSeq: seq.toString(),
  };
}

export interface ParamsVersion extends ParamsView {
  /** The entry that created the version (null for version 1, which the first migration made). */
  journalSeq: string | null;
  time: string | null;
  key: string | null;
}

type ParametersTable = {
  parameters: { version: number | string | bigint; params: string };
};

const HISTORY_MAX = 1000;

/**
 * Every parameter version, newest first: the `parameters` table and, for when, the journal entry whose
 * `params.changed` event names the version. Changes made through this API have keys `params:...` (an
 * index range); versions another client made (`tokenmall apply`) are looked up among params commands.
 */
export async function paramsHistory(mall: Mall): Promise<{ items: ParamsVersion[] }> {
  const db = mall.read.withTables<ParametersTable>();
  const versions = await db
    .selectFrom('parameters')
    .select(['version', 'params'])
    .orderBy('version', 'desc')
    .limit(HISTORY_MAX)
    .execute();
  const entries = await mall.read
    .selectFrom('journal')
    .select(['seq', 'key', 'time', 'events'])
    .where('key', '>=', 'params:')
    .where('key', '<', 'params;')
    .execute();
  const found = new Map<string, { seq: string; key: string; time: string }>();
  const record = (rows: typeof entries): void => {
    for (const row of rows) {
      for (const event of JSON.parse(row.events) as Record<string, string>[])
        if (event.type === 'params.changed' && event.version !== undefined)
          found.set(event.version, { seq: String(row.seq), key: row.key, time: row.time });
    }
  };
  record(entries);
  if (versions.some((v) => String(v.version) !== '1' && !found.has(String(v.version)))) {
    // JCS sorts a params command's names, so its text starts with its params object.
    record(
      await mall.read
        .selectFrom('journal')
        .select(['seq', 'key', 'time', 'events'])
        .where(sql<boolean>`command like ${'{"params":%'}`)
        .execute(),
    );
  }
  return {
    items: versions.map((v) => {
      const entry = found.get(String(v.version));
      return {
        version: String(v.version),
        params: JSON.parse(v.params) as ParamsRecord,
        journalSeq: entry?.seq ?? null,
        time: entry?.time ?? null,
        key: entry?.key ?? null,
      };
    }),
  };
}
