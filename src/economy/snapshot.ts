import { assert } from './errors.js';
import { paramsFromInput } from './params.js';
import { addAccount, createState, type EconomyState, TOTAL_NAMES } from './state.js';
import type { AccountKind, AccountStatus } from './types.js';

/** A state as plain JSON-safe data: every integer a decimal string, accounts in creation order. */
export interface StateSnapshot {
  readonly format: 'tokenmall-economy';
  readonly version: 1;
  readonly params: Record<string, string | boolean>;
  readonly paramsVersion: string;
  readonly reserve: string;
  readonly supply: string;
  readonly minted: string;
  readonly burned: string;
  readonly dividendFund: string;
  readonly lastPrice: readonly [string, string];
  /** Running totals (EconomyTotals) as decimal strings; a snapshot without them cannot be restored. */
  readonly totals?: Record<string, string>;
  /** [id, kind, referrer or "", status, points, stable, cash, quota, heldFen?, heldStable?, sales?] */
  readonly accounts: readonly (readonly [
    string,
    AccountKind,
    string,
    AccountStatus,
    string,
    string,
    string,
    string,
    string?,
    string?,
    string?,
  ])[];
}

/** Captures the whole state, so a process can start from it instead of replaying the journal. */
export function snapshotState(state: EconomyState): StateSnapshot {
  const params: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(state.params))
    params[name] = typeof value === 'boolean' ? value : String(value);
  return {
    format: 'tokenmall-economy',
    version: 1,
    params,
    paramsVersion: state.paramsVersion.toString(),
    reserve: state.reserve.toString(),
    supply: state.supply.toString(),
    minted: state.minted.toString(),
    burned: state.burned.toString(),
    dividendFund: state.dividendFund.toString(),
    lastPrice: [state.lastPrice.num.toString(), state.lastPrice.den.toString()],
    totals: Object.fromEntries(TOTAL_NAMES.map((name) => [name, state.totals[name].toString()])),
    accounts: [...state.accounts.values()].map((a) => [
      a.id,
      a.kind,
      a.referrer ?? '',
      a.status,
      a.points.toString(),
      a.stable.toString(),
      a.cash.toString(),
      a.quota.toString(),
      a.heldFen.toString(),
      a.heldStable.toString(),
      a.sales.toString(),
    ]),
  };
}

/** The state a snapshot captured, with the holder queue rebuilt. */
export function restoreState(snapshot: StateSnapshot): EconomyState {
  assert(snapshot.format === 'tokenmall-economy' && snapshot.version === 1, 'a known snapshot format');
  const state = createState(paramsFromInput(snapshot.params));
  state.paramsVersion = BigInt(snapshot.paramsVersion);
  state.reserve = BigInt(snapshot.reserve);
  state.supply = BigInt(snapshot.supply);
  state.minted = BigInt(snapshot.minted);
  state.burned = BigInt(snapshot.burned);
  state.dividendFund = BigInt(snapshot.dividendFund);
  state.lastPrice = { num: BigInt(snapshot.lastPrice[0]), den: BigInt(snapshot.lastPrice[1]) };
  for (const name of TOTAL_NAMES) state.totals[name] = BigInt(snapshot.totals?.[name] ?? '0');
  for (const [
    id,
    kind,
    referrer,
    status,
    points,
    stable,
    cash,
    quota,
    heldFen,
    heldStable,
    sales,
  ] of snapshot.accounts) {
    const account =
      state.accounts.get(id) ?? addAccount(state, id, kind, referrer === '' ? undefined : referrer);
    account.status = status;
    account.points = BigInt(points);
    account.stable = BigInt(stable);
    account.cash = BigInt(cash);
    account.quota = BigInt(quota);
    account.heldFen = BigInt(heldFen ?? '0');
    account.heldStable = BigInt(heldStable ?? '0');
    account.sales = BigInt(sales ?? '0');
    if (kind === 'consumer') state.holders.update(account);
  }
  return state;
}
