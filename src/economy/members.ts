import type { EffectsRecorder } from './effects.js';
import { EconomyError } from './errors.js';
import { addAccount, type EconomyState, requireAccount } from './state.js';
import type { EconomyCommand } from './types.js';

type JoinCommand = Extract<EconomyCommand, { type: 'join' }>;

/**
 * SPEC.md "join": a new consumer, with at most one level of referral fixed now.
 * @throws EconomyError ACCOUNT_EXISTS, INVALID_REFERRER
 */
export function applyJoin(state: EconomyState, command: JoinCommand, effects: EffectsRecorder): void {
  requireNewId(state, command.member);
  if (command.referrer !== undefined) {
    if (command.referrer === command.member)
      throw new EconomyError('INVALID_REFERRER', 'a member cannot refer itself');
    const referrer = state.accounts.get(command.referrer);
    if (referrer === undefined || referrer.kind !== 'consumer') {
      throw new EconomyError('INVALID_REFERRER', `referrer ${command.referrer} is not a consumer`, {
        referrer: command.referrer,
      });
    }
  }
  addAccount(state, command.member, 'consumer', command.referrer);
  effects.emit(
    command.referrer === undefined
      ? { type: 'member.joined', member: command.member }
      : { type: 'member.joined', member: command.member, referrer: command.referrer },
  );
}

/**
 * SPEC.md "merchant": a new merchant with nothing in it.
 * @throws EconomyError ACCOUNT_EXISTS
 */
export function applyMerchant(state: EconomyState, id: string, effects: EffectsRecorder): void {
  requireNewId(state, id);
  addAccount(state, id, 'merchant', undefined);
  effects.emit({ type: 'merchant.created', merchant: id });
}

function requireNewId(state: EconomyState, id: string): void {
  if (state.accounts.has(id)) {
    const { kind } = requireAccount(state, id, 'consumer', 'merchant', 'treasury');
    throw new EconomyError('ACCOUNT_EXISTS', `${id} already exists (a ${kind})`, { account: id });
  }
}
