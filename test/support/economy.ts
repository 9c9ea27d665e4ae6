/**
 * Helpers shared by the economy's unit and property tests: building states, snapshotting them, and
 * checking that a rejected command leaves everything as it was (SPEC.md: each operation is atomic).
 */
import { expect } from 'vitest';
import {
  type Account,
  applyCommand,
  type CommandEffects,
  createState,
  DEFAULT_PARAMS,
  type EconomyCommand,
  EconomyError,
  type EconomyErrorCode,
  type EconomyParams,
  type EconomyState,
  type Posting,
} from '../../src/economy/index.js';

/** The defaults with some parameters changed. */
export function paramsWith(overrides: Partial<EconomyParams> = {}): EconomyParams {
  return { ...DEFAULT_PARAMS, ...overrides };
}

/** A fresh state under the defaults (or the overrides) after applying `commands` in order. */
export function stateAfter(commands: readonly EconomyCommand[], overrides: Partial<EconomyParams> = {}) {
  const state = createState(paramsWith(overrides));
  for (const command of commands) applyCommand(state, command);
  return state;
}

export function account(state: EconomyState, id: string): Account {
  const found = state.accounts.get(id);
  if (found === undefined) throw new Error(`test expected account ${id} to exist`);
  return found;
}

/** An account's SPEC.md fields as a plain object, whatever the engine stores them in. */
export function view(state: EconomyState, id: string) {
  const a = account(state, id);
  return {
    kind: a.kind,
    points: a.points,
    stable: a.stable,
    cash: a.cash,
    quota: a.quota,
    referrer: a.referrer,
    status: a.status,
  };
}

/** Everything SPEC.md calls state, as plain data that deep-equality can compare. */
export function snapshot(state: EconomyState) {
  return {
    params: { ...state.params },
    paramsVersion: state.paramsVersion,
    reserve: state.reserve,
    supply: state.supply,
    minted: state.minted,
    burned: state.burned,
    dividendFund: state.dividendFund,
    lastPrice: { ...state.lastPrice },
    accounts: [...state.accounts.keys()].map((id) => ({ id, ...view(state, id) })),
    // The holder queue is derived, but a rejected command must not disturb it either.
    holders: state.holders
      .holders()
      .map((h) => h.id)
      .sort(),
  };
}

/** Applies a command the rules must refuse with `code`, and checks that nothing changed. */
export function expectRejected(state: EconomyState, command: EconomyCommand, code: EconomyErrorCode): void {
  const before = snapshot(state);
  let caught: unknown;
  try {
    applyCommand(state, command);
  } catch (error) {
    caught = error;
  }
  expect(caught, `${command.type} should be rejected with ${code}`).toBeInstanceOf(EconomyError);
  expect((caught as EconomyError).code).toBe(code);
  expect(snapshot(state)).toEqual(before);
}

/** The postings as compact `[account, asset, amount]` triples, as CONTRACTS.md writes them. */
export function legs(effects: CommandEffects): [string, string, bigint][] {
  return effects.postings.map((p) => [p.account, p.asset, p.amount]);
}

/** Postings and events as plain data, whatever object the engine returns them in. */
export function plainEffects(effects: CommandEffects) {
  return { postings: [...effects.postings], events: [...effects.events] };
}

/** Sum of postings per asset; every entry must give zero for each (CONTRACTS.md "The journal"). */
export function sumsByAsset(postings: readonly Posting[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const p of postings) sums.set(p.asset, (sums.get(p.asset) ?? 0n) + p.amount);
  return sums;
}

export function expectBalanced(postings: readonly Posting[]): void {
  for (const [asset, sum] of sumsByAsset(postings)) expect(sum, `postings of ${asset}`).toBe(0n);
  for (const p of postings) expect(p.amount, `zero posting on ${p.account}`).not.toBe(0n);
}

/** a/b <= c/d for positive denominators, by cross multiplication (prices are exact rationals). */
export function ratioAtMost(a: { num: bigint; den: bigint }, b: { num: bigint; den: bigint }): boolean {
  return a.num * b.den <= b.num * a.den;
}
