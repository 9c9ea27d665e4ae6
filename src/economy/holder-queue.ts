import type { Account, AccountColumns } from './account-store.js';
import { assert } from './errors.js';
import { compareIds } from './ids.js';

const RATIO_SHIFT = 64n;

/**
 * SPEC.md's holder order: quota / points ascending (cross-multiplied, exact), ties by id in UTF-8 byte
 * order. The stored ratio keys floor(quota * 2^64 / points) decide almost every comparison without a
 * multiplication: if two keys differ, the ratios differ the same way.
 */
export function compareHolders(a: Account, b: Account, columns: AccountColumns): number {
  return compareSlots(columns, a.slot, b.slot);
}

function compareSlots(columns: AccountColumns, a: number, b: number): number {
  const keyA = columns.ratioKey(a);
  const keyB = columns.ratioKey(b);
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  const difference =
    columns.read('quota', a) * columns.read('points', b) -
    columns.read('quota', b) * columns.read('points', a);
  if (difference !== 0n) return difference < 0n ? -1 : 1;
  return compareIds(columns.accounts[a]!.id, columns.accounts[b]!.id);
}

/**
 * An indexed binary min-heap of the consumers that hold points, in holder order. It stores account
 * slots and each record keeps its own position, so a change of points or quota re-sorts the holder in
 * O(log n) and the forced-exit cascade finds the next candidate in O(1) (SPEC.md "Forced-exit cascade").
 */
export class HolderQueue {
  private heap = new Int32Array(1024);
  private length = 0;

  constructor(private readonly columns: AccountColumns) {}

  get size(): number {
    return this.length;
  }

  peek(): Account | undefined {
    return this.length === 0 ? undefined : this.columns.accounts[this.heap[0]!];
  }

  /** Every queued holder, in no particular order. */
  holders(): Account[] {
    const accounts = this.columns.accounts;
    const result: Account[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) result[i] = accounts[this.heap[i]!]!;
    return result;
  }

  /** Puts the account where its current points and quota say: queued iff points > 0. */
  update(account: Account): void {
    const { slot } = account;
    const columns = this.columns;
    const points = columns.read('points', slot);
    const index = columns.queueIndex(slot);
    if (points > 0n) {
      columns.setRatioKey(slot, (columns.read('quota', slot) << RATIO_SHIFT) / points);
      if (index < 0) this.insert(slot);
      else if (!this.siftUp(index)) this.siftDown(index);
    } else if (index >= 0) {
      this.remove(slot, index);
    }
  }

  /** Rebuilds the order in O(n) after many holders changed at once (a dividend run). */
  rebuild(): void {
    const columns = this.columns;
    for (let i = 0; i < this.length; i++) {
      const slot = this.heap[i]!;
      columns.setRatioKey(slot, (columns.read('quota', slot) << RATIO_SHIFT) / columns.read('points', slot));
    }
    for (let i = (this.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private insert(slot: number): void {
    if (this.length === this.heap.length) {
      const larger = new Int32Array(this.heap.length * 2);
      larger.set(this.heap);
      this.heap = larger;
    }
    const index = this.length++;
    this.place(slot, index);
    this.siftUp(index);
  }

  private remove(slot: number, index: number): void {
    assert(this.heap[index] === slot, 'holder queue position out of sync');
    const last = this.heap[--this.length]!;
    this.columns.setQueueIndex(slot, -1);
    if (last === slot) return;
    this.place(last, index);
    if (!this.siftUp(index)) this.siftDown(index);
  }

  private place(slot: number, index: number): void {
    this.heap[index] = slot;
    this.columns.setQueueIndex(slot, index);
  }

  private siftUp(start: number): boolean {
    const heap = this.heap;
    const slot = heap[start]!;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (compareSlots(this.columns, slot, parent) >= 0) break;
      this.place(parent, index);
      index = parentIndex;
    }
    if (index !== start) this.place(slot, index);
    return index !== start;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const length = this.length;
    const slot = heap[start]!;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && compareSlots(this.columns, heap[right]!, heap[left]!) < 0) child = right;
      const childSlot = heap[child]!;
      if (compareSlots(this.columns, childSlot, slot) >= 0) break;
      this.place(childSlot, index);
      index = child;
    }
    if (index !== start) this.place(slot, index);
  }
}
