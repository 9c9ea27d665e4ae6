import type { Account } from './account-store.js';
import { runForcedExitCascade } from './cascade.js';
import { type EffectsRecorder, ledgerAccount as L } from './effects.js';
import { compareHolders } from './holder-queue.js';
import { compareIds } from './ids.js';
import { radixOrderU64, sortEqualKeyRuns } from './radix-sort.js';
import type { EconomyState } from './state.js';

const U64_LIMIT = 2n ** 64n;
const I64_LIMIT = 2n ** 63n;
const LOW_MASK = 0xffff_ffffn;

/**
 * SPEC.md "dividends()" (分红): shares the dividend fund among active consumers with points and quota,
 * weighted by points, no one above their quota (water-filling), then runs the cascade once.
 * O(n) sorting by radix plus exact tie-breaks. Never rejects.
 */
export function applyDividends(state: EconomyState, effects: EffectsRecorder): void {
  const eligible = sortedEligibleHolders(state);
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
  state.totals.dividendsPaid += paid;
  state.totals.quotaRetired += paid;
  if (paidHolders > 0n) state.holders.rebuild();
  effects.emit({ type: 'dividends.ran', paid, holders: paidHolders, left: state.dividendFund });
  runForcedExitCascade(state, effects);
}

/** Active consumers with points and quota, by quota/points ascending, ties by id (SPEC.md step 1). */
function sortedEligibleHolders(state: EconomyState): Account[] {
  const { columns } = state;
  const eligible = state.holders.holders().filter((h) => h.status === 'active' && h.quota > 0n);
  const keys = { low: new Uint32Array(eligible.length), high: new Uint32Array(eligible.length) };
  for (let i = 0; i < eligible.length; i++) columns.ratioKeyWords(eligible[i]!.slot, keys, i);
  const order = radixOrderU64(keys.low, keys.high);
  sortEqualKeyRuns(order, keys.low, keys.high, (a, b) => compareHolders(eligible[a]!, eligible[b]!, columns));
  return Array.from(order, (i) => eligible[i]!);
}

/**
 * The payout of each holder of `sorted` (quota/points ascending): whole quotas while the fund covers
 * them pro rata, then floor shares, then the leftover fen one each by the largest remainders
 * (F * points) mod W, ties by id.
 */
export function waterFill(sorted: readonly Account[], fundFen: bigint): BigInt64Array | bigint[] {
  // Each payout is at most the fund: a typed array holds them without a heap object each when it fits.
  const payouts =
    fundFen < I64_LIMIT ? new BigInt64Array(sorted.length) : new Array<bigint>(sorted.length).fill(0n);
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

  const remaining = sorted.length - first;
  const remainders = new RemainderList(remaining, weight);
  let distributed = 0n;
  for (let i = 0; i < remaining; i++) {
    const scaled = fund * sorted[first + i]!.points;
    const share = scaled / weight;
    payouts[first + i] = share;
    distributed += share;
    remainders.set(i, scaled % weight);
  }
  const leftover = Number(fund - distributed);
  const ranked = remainders.rankLargestFirst((a, b) =>
    compareIds(sorted[first + a]!.id, sorted[first + b]!.id),
  );
  for (let k = 0; k < leftover; k++) {
    const index = first + ranked[k]!;
    payouts[index] = payouts[index]! + 1n;
  }
  return payouts;
}

/**
 * The remainders (F * points) mod W, as 32-bit halves when W < 2^64 (the usual case: radix-ranked in
 * O(n) without a bigint each) or as bigints otherwise.
 */
class RemainderList {
  private readonly low: Uint32Array | undefined;
  private readonly high: Uint32Array | undefined;
  private readonly big: bigint[] | undefined;

  constructor(length: number, weight: bigint) {
    if (weight <= U64_LIMIT) {
      this.low = new Uint32Array(length);
      this.high = new Uint32Array(length);
    } else {
      this.big = new Array<bigint>(length);
    }
  }

  set(index: number, remainder: bigint): void {
    if (this.big !== undefined) this.big[index] = remainder;
    else {
      this.low![index] = Number(remainder & LOW_MASK);
      this.high![index] = Number(remainder >> 32n);
    }
  }

  /** Positions, largest remainder first, ties by `tieBreak`. */
  rankLargestFirst(tieBreak: (a: number, b: number) => number): ArrayLike<number> {
    const big = this.big;
    if (big !== undefined) {
      return Array.from(big, (_, i) => i).sort((a, b) =>
        big[a] === big[b] ? tieBreak(a, b) : big[a]! > big[b]! ? -1 : 1,
      );
    }
    const order = radixOrderU64(this.low!, this.high!, true);
    sortEqualKeyRuns(order, this.low!, this.high!, tieBreak);
    return order;
  }
}
