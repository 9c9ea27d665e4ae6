import { type EffectsRecorder, ledgerAccount as L } from './effects.js';
import { EconomyError } from './errors.js';
import { type EconomyState, requireAccount } from './state.js';
import type { MallCommand } from './types.js';

type HoldCommand = Extract<MallCommand, { type: 'hold' }>;
type ReleaseCommand = Extract<MallCommand, { type: 'release' }>;
type WithdrawalCommand = Extract<MallCommand, { type: 'withdraw' | 'pay-withdrawal' | 'return-withdrawal' }>;
type PayoutCommand = Extract<MallCommand, { type: 'payout' }>;

/**
 * A payment for an open order: the cash part from the outside world (`via: money`, a gateway or a bank
 * transfer) or from the buyer's cash balance (`via: balance`), and the stable part from the buyer's
 * stable points, all into `<member>:held` until the order completes or is refunded (CONTRACTS.md).
 * @throws EconomyError INVALID_AMOUNT, UNKNOWN_ACCOUNT, WRONG_ACCOUNT_KIND, INSUFFICIENT_CASH, INSUFFICIENT_STABLE
 */
export function applyHold(state: EconomyState, command: HoldCommand, effects: EffectsRecorder): void {
  checkAmounts(command.cash, command.stable);
  const buyer = requireAccount(state, command.member, 'consumer');
  if (command.via === 'balance' && command.cash > buyer.cash)
    throw insufficient('INSUFFICIENT_CASH', `${buyer.id} holds ${buyer.cash} fen of cash`, buyer.cash);
  if (command.stable > buyer.stable)
    throw insufficient('INSUFFICIENT_STABLE', `${buyer.id} holds ${buyer.stable} stable`, buyer.stable);
  const cashSource = command.via === 'balance' ? L.cash(buyer.id) : L.worldMoney;
  if (command.via === 'balance') buyer.cash -= command.cash;
  buyer.stable -= command.stable;
  buyer.heldFen += command.cash;
  buyer.heldStable += command.stable;
  state.totals.stableHeld += command.stable;
  effects.move(cashSource, L.held(buyer.id), 'fen', command.cash);
  effects.move(L.stable(buyer.id), L.held(buyer.id), 'stable', command.stable);
  effects.emit({ type: 'payment.held', member: buyer.id, cash: command.cash, stable: command.stable });
}

/**
 * A refund: what `hold` set aside goes back where it came from. Never more than is held.
 * @throws EconomyError INVALID_AMOUNT, UNKNOWN_ACCOUNT, WRONG_ACCOUNT_KIND, INSUFFICIENT_HELD
 */
export function applyRelease(state: EconomyState, command: ReleaseCommand, effects: EffectsRecorder): void {
  checkAmounts(command.cash, command.stable);
  const buyer = requireAccount(state, command.member, 'consumer');
  if (command.cash > buyer.heldFen || command.stable > buyer.heldStable) {
    throw new EconomyError('INSUFFICIENT_HELD', `${buyer.id} holds less than the refund`, {
      heldFen: buyer.heldFen.toString(),
      heldStable: buyer.heldStable.toString(),
    });
  }
  const cashTarget = command.via === 'balance' ? L.cash(buyer.id) : L.worldMoney;
  buyer.heldFen -= command.cash;
  buyer.heldStable -= command.stable;
  state.totals.stableHeld -= command.stable;
  if (command.via === 'balance') buyer.cash += command.cash;
  buyer.stable += command.stable;
  effects.move(L.held(buyer.id), cashTarget, 'fen', command.cash);
  effects.move(L.held(buyer.id), L.stable(buyer.id), 'stable', command.stable);
  effects.emit({ type: 'payment.released', member: buyer.id, cash: command.cash, stable: command.stable });
}

/**
 * A withdrawal of cash to the outside world, in three steps so the money is set aside while an admin
 * decides: `withdraw` moves it from `<x>:cash` to `<x>:held`; `pay-withdrawal` sends it from there to
 * `world:money`; `return-withdrawal` gives it back to `<x>:cash` (rejected). Members and merchants alike.
 * @throws EconomyError INVALID_AMOUNT, UNKNOWN_ACCOUNT, WRONG_ACCOUNT_KIND, INSUFFICIENT_CASH, INSUFFICIENT_HELD
 */
export function applyWithdrawal(
  state: EconomyState,
  command: WithdrawalCommand,
  effects: EffectsRecorder,
): void {
  if (command.cash <= 0n) throw new EconomyError('INVALID_AMOUNT', 'cash must be > 0');
  const account = requireAccount(state, command.account, 'consumer', 'merchant');
  if (command.type === 'withdraw') {
    if (command.cash > account.cash)
      throw insufficient(
        'INSUFFICIENT_CASH',
        `${account.id} holds ${account.cash} fen of cash`,
        account.cash,
      );
    account.cash -= command.cash;
    account.heldFen += command.cash;
    effects.move(L.cash(account.id), L.held(account.id), 'fen', command.cash);
    effects.emit({ type: 'withdrawal.requested', account: account.id, cash: command.cash });
    return;
  }
  if (command.cash > account.heldFen) {
    throw new EconomyError('INSUFFICIENT_HELD', `${account.id} holds less than the withdrawal`, {
      heldFen: account.heldFen.toString(),
    });
  }
  account.heldFen -= command.cash;
  if (command.type === 'pay-withdrawal') {
    state.totals.withdrawalsPaid += command.cash;
    effects.move(L.held(account.id), L.worldMoney, 'fen', command.cash);
    effects.emit({ type: 'withdrawal.paid', account: account.id, cash: command.cash });
  } else {
    account.cash += command.cash;
    effects.move(L.held(account.id), L.cash(account.id), 'fen', command.cash);
    effects.emit({ type: 'withdrawal.returned', account: account.id, cash: command.cash });
  }
}

/**
 * A merchant payout: fen the mall owes a merchant for its completed orders (`<m>:sales`) paid to the
 * merchant's bank, `world:money`. Never more than is owed.
 * @throws EconomyError INVALID_AMOUNT, UNKNOWN_ACCOUNT, WRONG_ACCOUNT_KIND, INSUFFICIENT_SALES
 */
export function applyPayout(state: EconomyState, command: PayoutCommand, effects: EffectsRecorder): void {
  if (command.cash <= 0n) throw new EconomyError('INVALID_AMOUNT', 'cash must be > 0');
  const merchant = requireAccount(state, command.merchant, 'merchant');
  if (command.cash > merchant.sales) {
    throw new EconomyError('INSUFFICIENT_SALES', `${merchant.id} is owed ${merchant.sales} fen`, {
      available: merchant.sales.toString(),
    });
  }
  merchant.sales -= command.cash;
  state.totals.payoutsPaid += command.cash;
  effects.move(L.sales(merchant.id), L.worldMoney, 'fen', command.cash);
  effects.emit({ type: 'payout.paid', merchant: merchant.id, cash: command.cash });
}

function checkAmounts(cash: bigint, stable: bigint): void {
  if (cash < 0n || stable < 0n || cash + stable === 0n)
    throw new EconomyError('INVALID_AMOUNT', 'cash and stable must be >= 0 and not both 0');
}

function insufficient(code: 'INSUFFICIENT_CASH' | 'INSUFFICIENT_STABLE', message: string, available: bigint) {
  return new EconomyError(code, message, { available: available.toString() });
}
