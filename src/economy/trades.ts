import { burnPoints, runForcedExitCascade } from './cascade.js';
import { type EffectsRecorder, ledgerAccount as L } from './effects.js';
import { EconomyError } from './errors.js';
import { BP_ONE } from './params.js';
import { type EconomyState, fenToPoints, pointsToFen, requireAccount } from './state.js';
import { type Account, type EconomyCommand, type PointsAmount, TREASURY_ID } from './types.js';

type SellCommand = Extract<EconomyCommand, { type: 'sell' }>;
type ConvertCommand = Extract<EconomyCommand, { type: 'convert' }>;
type SettleCommand = Extract<EconomyCommand, { type: 'settle' }>;

/**
 * SPEC.md "sell": any account sells points back at the current price less the sell fee, which stays in
 * the reserve; then the cascade runs.
 * @throws EconomyError UNKNOWN_ACCOUNT, INVALID_AMOUNT, INSUFFICIENT_POINTS
 */
export function applySell(state: EconomyState, command: SellCommand, effects: EffectsRecorder): void {
  const account = requireAccount(state, command.member, 'consumer', 'merchant', 'treasury');
  const pointsMicro = resolvePoints(account, command.points);
  const net = burnPoints(state, account, pointsMicro, effects);
  effects.emit({ type: 'points.sold', account: account.id, points: pointsMicro, net });
  runForcedExitCascade(state, effects);
}

/**
 * SPEC.md "convert": a consumer turns equity points into stable points (恒定积分) at the current value
 * less the convert fee; the points go to the treasury, not burned, so the price does not move.
 * @throws EconomyError UNKNOWN_ACCOUNT, WRONG_ACCOUNT_KIND, INVALID_AMOUNT, INSUFFICIENT_POINTS
 */
export function applyConvert(state: EconomyState, command: ConvertCommand, effects: EffectsRecorder): void {
  const member = requireAccount(state, command.member, 'consumer');
  const pointsMicro = resolvePoints(member, command.points);
  const value = pointsToFen(state, pointsMicro);
  const got = (value * (BP_ONE - state.params.convertFeeRate)) / BP_ONE;
  const treasury = requireAccount(state, TREASURY_ID, 'treasury');
  member.points -= pointsMicro;
  treasury.points += pointsMicro;
  member.stable += got;
  state.totals.stableIssued += got;
  state.totals.convertFees += value - got;
  state.holders.update(member);
  effects.move(L.points(member.id), L.points(TREASURY_ID), 'upt', pointsMicro);
  effects.move(L.worldStable, L.stable(member.id), 'stable', got);
  effects.emit({ type: 'points.converted', member: member.id, points: pointsMicro, stable: got });
}

/**
 * SPEC.md "settle": a merchant turns stable points it took back into equity points from the treasury.
 * @throws EconomyError UNKNOWN_ACCOUNT, WRONG_ACCOUNT_KIND, INVALID_AMOUNT, INSUFFICIENT_STABLE,
 *   SETTLE_TOO_SMALL, INSUFFICIENT_TREASURY
 */
export function applySettle(state: EconomyState, command: SettleCommand, effects: EffectsRecorder): void {
  const merchant = requireAccount(state, command.merchant, 'merchant');
  const { stable } = command;
  if (stable <= 0n) throw new EconomyError('INVALID_AMOUNT', 'stable must be positive');
  if (stable > merchant.stable) {
    throw new EconomyError('INSUFFICIENT_STABLE', `${merchant.id} holds ${merchant.stable} stable`, {
      available: merchant.stable.toString(),
    });
  }
  const pointsMicro = fenToPoints(state, stable);
  if (pointsMicro === 0n)
    throw new EconomyError('SETTLE_TOO_SMALL', `${stable} stable buys no µpt at this price`);
  const treasury = requireAccount(state, TREASURY_ID, 'treasury');
  if (treasury.points < pointsMicro) {
    throw new EconomyError(
      'INSUFFICIENT_TREASURY',
      `the treasury holds ${treasury.points} µpt, needs ${pointsMicro}`,
      {
        available: treasury.points.toString(),
      },
    );
  }
  merchant.stable -= stable;
  state.totals.stableSettled += stable;
  treasury.points -= pointsMicro;
  merchant.points += pointsMicro;
  effects.move(L.stable(merchant.id), L.worldStable, 'stable', stable);
  effects.move(L.points(TREASURY_ID), L.points(merchant.id), 'upt', pointsMicro);
  effects.emit({ type: 'stable.settled', merchant: merchant.id, stable, points: pointsMicro });
}

/** `0 < n <= points`; `all` means every point held and is invalid when that is 0. */
function resolvePoints(account: Account, requested: PointsAmount): bigint {
  const pointsMicro = requested === 'all' ? account.points : requested;
  if (pointsMicro <= 0n) {
    throw new EconomyError(
      'INVALID_AMOUNT',
      requested === 'all' ? `${account.id} holds no points` : 'points must be positive',
    );
  }
  if (pointsMicro > account.points) {
    throw new EconomyError(
      'INSUFFICIENT_POINTS',
      `${account.id} holds ${account.points} µpt, not ${pointsMicro}`,
      {
        available: account.points.toString(),
      },
    );
  }
  return pointsMicro;
}
