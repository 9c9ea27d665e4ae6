import { type EffectsRecorder, ledgerAccount as L } from './effects.js';
import { assert } from './errors.js';
import { type EconomyState, pointsToFen } from './state.js';
import type { Account } from './types.js';

/**
 * Sells `pointsMicro` of an account back to the reserve (SPEC.md "sell", steps after validation) and
 * records the postings; returns the net proceeds in fen. The fee stays in the reserve.
 */
export function burnPoints(
  state: EconomyState,
  account: Account,
  pointsMicro: bigint,
  effects: EffectsRecorder,
): bigint {
  assert(pointsMicro > 0n && pointsMicro <= account.points, 'sale within holdings');
  const gross = pointsToFen(state, pointsMicro);
  const net = (gross * (10_000n - state.params.sellFeeRate)) / 10_000n;
  if (state.supply === pointsMicro) state.lastPrice = { num: state.reserve, den: state.supply };
  state.reserve -= net;
  state.totals.sellNet += net;
  state.totals.sellFees += gross - net;
  state.supply -= pointsMicro;
  state.burned += pointsMicro;
  account.points -= pointsMicro;
  account.cash += net;
  if (account.kind === 'consumer') state.holders.update(account);
  effects.move(L.points(account.id), L.worldMint, 'upt', pointsMicro);
  effects.move(L.reserve, L.cash(account.id), 'fen', net);
  assert(state.reserve >= 0n, 'reserve never goes negative');
  return net;
}

/**
 * SPEC.md "Forced-exit cascade" (出局): while the holder with the lowest quota/points holds value at
 * least its remaining quota, sell all its points, clear its quota and mark it exited. O(log n) per exit.
 */
export function runForcedExitCascade(state: EconomyState, effects: EffectsRecorder): void {
  if (!state.params.exitEnabled) return;
  for (;;) {
    const holder = state.holders.peek();
    if (holder === undefined) return;
    if (holder.points * state.reserve < holder.quota * state.supply) return;
    const pointsMicro = holder.points;
    const net = burnPoints(state, holder, pointsMicro, effects);
    effects.move(L.quota(holder.id), L.worldQuota, 'quota', holder.quota);
    state.totals.quotaRetired += holder.quota;
    state.totals.exits += 1n;
    holder.quota = 0n;
    holder.status = 'exited';
    effects.emit({ type: 'member.exited', member: holder.id, points: pointsMicro, net });
  }
}
