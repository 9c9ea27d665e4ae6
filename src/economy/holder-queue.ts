import { assert } from './errors.js';
import { compareIds } from './ids.js';
import type { Account } from './types.js';

const RATIO_SHIFT = 64n;

/** floor(quota * 2^64 / points): if two keys differ, the ratios quota/points differ the same way. */
export function ratioKeyOf(account: Account): bigint {
  return (account.quota << RATIO_SHIFT) / account.points;
}

/**
 * SPEC.md's holder order: quota / points ascending (cross-multiplied, exact), ties by id in UTF-8 byte
 * order. The pre-computed ratio keys decide almost every comparison without a multiplication.
 */
export function holderPrecedes(a: Account, b: Account): boolean {
  return compareHolders(a, b) < 0;
}

export function compareHolders(a: Account, b: Account): number {
  if (a.ratioKey !== b.ratioKey) return a.ratioKey < b.ratioKey ? -1 : 1;
  const difference = a.quota * b.points - b.quota * a.points;
  if (difference !== 0n) return difference < 0n ? -1 : 1;
  return compareIds(a.id, b.id);
}

/**
 * An indexed binary min-heap of the consumers that hold points, ordered by `holderPrecedes`. Each
 * account knows its own position, so a change of its points or quota re-sorts it in O(log n) and the
 * forced-exit cascade finds the next candidate in O(1) (SPEC.md "Forced-exit cascade").
 */
export class HolderQueue {
  private readonly heap: Account[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): Account | undefined {
    return this.heap[0];
  }

  /** Every queued holder, in no particular order. */
  holders(): readonly Account[] {
    return this.heap;
  }

  /** Puts the account where its current points and quota say: queued iff points > 0. */
  update(account: Account): void {
    if (account.points > 0n) {
      account.ratioKey = ratioKeyOf(account);
      if (account.queueIndex < 0) this.insert(account);
      else this.resift(account.queueIndex);
    } else if (account.queueIndex >= 0) {
      this.remove(account);
    }
  }

  /** Rebuilds the order in O(n) after many holders changed at once (a dividend run). */
  rebuild(): void {
    for (const account of this.heap) account.ratioKey = ratioKeyOf(account);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private insert(account: Account): void {
    account.queueIndex = this.heap.length;
    this.heap.push(account);
    this.siftUp(account.queueIndex);
  }

  private remove(account: Account): void {
    const index = account.queueIndex;
    assert(this.heap[index] === account, 'holder queue index out of sync');
    const last = this.heap.pop()!;
    account.queueIndex = -1;
    if (last === account) return;
    this.heap[index] = last;
    last.queueIndex = index;
    this.resift(index);
  }

  private resift(index: number): void {
    if (!this.siftUp(index)) this.siftDown(index);
  }

  private siftUp(start: number): boolean {
    const heap = this.heap;
    const account = heap[start]!;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!holderPrecedes(account, parent)) break;
      heap[index] = parent;
      parent.queueIndex = index;
      index = parentIndex;
    }
    heap[index] = account;
    account.queueIndex = index;
    return index !== start;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const length = heap.length;
    const account = heap[start]!;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && holderPrecedes(heap[right]!, heap[left]!)) child = right;
      const childAccount = heap[child]!;
      if (!holderPrecedes(childAccount, account)) break;
      heap[index] = childAccount;
      childAccount.queueIndex = index;
      index = child;
    }
    heap[index] = account;
    account.queueIndex = index;
  }
}
