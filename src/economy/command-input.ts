import { PARAM_NAMES, paramsFromInput, parseInteger } from './params.js';
import type {
  EconomyCommand,
  EconomyCommandType,
  EconomyParams,
  PaymentSource,
  PointsAmount,
  SpecCommandType,
} from './types.js';

/** The fields of each command as SPEC.md's scenario example writes them: required, then optional. */
export const COMMAND_FIELDS: Readonly<Record<SpecCommandType, { required: string[]; optional: string[] }>> = {
  join: { required: ['member'], optional: ['referrer'] },
  merchant: { required: ['id'], optional: [] },
  order: { required: ['member', 'amount'], optional: ['stable', 'profit', 'merchant'] },
  sell: { required: ['member', 'points'], optional: [] },
  convert: { required: ['member', 'points'], optional: [] },
  settle: { required: ['merchant', 'stable'], optional: [] },
  dividends: { required: [], optional: [] },
  params: { required: ['params'], optional: [] },
};

/**
 * The mall's own commands and fields, read back from the journal but never accepted from `apply` or a
 * scenario (CONTRACTS.md: `apply` refuses `paidFrom`).
 */
export const MALL_COMMAND_FIELDS: Readonly<Record<string, { required: string[]; optional: string[] }>> = {
  ...COMMAND_FIELDS,
  order: { required: ['member', 'amount'], optional: ['stable', 'profit', 'merchant', 'paidFrom'] },
  hold: { required: ['member', 'cash', 'stable', 'via'], optional: [] },
  release: { required: ['member', 'cash', 'stable', 'via'], optional: [] },
  withdraw: { required: ['account', 'cash'], optional: [] },
  'pay-withdrawal': { required: ['account', 'cash'], optional: [] },
  'return-withdrawal': { required: ['account', 'cash'], optional: [] },
  payout: { required: ['merchant', 'cash'], optional: [] },
};

/** Input that is not a well-formed command; the caller decides how to report it (`event K:`, BAD_REQUEST). */
export class CommandInputError extends Error {
  override readonly name = 'CommandInputError';
}

/**
 * Turns a parsed JSON object into a typed command: known type, exactly its fields (plus `ignored` ones),
 * required fields not null, integers as safe JSON integers or decimal strings, ids non-empty strings.
 * `paramsBase` fills a partial `params` command; without it all ten parameters are required.
 * @throws CommandInputError, EconomyError INVALID_PARAMS (a params command whose values break the rules)
 */
export function commandFromInput(
  input: unknown,
  options: { ignored?: readonly string[]; paramsBase?: Readonly<EconomyParams>; mall?: boolean } = {},
): EconomyCommand {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    fail('a command must be a JSON object');
  const fields = input as Record<string, unknown>;
  const type = fields.type;
  const shapes = options.mall === true ? MALL_COMMAND_FIELDS : COMMAND_FIELDS;
  if (typeof type !== 'string' || !Object.hasOwn(shapes, type)) fail(`unknown command type ${String(type)}`);
  const shape = (shapes as Record<string, { required: string[]; optional: string[] }>)[type]!;
  for (const name of Object.keys(fields)) {
    if (name === 'type' || options.ignored?.includes(name)) continue;
    if (!shape.required.includes(name) && !shape.optional.includes(name))
      fail(`${type} has no field ${name}`);
  }
  for (const name of shape.required) {
    if (fields[name] === undefined || fields[name] === null) fail(`${type} needs ${name}`);
  }
  const has = (name: string) => fields[name] !== undefined && fields[name] !== null;
  switch (type as EconomyCommandType) {
    case 'join':
      return has('referrer')
        ? { type: 'join', member: id(fields, 'member'), referrer: id(fields, 'referrer') }
        : { type: 'join', member: id(fields, 'member') };
    case 'merchant':
      return { type: 'merchant', id: id(fields, 'id') };
    case 'order':
      return {
        type: 'order',
        member: id(fields, 'member'),
        amount: integer(fields, 'amount'),
        ...(has('stable') ? { stable: integer(fields, 'stable') } : {}),
        ...(has('profit') ? { profit: integer(fields, 'profit') } : {}),
        ...(has('merchant') ? { merchant: id(fields, 'merchant') } : {}),
        ...(has('paidFrom') ? { paidFrom: paidFrom(fields.paidFrom) } : {}),
      };
    case 'hold':
    case 'release':
      return {
        type: type as 'hold' | 'release',
        member: id(fields, 'member'),
        cash: integer(fields, 'cash'),
        stable: integer(fields, 'stable'),
        via: paymentSource(fields.via),
      };
    case 'withdraw':
    case 'pay-withdrawal':
    case 'return-withdrawal':
      return {
        type: type as 'withdraw' | 'pay-withdrawal' | 'return-withdrawal',
        account: id(fields, 'account'),
        cash: integer(fields, 'cash'),
      };
    case 'payout':
      return { type: 'payout', merchant: id(fields, 'merchant'), cash: integer(fields, 'cash') };
    case 'sell':
    case 'convert':
      return { type: type as 'sell' | 'convert', member: id(fields, 'member'), points: pointsAmount(fields) };
    case 'settle':
      return { type: 'settle', merchant: id(fields, 'merchant'), stable: integer(fields, 'stable') };
    case 'dividends':
      return { type: 'dividends' };
    case 'params':
      return { type: 'params', params: paramsCommand(fields.params, options.paramsBase) };
  }
}

function paramsCommand(value: unknown, base: Readonly<EconomyParams> | undefined): EconomyParams {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('params must be an object');
  if (base === undefined) {
    const given = Object.keys(value);
    const missing = PARAM_NAMES.filter((name) => !given.includes(name));
    if (missing.length > 0) fail(`params misses ${missing.join(', ')}`);
  }
  return paramsFromInput(value, base);
}

function id(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || value.length === 0) fail(`${name} must be a non-empty string`);
  return value;
}

function integer(fields: Record<string, unknown>, name: string): bigint {
  const value = parseInteger(fields[name]);
  if (value === undefined) fail(`${name} must be an integer (a safe JSON integer or a decimal string)`);
  return value;
}

function paidFrom(value: unknown): 'held' {
  if (value !== 'held') fail('paidFrom must be "held"');
  return value;
}

function paymentSource(value: unknown): PaymentSource {
  if (value !== 'money' && value !== 'balance') fail('via must be "money" or "balance"');
  return value;
}

function pointsAmount(fields: Record<string, unknown>): PointsAmount {
  return fields.points === 'all' ? 'all' : integer(fields, 'points');
}

function fail(message: string): never {
  throw new CommandInputError(message);
}
