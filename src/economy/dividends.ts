import { runForcedExitCascade } from './cascade.js';
import { type EffectsRecorder, ledgerAccount as L } from './effects.js';
import { compareHolders } from './holder-queue.js';
import { compareIds } from './ids.js';
import type { EconomyState } from './state.js';
import type { Account } from './types.js';

/**
 * SPEC.md "dividends()" (分红): shares the dividend fund among active consumers with points and quota,
 * weighted by points, no one above their quota (water-filling), then runs the cascade once.
 * O(n log n) in the number of holders. Never rejects.
 */
export function applyDividends(state: EconomyState, effects: EffectsRecorder): void {
  const eligible = state.holders.holders().filter((h) => h.status === 'active' && h.quota > 0n);
  eligible.sort(compareHolders);
  const payouts = waterFill(eligible, state.dividendFund);

  let paid = 0n;
  let paidHolders = 0n;
  for (let i = 0; i < eligible.length; i++) {
    const payout = payouts[i]!;
    if (payout === 0n) continue;
    const holder = eligible[i]!;
    holder.cash += payout;
    holder.quota -= payout;
    paid += payout;
    paidHolders += 1n;
    effects.move(L.dividendFund, L.cash(holder.id), 'fen', payout);
    effects.move(L.quota(holder.id), L.worldQuota, 'quota', payout);
  }
  state.dividendFund -= paid;
  if (paidHolders > 0n) state.holders.rebuild();
  effects.emit({ type: 'dividends.ran', paid, holders: paidHolders, left: state.dividendFund });
  runForcedExitCascade(state, effects);
}

/**
 * The payout of each holder of `sorted` (quota/points ascending): whole quotas while the fund covers
 * them pro rata, then floor shares, then the leftover fen one each by the largest remainders.
 */
export function waterFill(sorted: readonly Account[], fundFen: bigint): bigint[] {
  const payouts: bigint[] = new Array<bigint>(sorted.length).fill(0n);
  let fund = fundFen;
  let weight = 0n;
  for (const holder of sorted) weight += holder.points;

  let first = 0;
  while (first < sorted.length) {
    const holder = sorted[first]!;
    if (holder.quota * weight > fund * holder.points) break;
    payouts[first] = holder.quota;
    fund -= holder.quota;
    weight -= holder.points;
    first++;
  }
  if (first === sorted.length || fund === 0n) return payouts;

  const remainders: { index: number; remainder: bigint }[] = [];
  let distributed = 0n;
  for (let i = first; i < sorted.length; i++) {
    const scaled = fund * sorted[i]!.points;
    const share = scaled / weight;
    payouts[i] = share;
    distributed += share;
    remainders.push({ index: i, remainder: scaled % weight });
  }
  const leftover = Number(fund - distributed);
  if (leftover > 0) {
    remainders.sort(
      (a, b) =>
        (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
        compareIds(sorted[a.index]!.id, sorted[b.index]!.id),
    );
    for (let k = 0; k < leftover; k++) {
      const { index } = remainders[k]!;
      payouts[index] = payouts[index]! + 1n;
    }
  }
  return payouts;
}
