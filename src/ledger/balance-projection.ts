import { type Asset, type CommandEffects, LEDGER_ASSETS, LEDGER_SUFFIXES } from '../economy/index.js';
import type { BalanceRow } from './store.js';

const SLOTS = LEDGER_SUFFIXES.length * LEDGER_ASSETS.length;

/**
 * The balances the postings give, per id and slot (suffix x asset), with what changed since the last
 * write. Why not a map of account names: an order has eight legs, and building a name and a key for
 * each was a tenth of the sequencer's time.
 */
export class BalanceProjection {
  private readonly byId = new Map<string, bigint[]>();
  /** id -> bit set of changed slots (28 slots fit in one number's 32 bits). */
  private readonly changed = new Map<string, number>();

  /** How many ids have balances. */
  get size(): number {
    return this.byId.size;
  }

  /** The balance of `account` (e.g. `ann:held`, `reserve`) in `asset`; 0 when never touched. */
  get(account: string, asset: string): bigint {
    const { id, slot } = locate(account, asset);
    return this.byId.get(id)?.[slot] ?? 0n;
  }

  /** Adds one command's postings. */
  project(effects: CommandEffects): void {
    effects.forEachLeg((id, slot, amount) => this.add(id, slot, amount));
  }

  add(id: string, slot: number, amount: bigint): void {
    let values = this.byId.get(id);
    if (values === undefined) {
      values = new Array<bigint>(SLOTS).fill(0n);
      this.byId.set(id, values);
    }
    values[slot] = values[slot]! + amount;
    this.changed.set(id, (this.changed.get(id) ?? 0) | (1 << slot));
  }

  /** Loads stored rows as the current values (nothing marked changed). */
  load(rows: readonly BalanceRow[]): void {
    for (const [account, asset, amount] of rows) {
      const { id, slot } = locate(account, asset);
      let values = this.byId.get(id);
      if (values === undefined) this.byId.set(id, (values = new Array<bigint>(SLOTS).fill(0n)));
      values[slot] = BigInt(amount);
    }
  }

  /** The changed balances as rows, clearing the marks. */
  takeChanged(): BalanceRow[] {
    const rows: BalanceRow[] = [];
    for (const [id, bits] of this.changed) {
      const values = this.byId.get(id)!;
      for (let slot = 0; slot < SLOTS; slot++) {
        if (bits & (1 << slot)) rows.push(rowOf(id, slot, values[slot]!));
      }
    }
    this.changed.clear();
    return rows;
  }

  /** Every balance ever touched, as rows (zeros included). */
  *rows(): Generator<BalanceRow> {
    for (const [id, values] of this.byId) {
      for (let slot = 0; slot < SLOTS; slot++) {
        if (values[slot] !== 0n) yield rowOf(id, slot, values[slot]!);
      }
    }
  }
}

function rowOf(id: string, slot: number, amount: bigint): BalanceRow {
  const suffix = LEDGER_SUFFIXES[slot % LEDGER_SUFFIXES.length]!;
  const asset = LEDGER_ASSETS[Math.floor(slot / LEDGER_SUFFIXES.length)]!;
  return [id + suffix, asset, amount.toString()];
}

/** `bob:cash` is id bob with suffix :cash; global accounts (`reserve`, `world:money`) have no suffix. */
function locate(account: string, asset: string): { id: string; slot: number } {
  const assetIndex = LEDGER_ASSETS.indexOf(asset as Asset);
  if (assetIndex < 0) throw new Error(`unknown asset ${asset} in stored balances`);
  const colon = account.indexOf(':');
  const suffixIndex =
    colon < 0 ? -1 : LEDGER_SUFFIXES.indexOf(account.slice(colon) as (typeof LEDGER_SUFFIXES)[number]);
  const global = colon < 0 || account.startsWith('world:') || suffixIndex < 1;
  return global
    ? { id: account, slot: 7 * assetIndex }
    : { id: account.slice(0, colon), slot: suffixIndex + 7 * assetIndex };
}
