import { createHash } from 'node:crypto';
import {
  COMMAND_FIELDS,
  type EconomyCommand,
  type EconomyParams,
  PARAM_NAMES,
  type PointsAmount,
  type SpecCommandType,
} from '../economy/index.js';
import { badRequest } from './errors.js';
import {
  isJsonNumber,
  isJsonObject,
  isValidId,
  type JsonObject,
  type JsonValue,
  parseCommandLine,
  safeIntegerFromNumberText,
} from './json/ijson.js';
import { canonicalJson } from './json/jcs.js';

/** A canonical command: the hashed form of CONTRACTS.md "An entry", without `paramsVersion`. */
export type CanonicalCommand = Readonly<
  Record<string, string | boolean | Readonly<Record<string, string | boolean>>>
>;

/** A valid command line: its key, the engine's command, the canonical form and that form's hash. */
export interface LedgerCommand {
  readonly key: string;
  readonly command: EconomyCommand;
  readonly canonical: CanonicalCommand;
  /** Lowercase hex sha256 of the JCS canonical command (without paramsVersion). */
  readonly commandHash: string;
}

export type ParsedLine =
  | { ok: true; value: LedgerCommand }
  | { ok: false; key: string | undefined; message: string };

const DECIMAL_TEXT = /^-?[0-9]+$/;

/**
 * Parses one `apply` line (raw bytes) into a command, or says why it is BAD_REQUEST (CONTRACTS.md
 * "Valid command"): I-JSON, one valid key, a SPEC type with exactly its fields, ids and integers in the
 * journal's forms, a params object with exactly the ten parameters.
 */
export function parseLedgerLine(bytes: Uint8Array): ParsedLine {
  const parsed = parseCommandLine(bytes);
  if (!parsed.ok) return { ok: false, key: parsed.key, message: parsed.reason };
  try {
    return { ok: true, value: ledgerCommandFrom(parsed.value, parsed.key) };
  } catch (error) {
    if (error instanceof Error && error.name === 'LedgerError')
      return { ok: false, key: parsed.key, message: error.message };
    throw error;
  }
}

/** @throws LedgerError BAD_REQUEST */
export function ledgerCommandFrom(object: JsonObject, key: string): LedgerCommand {
  const type = object.get('type');
  if (typeof type !== 'string' || !Object.hasOwn(COMMAND_FIELDS, type)) {
    throw badRequest(`type must be one of ${Object.keys(COMMAND_FIELDS).join(', ')}`);
  }
  const shape = COMMAND_FIELDS[type as SpecCommandType];
  for (const name of object.keys()) {
    if (
      name !== 'key' &&
      name !== 'type' &&
      !shape.required.includes(name) &&
      !shape.optional.includes(name)
    ) {
      throw badRequest(`field '${name}' is not part of a ${type} command`);
    }
  }
  const canonical: Record<string, string | boolean | Record<string, string | boolean>> = { type };
  const fields: Record<string, unknown> = { type };
  for (const name of [...shape.required, ...shape.optional]) {
    const value = object.get(name);
    if (value === undefined || value === null) {
      if (shape.required.includes(name)) throw badRequest(`${type} needs '${name}'`);
      continue;
    }
    const converted = convertField(type as SpecCommandType, name, value);
    canonical[name] = converted.canonical;
    fields[name] = converted.value;
  }
  const commandHash = createHash('sha256').update(canonicalJson(canonical)).digest('hex');
  return { key, command: fields as unknown as EconomyCommand, canonical, commandHash };
}

function convertField(
  type: SpecCommandType,
  name: string,
  value: JsonValue,
): { value: unknown; canonical: string | Record<string, string | boolean> } {
  if (name === 'params') return paramsField(value);
  if (name === 'points' && value === 'all') return { value: 'all' satisfies PointsAmount, canonical: 'all' };
  if (['member', 'referrer', 'merchant', 'id'].includes(name)) {
    if (typeof value !== 'string') throw badRequest(`${name} must be a string id`);
    if (!isValidId(value)) {
      throw badRequest(
        `${name} '${value}' must be 1..64 characters with no ':', whitespace or control characters, not 'world'`,
      );
    }
    return { value, canonical: value };
  }
  const integer = integerField(`${type}.${name}`, value);
  return { value: integer, canonical: integer.toString() };
}

function paramsField(value: JsonValue): {
  value: EconomyParams;
  canonical: Record<string, string | boolean>;
} {
  if (!isJsonObject(value)) throw badRequest('params must be an object');
  const canonical: Record<string, string | boolean> = {};
  const params: Record<string, bigint | boolean> = {};
  for (const name of value.keys()) {
    if (!(PARAM_NAMES as readonly string[]).includes(name)) throw badRequest(`unknown parameter '${name}'`);
  }
  for (const name of PARAM_NAMES) {
    const given = value.get(name);
    if (given === undefined || given === null) throw badRequest(`params needs '${name}'`);
    if (name === 'exitEnabled') {
      if (typeof given !== 'boolean') throw badRequest('exitEnabled must be true or false');
      params[name] = canonical[name] = given;
    } else {
      const integer = integerField(`params.${name}`, given);
      params[name] = integer;
      canonical[name] = integer.toString();
    }
  }
  return { value: params as unknown as EconomyParams, canonical };
}

/** A safe JSON integer written `-?(0|[1-9][0-9]*)`, or a string of decimal digits with an optional `-`. */
function integerField(name: string, value: JsonValue): bigint {
  if (isJsonNumber(value)) {
    const integer = safeIntegerFromNumberText(value.text);
    if (integer === undefined) {
      throw badRequest(`${name} ${value.text} is not a safe integer; write larger integers as strings`);
    }
    return integer;
  }
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return BigInt(value);
  throw badRequest(`${name} must be an integer`);
}

/**
 * The journal form of a command the mall builds itself (a payment, an order's completion): every integer
 * as a decimal string, absent optional fields left out, and its hash. The mall's keys follow CONTRACTS.md
 * (`order:<id>:complete`), so they never collide with an operator's `apply` keys by accident.
 */
export function mallCommand(key: string, command: EconomyCommand): LedgerCommand {
  const canonical: Record<string, string | boolean | Record<string, string | boolean>> = {};
  for (const [name, value] of Object.entries(command)) {
    if (value === undefined) continue;
    canonical[name] = typeof value === 'object' ? canonicalFlat(value) : flat(value);
  }
  const commandHash = createHash('sha256').update(canonicalJson(canonical)).digest('hex');
  return { key, command, canonical, commandHash };
}

function flat(value: bigint | string | boolean): string | boolean {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** A params object as `apply` writes it: each of the ten parameters, integers as decimal strings. */
function canonicalFlat(value: object): Record<string, string | boolean> {
  const canonical: Record<string, string | boolean> = {};
  for (const name of PARAM_NAMES) canonical[name] = flat((value as Record<string, bigint | boolean>)[name]!);
  return canonical;
}
