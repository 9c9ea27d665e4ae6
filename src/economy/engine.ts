import { applyDividends } from './dividends.js';
import { EffectsRecorder } from './effects.js';
import { assert, EconomyError } from './errors.js';
import { applyJoin, applyMerchant } from './members.js';
import { applyOrder } from './order.js';
import { validateParams } from './params.js';
import { applyHold, applyPayout, applyRelease, applyWithdrawal } from './payments.js';
import { type EconomyState, MICRO_PER_POINT } from './state.js';
import { applyConvert, applySell, applySettle } from './trades.js';
import type { CommandEffects, EconomyCommand, EconomyParams } from './types.js';

/**
 * Applies one command to the state and returns its postings and events (CONTRACTS.md's table). A
 * rejected command throws an EconomyError and leaves the state exactly as it was: every check runs
 * before the first change.
 */
export function applyCommand(state: EconomyState, command: EconomyCommand): CommandEffects {
  const effects = new EffectsRecorder();
  switch (command.type) {
    case 'join':
      applyJoin(state, command, effects);
      break;
    case 'merchant':
      applyMerchant(state, command.id, effects);
      break;
    case 'order':
      applyOrder(state, command, effects);
      break;
    case 'sell':
      applySell(state, command, effects);
      break;
    case 'convert':
      applyConvert(state, command, effects);
      break;
    case 'settle':
      applySettle(state, command, effects);
      break;
    case 'dividends':
      applyDividends(state, effects);
      break;
    case 'params':
      applyParams(state, command.params, effects);
      break;
    case 'hold':
      applyHold(state, command, effects);
      break;
    case 'release':
      applyRelease(state, command, effects);
      break;
    case 'withdraw':
    case 'pay-withdrawal':
    case 'return-withdrawal':
      applyWithdrawal(state, command, effects);
      break;
    case 'payout':
      applyPayout(state, command, effects);
      break;
  }
  assert(state.minted - state.burned === state.supply, 'minted - burned = supply');
  assert(state.reserve >= 0n, 'reserve never goes negative');
  return effects;
}

/**
 * CONTRACTS.md "Parameters": the next parameter version. A new issuePrice counts only while nothing has
 * been minted; a cap below what was already minted is refused.
 * @throws EconomyError INVALID_PARAMS, CAP_BELOW_MINTED
 */
function applyParams(state: EconomyState, params: EconomyParams, effects: EffectsRecorder): void {
  validateParams(params);
  if (params.supplyCap < state.minted) {
    throw new EconomyError(
      'CAP_BELOW_MINTED',
      `supplyCap ${params.supplyCap} is below minted ${state.minted}`,
      {
        minted: state.minted.toString(),
      },
    );
  }
  state.params = { ...params };
  state.paramsVersion += 1n;
  if (state.minted === 0n) state.lastPrice = { num: params.issuePrice, den: MICRO_PER_POINT };
  effects.emit({ type: 'params.changed', version: state.paramsVersion });
}
