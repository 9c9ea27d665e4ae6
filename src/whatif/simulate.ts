import {
  applyCommand,
  type CommandEffects,
  currentPrice,
  type EconomyCommand,
  EconomyError,
  type EconomyParams,
  type EconomyState,
  formatYuanPerPoint,
  MICRO_PER_POINT,
  restoreState,
  type StateSnapshot,
} from '../economy/index.js';

const BP_ONE = 10_000n;

/** Limits: the simulation runs inside a request, so its work is bounded before it starts. */
export const WHAT_IF_LIMITS = Object.freeze({
  daysMax: 365,
  ordersMax: 2_000_000,
  /** Synthetic buyers at the start (orders cycle through them) and added over the run. */
  initialMembersMax: 10_000,
  newMembersMax: 200_000,
  /**
   * Orders + each day's pass over the buyers (sells, converts) and over the holders (dividends): about
   * 5-10 µs each (measured), so the largest workload takes some 30 s of CPU, in slices.
   */
  workMax: 4_000_000,
  /** Commands applied between two yields of whatIfSteps, so a server keeps answering meanwhile. */
  sliceCommands: 5_000,
});

/**
 * A day's activity, repeated `days` times. Orders go to synthetic buyers in turn; rates are basis
 * points: stableShareBp of each order paid in stable points (as far as the buyer holds them), profitBp
 * its profit, sellRateBp and convertRateBp the share of each synthetic buyer's points sold and converted
 * at the end of each day, referralShareBp the share of new members referred by an earlier buyer.
 */
export interface WhatIfWorkload {
  readonly ordersPerDay: number;
  readonly orderFen: bigint;
  readonly stableShareBp: number;
  readonly profitBp: number;
  readonly sellRateBp: number;
  readonly convertRateBp: number;
  readonly newMembersPerDay: number;
  readonly referralShareBp: number;
  readonly days: number;
}

/** One simulated day's closing figures, every amount a decimal string. */
export interface WhatIfDay {
  day: number;
  priceYuanPerPoint: string;
  priceFenPerPointNum: string;
  priceFenPerPointDen: string;
  reserveFen: string;
  supplyMicro: string;
  outstandingQuotaFen: string;
  outstandingStable: string;
  dividendsPaidFen: string;
  exits: number;
}

export interface WhatIfTotals {
  orders: number;
  ordersFen: string;
  dividendsPaidFen: string;
  exits: number;
  pointsSoldMicro: string;
  sellNetFen: string;
  pointsConvertedMicro: string;
  stableFromConverts: string;
  syntheticMembers: number;
  /** Commands the rules refused (none are expected; counted rather than hidden). */
  rejected: number;
}

export interface WhatIfResult {
  paramsVersion: string;
  series: WhatIfDay[];
  totals: WhatIfTotals;
}

/** A workload over the limits: the code the API answers with, and what was too large. */
export class WhatIfTooLarge extends Error {
  override readonly name = 'WhatIfTooLarge';
  constructor(
    message: string,
    readonly details: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * The cost of a workload on a state of `holders` holders, checked before anything runs.
 * @throws WhatIfTooLarge
 */
export function checkWorkload(workload: WhatIfWorkload, holders: number): void {
  const { days, ordersPerDay, newMembersPerDay } = workload;
  for (const [name, value] of Object.entries(workload))
    if (typeof value === 'number' && (!Number.isSafeInteger(value) || value < 0))
      throw new Error(`assertion failed: ${name} is a non-negative integer`);
  if (days < 1 || days > WHAT_IF_LIMITS.daysMax) throw new Error('assertion failed: days in 1..365');
  if (workload.orderFen < 1n) throw new Error('assertion failed: orderFen >= 1');
  const orders = ordersPerDay * days;
  const members = initialMembers(workload) + newMembersPerDay * days;
  const work = orders + days * (2 * members + holders);
  const details = { orders: String(orders), members: String(members), work: String(work) };
  if (orders > WHAT_IF_LIMITS.ordersMax)
    throw new WhatIfTooLarge(`${orders} orders is more than ${WHAT_IF_LIMITS.ordersMax}`, details);
  if (newMembersPerDay * days > WHAT_IF_LIMITS.newMembersMax)
    throw new WhatIfTooLarge(
      `${newMembersPerDay * days} new members is more than ${WHAT_IF_LIMITS.newMembersMax}`,
      details,
    );
  if (work > WHAT_IF_LIMITS.workMax)
    throw new WhatIfTooLarge(
      `the workload needs about ${work} steps, more than ${WHAT_IF_LIMITS.workMax}`,
      details,
    );
}

const initialMembers = (workload: WhatIfWorkload): number =>
  Math.min(workload.ordersPerDay, WHAT_IF_LIMITS.initialMembersMax);

/**
 * What-if: from a copy of the economy (`snapshot`), under `params` when given (a params command on the
 * copy, so it is validated as the journal would), runs `workload` day by day with the engine: joins,
 * orders, one dividend run, sells, converts. Deterministic: the same inputs give the same series.
 * Pure: the snapshot is the only input and nothing outside the copy changes.
 * @throws WhatIfTooLarge; EconomyError INVALID_PARAMS, CAP_BELOW_MINTED for `params`
 */
export function simulateWhatIf(
  snapshot: StateSnapshot,
  workload: WhatIfWorkload,
  params?: EconomyParams,
): WhatIfResult {
  const steps = whatIfSteps(snapshot, workload, params);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/**
 * simulateWhatIf in slices: the generator yields after every `sliceCommands` commands, so a caller on a
 * server can let other work run between slices (the copy is its own; nothing else changes it).
 * @throws WhatIfTooLarge; EconomyError INVALID_PARAMS, CAP_BELOW_MINTED for `params`
 */
export function* whatIfSteps(
  snapshot: StateSnapshot,
  workload: WhatIfWorkload,
  params?: EconomyParams,
): Generator<void, WhatIfResult, void> {
  const state = restoreState(snapshot);
  checkWorkload(workload, state.holders.size);
  if (params !== undefined) applyCommand(state, { type: 'params', params });
  const run = new Run(state, workload);
  const series: WhatIfDay[] = [];
  for (let day = 1; day <= workload.days; day++) series.push(yield* run.day(day));
  return { paramsVersion: state.paramsVersion.toString(), series, totals: run.totals() };
}

/** The simulation's running state: the copy, its synthetic buyers and the totals so far. */
class Run {
  private readonly members: string[] = [];
  private nextMember = 0;
  private joined = 0;
  private nextBuyer = 0;
  private commands = 0;
  private quota = 0n;
  private stable = 0n;
  private dayPaid = 0n;
  private dayExits = 0;
  private readonly sum = {
    orders: 0,
    ordersFen: 0n,
    paid: 0n,
    exits: 0,
    sold: 0n,
    net: 0n,
    converted: 0n,
    gotStable: 0n,
    rejected: 0,
  };

  constructor(
    private readonly state: EconomyState,
    private readonly workload: WhatIfWorkload,
  ) {
    for (const account of state.accounts.values()) {
      this.quota += account.quota;
      this.stable += account.stable;
    }
    for (let i = 0; i < initialMembers(workload); i++) this.join(false);
  }

  *day(day: number): Generator<void, WhatIfDay, void> {
    this.dayPaid = 0n;
    this.dayExits = 0;
    const w = this.workload;
    const before = this.members.length;
    for (let i = 0; i < w.newMembersPerDay; i++) {
      const k = BigInt(this.joined);
      const referred =
        before > 0 &&
        ((k + 1n) * BigInt(w.referralShareBp)) / BP_ONE > (k * BigInt(w.referralShareBp)) / BP_ONE;
      this.join(referred);
      if (this.sliceDone()) yield;
    }
    for (let i = 0; i < w.ordersPerDay && this.members.length > 0; i++) {
      this.order();
      if (this.sliceDone()) yield;
    }
    const ran = this.apply({ type: 'dividends' });
    for (const event of ran?.events ?? []) if (event.type === 'dividends.ran') this.dayPaid += event.paid;
    yield* this.trade('sell', w.sellRateBp);
    yield* this.trade('convert', w.convertRateBp);
    this.sum.paid += this.dayPaid;
    this.sum.exits += this.dayExits;
    const price = currentPrice(this.state);
    return {
      day,
      priceYuanPerPoint: formatYuanPerPoint(price),
      priceFenPerPointNum: (price.num * MICRO_PER_POINT).toString(),
      priceFenPerPointDen: price.den.toString(),
      reserveFen: this.state.reserve.toString(),
      supplyMicro: this.state.supply.toString(),
      outstandingQuotaFen: this.quota.toString(),
      outstandingStable: this.stable.toString(),
      dividendsPaidFen: this.dayPaid.toString(),
      exits: this.dayExits,
    };
  }

  totals(): WhatIfTotals {
    const s = this.sum;
    return {
      orders: s.orders,
      ordersFen: s.ordersFen.toString(),
      dividendsPaidFen: s.paid.toString(),
      exits: s.exits,
      pointsSoldMicro: s.sold.toString(),
      sellNetFen: s.net.toString(),
      pointsConvertedMicro: s.converted.toString(),
      stableFromConverts: s.gotStable.toString(),
      syntheticMembers: this.members.length,
      rejected: s.rejected,
    };
  }

  /** A new synthetic consumer, referred (in turn) by an earlier one when `referred`. */
  private join(referred: boolean): void {
    let id = `whatif-${this.nextMember++}`;
    while (this.state.accounts.has(id)) id = `whatif-${this.nextMember++}`;
    const referrer = referred ? this.members[this.joined % this.members.length] : undefined;
    this.joined += 1;
    const done = this.apply(
      referrer === undefined ? { type: 'join', member: id } : { type: 'join', member: id, referrer },
    );
    if (done !== undefined) this.members.push(id);
  }

  private order(): void {
    const w = this.workload;
    const member = this.members[this.nextBuyer++ % this.members.length]!;
    const held = this.state.accounts.get(member)?.stable ?? 0n;
    const wanted = (w.orderFen * BigInt(w.stableShareBp)) / BP_ONE;
    const stable = wanted < held ? wanted : held;
    const profit = (w.orderFen * BigInt(w.profitBp)) / BP_ONE;
    if (this.apply({ type: 'order', member, amount: w.orderFen, stable, profit }) === undefined) return;
    this.sum.orders += 1;
    this.sum.ordersFen += w.orderFen;
  }

  /** Each synthetic buyer sells (or converts) `rateBp` of its points, floored; 0 is skipped. */
  private *trade(type: 'sell' | 'convert', rateBp: number): Generator<void, void, void> {
    if (rateBp === 0) return;
    for (const member of this.members) {
      if (this.sliceDone()) yield;
      const held = this.state.accounts.get(member)?.points ?? 0n;
      const points = (held * BigInt(rateBp)) / BP_ONE;
      if (points === 0n) continue;
      const effects = this.apply({ type, member, points });
      for (const event of effects?.events ?? []) {
        if (event.type === 'points.sold') {
          this.sum.sold += event.points;
          this.sum.net += event.net;
        } else if (event.type === 'points.converted') {
          this.sum.converted += event.points;
          this.sum.gotStable += event.stable;
        }
      }
    }
  }

  private sliceDone(): boolean {
    this.commands += 1;
    return this.commands % WHAT_IF_LIMITS.sliceCommands === 0;
  }

  /** Applies one command; keeps the running sums of quota and stable from its world postings. */
  private apply(command: EconomyCommand): CommandEffects | undefined {
    let effects: CommandEffects;
    try {
      effects = applyCommand(this.state, command);
    } catch (error) {
      if (!(error instanceof EconomyError)) throw error;
      this.sum.rejected += 1;
      return undefined;
    }
    // Every account's quota comes from and goes back to world:quota, stable points to world:stable.
    effects.forEachPosting((account, _asset, amount) => {
      if (account === 'world:quota') this.quota -= amount;
      else if (account === 'world:stable') this.stable -= amount;
    });
    for (const event of effects.events) if (event.type === 'member.exited') this.dayExits += 1;
    return effects;
  }
}
