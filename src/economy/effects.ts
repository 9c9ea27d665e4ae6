import type { Asset, CommandEffects, EconomyEvent, Posting } from './types.js';

/**
 * The accounts of CONTRACTS.md "The journal": `<id>:<suffix>` per account, plus global ones. A leg
 * stores the id and a suffix code instead of the joined name, so a dividend run over a million holders
 * does not build four million strings and objects that the journal would only turn into text again.
 */
export const LEDGER_SUFFIXES = ['', ':cash', ':stable', ':points', ':quota', ':held', ':sales'] as const;
const SUFFIXES = LEDGER_SUFFIXES;
const Suffix = { None: 0, Cash: 1, Stable: 2, Points: 3, Quota: 4, Held: 5, Sales: 6 } as const;
type SuffixCode = (typeof Suffix)[keyof typeof Suffix];
export const LEDGER_ASSETS: readonly Asset[] = ['fen', 'upt', 'stable', 'quota'];
const ASSETS = LEDGER_ASSETS;
const ASSET_CODE: Readonly<Record<Asset, number>> = { fen: 0, upt: 1, stable: 2, quota: 3 };

/** A ledger account as an id and a suffix; global accounts have no suffix. */
export interface LedgerAccount {
  readonly id: string;
  readonly suffix: SuffixCode;
}

const account =
  (suffix: SuffixCode) =>
  (id: string): LedgerAccount => ({ id, suffix });
const global = (id: string): LedgerAccount => ({ id, suffix: Suffix.None });

export const ledgerAccount = {
  cash: account(Suffix.Cash),
  stable: account(Suffix.Stable),
  points: account(Suffix.Points),
  quota: account(Suffix.Quota),
  held: account(Suffix.Held),
  sales: account(Suffix.Sales),
  reserve: global('reserve'),
  dividendFund: global('dividend-fund'),
  worldMoney: global('world:money'),
  worldMint: global('world:mint'),
  worldStable: global('world:stable'),
  worldQuota: global('world:quota'),
} as const;

/** Collects one command's postings and events in the order CONTRACTS.md's table gives them. */
export class EffectsRecorder implements CommandEffects {
  readonly events: EconomyEvent[] = [];
  private readonly ids: string[] = [];
  /** suffix + 8 * asset + 32 if the leg is negative. */
  private readonly codes: number[] = [];
  private readonly amounts: bigint[] = [];
  private materialized: Posting[] | undefined;

  /** Two legs, `from` -amount then `to` +amount; a zero amount is left out. */
  move(from: LedgerAccount, to: LedgerAccount, asset: Asset, amount: bigint): void {
    if (amount === 0n) return;
    this.leg(from, asset, amount, true);
    this.leg(to, asset, amount, false);
  }

  /** One leg of signed `amount`; used where one source feeds several accounts (an order's cash part). */
  post(target: LedgerAccount, asset: Asset, amount: bigint): void {
    if (amount > 0n) this.leg(target, asset, amount, false);
    else if (amount < 0n) this.leg(target, asset, -amount, true);
  }

  emit(event: EconomyEvent): void {
    this.events.push(event);
  }

  get postingCount(): number {
    return this.ids.length;
  }

  /** Visits every posting in order without building objects (the journal's serializer uses this). */
  forEachPosting(visit: (account: string, asset: Asset, amount: bigint) => void): void {
    for (let i = 0; i < this.ids.length; i++) {
      const code = this.codes[i]!;
      const magnitude = this.amounts[i]!;
      visit(this.ids[i]! + SUFFIXES[code & 7]!, ASSETS[(code >> 3) & 3]!, code & 32 ? -magnitude : magnitude);
    }
  }

  /**
   * Visits every leg as (id, slot, signed amount) where slot = suffix + 7 * asset indexes
   * LEDGER_SUFFIXES and LEDGER_ASSETS: the balance projection's form, with no string built.
   */
  forEachLeg(visit: (id: string, slot: number, amount: bigint) => void): void {
    for (let i = 0; i < this.ids.length; i++) {
      const code = this.codes[i]!;
      const magnitude = this.amounts[i]!;
      visit(this.ids[i]!, (code & 7) + 7 * ((code >> 3) & 3), code & 32 ? -magnitude : magnitude);
    }
  }

  get postings(): Posting[] {
    if (this.materialized === undefined) {
      const postings: Posting[] = [];
      this.forEachPosting((name, asset, amount) => postings.push({ account: name, asset, amount }));
      this.materialized = postings;
    }
    return this.materialized;
  }

  private leg(target: LedgerAccount, asset: Asset, magnitude: bigint, negative: boolean): void {
    this.ids.push(target.id);
    this.codes.push(target.suffix + 8 * ASSET_CODE[asset] + (negative ? 32 : 0));
    this.amounts.push(magnitude);
  }
}
