/** The rules of SPEC.md as pure functions over plain state: no I/O, no clock, no randomness. */

export { COMMAND_FIELDS, CommandInputError, commandFromInput, MALL_COMMAND_FIELDS } from './command-input.js';
export { LEDGER_ASSETS, LEDGER_SUFFIXES } from './effects.js';
export { applyCommand } from './engine.js';
export { ECONOMY_ERROR_CODES, EconomyError, type EconomyErrorCode } from './errors.js';
export { compareIds } from './ids.js';
export { DEFAULT_PARAMS, PARAM_NAMES, paramsFromInput, parseInteger, validateParams } from './params.js';
export { formatFenPerPoint, formatScaled, formatYuanPerPoint } from './price.js';
export { restoreState, type StateSnapshot, snapshotState } from './snapshot.js';
export {
  createState,
  currentPrice,
  type EconomyState,
  type EconomyTotals,
  MICRO_PER_POINT,
  TOTAL_NAMES,
  zeroTotals,
} from './state.js';
export * from './types.js';
