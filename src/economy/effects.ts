import type { Asset, CommandEffects, EconomyEvent, Posting } from './types.js';

/** Collects one command's postings and events in the order CONTRACTS.md's table gives them. */
export class EffectsRecorder implements CommandEffects {
  readonly postings: Posting[] = [];
  readonly events: EconomyEvent[] = [];

  /** Two legs, `from` -amount then `to` +amount; a zero amount is left out. */
  move(from: string, to: string, asset: Asset, amount: bigint): void {
    if (amount === 0n) return;
    this.postings.push({ account: from, asset, amount: -amount }, { account: to, asset, amount });
  }

  /** One leg; used where one source feeds several accounts (an order's cash part). */
  post(account: string, asset: Asset, amount: bigint): void {
    if (amount !== 0n) this.postings.push({ account, asset, amount });
  }

  emit(event: EconomyEvent): void {
    this.events.push(event);
  }
}

/** The accounts of CONTRACTS.md "The journal": `<id>:cash`, global `reserve`, issuing `world:*`. */
export const ledgerAccount = {
  cash: (id: string) => `${id}:cash`,
  stable: (id: string) => `${id}:stable`,
  points: (id: string) => `${id}:points`,
  quota: (id: string) => `${id}:quota`,
  held: (id: string) => `${id}:held`,
  sales: (id: string) => `${id}:sales`,
  reserve: 'reserve',
  dividendFund: 'dividend-fund',
  worldMoney: 'world:money',
  worldMint: 'world:mint',
  worldStable: 'world:stable',
  worldQuota: 'world:quota',
} as const;
