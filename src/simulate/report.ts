import {
  compareIds,
  currentPrice,
  type EconomyState,
  formatFenPerPoint,
  formatYuanPerPoint,
} from '../economy/index.js';
import type { ExitRecord } from './scenario.js';

export interface AccountReport {
  kind: string;
  points: string;
  stable: string;
  cash: string;
  quota: string;
  status: string;
}

export interface GlobalReport {
  reserve: string;
  supply: string;
  minted: string;
  burned: string;
  dividendFund: string;
  priceFenPerPoint: string;
}

/** The global figures as `simulate --json` and `state --json` print them (decimal strings). */
export function globalReport(state: EconomyState): GlobalReport {
  return {
    reserve: state.reserve.toString(),
    supply: state.supply.toString(),
    minted: state.minted.toString(),
    burned: state.burned.toString(),
    dividendFund: state.dividendFund.toString(),
    priceFenPerPoint: formatFenPerPoint(currentPrice(state)),
  };
}

/** Every account, ids in UTF-8 byte order. */
export function accountsReport(state: EconomyState): Record<string, AccountReport> {
  const ids = [...state.accounts.keys()].sort(compareIds);
  const accounts: Record<string, AccountReport> = {};
  for (const id of ids) {
    const a = state.accounts.get(id)!;
    accounts[id] = {
      kind: a.kind,
      points: a.points.toString(),
      stable: a.stable.toString(),
      cash: a.cash.toString(),
      quota: a.quota.toString(),
      status: a.status,
    };
  }
  return accounts;
}

/** SPEC.md's `simulate --json` object: exactly its keys. */
export function simulateJson(state: EconomyState, exits: readonly ExitRecord[]): string {
  const report = {
    ...globalReport(state),
    accounts: accountsReport(state),
    exits: exits.map((e) => ({ member: e.member, points: e.points.toString(), net: e.net.toString() })),
  };
  return `${JSON.stringify(report, null, 1)}\n`;
}

/** A readable table of the global state and each account, amounts in their units. */
export function simulateTable(
  state: EconomyState,
  exits: readonly ExitRecord[],
  options: { accounts: boolean } = { accounts: true },
): string {
  const price = currentPrice(state);
  const lines = [
    `reserve        ${state.reserve} fen`,
    `supply         ${state.supply} µpt`,
    `minted         ${state.minted} µpt (cap ${state.params.supplyCap})`,
    `burned         ${state.burned} µpt`,
    `dividend fund  ${state.dividendFund} fen`,
    `price          ${formatYuanPerPoint(price)} yuan per point (${formatFenPerPoint(price)} fen)`,
    `forced exits   ${exits.length}`,
    '',
  ];
  if (!options.accounts) return `${lines.join('\n')}`;
  const header = ['account', 'kind', 'status', 'points (µpt)', 'stable', 'cash (fen)', 'quota (fen)'];
  const rows = Object.entries(accountsReport(state)).map(([id, a]) => [
    id,
    a.kind,
    a.status,
    a.points,
    a.stable,
    a.cash,
    a.quota,
  ]);
  lines.push(...formatColumns([header, ...rows]));
  return `${lines.join('\n')}\n`;
}

/** Left-aligns the first three columns, right-aligns the amounts. */
export function formatColumns(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => {
        const pad = ' '.repeat(widths[column]! - [...cell].length);
        return column < 3 ? cell + pad : pad + cell;
      })
      .join('  '),
  );
}
