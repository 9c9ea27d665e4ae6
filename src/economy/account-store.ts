import { assert } from './errors.js';
import type { AccountKind, AccountStatus } from './types.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
/** Marks a cell whose value lives in the overflow map (the one i64 value no balance takes directly). */
const OVERFLOW = I64_MIN;
const U64_MAX = 2n ** 64n - 1n;
const INITIAL_CAPACITY = 1024;

/**
 * One 64-byte record per account, so that everything an order touches of one account sits in one
 * cache line: four balances, the holder queue's ratio key and the account's position in that queue.
 */
const RECORD_CELLS = 8;
const COLUMN = { points: 0, stable: 1, cash: 2, quota: 3, heldFen: 6, heldStable: 7 } as const;
const RATIO_KEY_CELL = 4;
/** In 32-bit units: the queue position sits in cell 5. */
const QUEUE_INDEX_WORD = 10;

/** Which 32-bit half of a 64-bit cell comes first in memory on this machine. */
const LOW_HALF = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** The balances every account has: SPEC's four and the two the mall holds for open orders. */
export type BalanceColumn = keyof typeof COLUMN;

/**
 * The balances of all accounts as records in one typed array. Why: with a million holders, bigint
 * fields on each account object make every changed balance a long-lived heap object that the garbage
 * collector must mark, and spread one account over several cache lines; a typed array holds no objects.
 * Values outside the signed 64-bit range (SPEC.md sets no upper bound) stay exact in an overflow map.
 */
export class AccountColumns {
  private capacity = INITIAL_CAPACITY;
  private signed = new BigInt64Array(INITIAL_CAPACITY * RECORD_CELLS);
  private unsigned = new BigUint64Array(this.signed.buffer);
  private words = new Int32Array(this.signed.buffer);
  private unsignedWords = new Uint32Array(this.signed.buffer);
  private readonly overflow = new Map<number, bigint>();
  /** Accounts by slot, for the rare comparisons that need the id. */
  readonly accounts: Account[] = [];

  /** A new slot with every balance 0, not queued. */
  allocate(account: Account): number {
    if (this.accounts.length === this.capacity) this.grow();
    const slot = this.accounts.length;
    this.accounts.push(account);
    this.words[slot * 2 * RECORD_CELLS + QUEUE_INDEX_WORD] = -1;
    return slot;
  }

  read(column: BalanceColumn, slot: number): bigint {
    const cell = slot * RECORD_CELLS + COLUMN[column];
    const value = this.signed[cell]!;
    return value === OVERFLOW ? this.overflow.get(cell)! : value;
  }

  write(column: BalanceColumn, slot: number, value: bigint): void {
    const cell = slot * RECORD_CELLS + COLUMN[column];
    if (this.signed[cell] === OVERFLOW) this.overflow.delete(cell);
    if (value > I64_MIN && value <= I64_MAX) {
      this.signed[cell] = value;
    } else {
      this.signed[cell] = OVERFLOW;
      this.overflow.set(cell, value);
    }
  }

  /** floor(quota * 2^64 / points), saturated at 2^64 - 1 (ratios >= 1 then tie and compare exactly). */
  ratioKey(slot: number): bigint {
    return this.unsigned[slot * RECORD_CELLS + RATIO_KEY_CELL]!;
  }

  setRatioKey(slot: number, key: bigint): void {
    assert(key >= 0n, 'ratio keys are not negative');
    this.unsigned[slot * RECORD_CELLS + RATIO_KEY_CELL] = key > U64_MAX ? U64_MAX : key;
  }

  /** The ratio key's low and high 32 bits, read without making a bigint (for radix sorting). */
  ratioKeyWords(slot: number, into: { low: Uint32Array; high: Uint32Array }, at: number): void {
    const word = slot * 2 * RECORD_CELLS + 2 * RATIO_KEY_CELL;
    into.low[at] = this.unsignedWords[word + LOW_HALF]!;
    into.high[at] = this.unsignedWords[word + 1 - LOW_HALF]!;
  }

  queueIndex(slot: number): number {
    return this.words[slot * 2 * RECORD_CELLS + QUEUE_INDEX_WORD]!;
  }

  setQueueIndex(slot: number, index: number): void {
    this.words[slot * 2 * RECORD_CELLS + QUEUE_INDEX_WORD] = index;
  }

  private grow(): void {
    this.capacity *= 2;
    const larger = new BigInt64Array(this.capacity * RECORD_CELLS);
    larger.set(this.signed);
    this.signed = larger;
    this.unsigned = new BigUint64Array(larger.buffer);
    this.words = new Int32Array(larger.buffer);
    this.unsignedWords = new Uint32Array(larger.buffer);
  }
}

/** One account of SPEC.md "State": its identity here, its balances in the shared records. */
export class Account {
  status: AccountStatus = 'active';
  readonly slot: number;
  /**
   * Fen the mall owes this merchant for its completed orders (`<id>:sales`), less what was paid out.
   * A plain field, not a record cell: only merchants have it, and they are few.
   */
  sales = 0n;

  constructor(
    readonly id: string,
    readonly kind: AccountKind,
    /** Consumers only, fixed at join. */
    readonly referrer: string | undefined,
    private readonly columns: AccountColumns,
  ) {
    this.slot = columns.allocate(this);
  }

  /** Equity points (增值积分) held, in µpt. */
  get points(): bigint {
    return this.columns.read('points', this.slot);
  }
  set points(value: bigint) {
    this.columns.write('points', this.slot, value);
  }
  /** Stable points (恒定积分), 1 stable = 1 fen. */
  get stable(): bigint {
    return this.columns.read('stable', this.slot);
  }
  set stable(value: bigint) {
    this.columns.write('stable', this.slot, value);
  }
  /** Money the economy owes this account, in fen. */
  get cash(): bigint {
    return this.columns.read('cash', this.slot);
  }
  set cash(value: bigint) {
    this.columns.write('cash', this.slot, value);
  }
  /** Remaining dividend quota (分红额度), in fen. */
  get quota(): bigint {
    return this.columns.read('quota', this.slot);
  }
  set quota(value: bigint) {
    this.columns.write('quota', this.slot, value);
  }
  /** Fen set aside for an open order (`<id>:held`, CONTRACTS.md), released by a refund or spent at completion. */
  get heldFen(): bigint {
    return this.columns.read('heldFen', this.slot);
  }
  set heldFen(value: bigint) {
    this.columns.write('heldFen', this.slot, value);
  }
  /** Stable points set aside for an open order. */
  get heldStable(): bigint {
    return this.columns.read('heldStable', this.slot);
  }
  set heldStable(value: bigint) {
    this.columns.write('heldStable', this.slot, value);
  }
}
