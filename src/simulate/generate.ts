import {
  applyCommand,
  createState,
  currentPrice,
  type EconomyCommand,
  EconomyError,
  type EconomyState,
  formatFenPerPoint,
  formatScaled,
  formatYuanPerPoint,
} from '../economy/index.js';
import { SeededRandom } from './random.js';

export interface WorkloadOptions {
  readonly events: number;
  readonly holders: number;
  readonly seed: number;
  /** Orders between two daily dividend runs. */
  readonly ordersPerDay?: number;
  /** Called after each event with its CSV row (event, type, price, reserve, supply, dividend fund). */
  readonly onEvent?: (index: number, csvRow: string) => void;
}

export interface WorkloadSummary {
  readonly state: EconomyState;
  readonly applied: Record<string, number>;
  readonly rejected: number;
  readonly exits: number;
  readonly text: string;
}

/**
 * A random but realistic workload for `simulate --generate`: members join (a third through a referrer),
 * buy from a few merchants (sometimes paying part in stable points), now and then sell or convert points,
 * merchants settle the stable points they took, and a dividend runs once a "day".
 */
export function generateWorkload(options: WorkloadOptions): WorkloadSummary {
  const random = new SeededRandom(options.seed);
  const state = createState();
  const merchants = Array.from(
    { length: Math.max(1, Math.floor(options.holders / 200)) },
    (_, i) => `shop${i + 1}`,
  );
  const members: string[] = [];
  const applied: Record<string, number> = {};
  let rejected = 0;
  let exits = 0;
  let ordersToday = 0;
  const ordersPerDay = options.ordersPerDay ?? 100;
  const startPrice = currentPrice(state);

  for (let index = 0; index < options.events; index++) {
    let command: EconomyCommand;
    if (index < merchants.length) command = { type: 'merchant', id: merchants[index]! };
    else if (ordersToday >= ordersPerDay) {
      command = { type: 'dividends' };
      ordersToday = 0;
    } else command = nextCommand(random, state, members, merchants, options.holders);
    if (command.type === 'order') ordersToday++;
    try {
      const effects = applyCommand(state, command);
      applied[command.type] = (applied[command.type] ?? 0) + 1;
      if (command.type === 'join') members.push(command.member);
      for (const event of effects.events) if (event.type === 'member.exited') exits++;
    } catch (error) {
      if (!(error instanceof EconomyError)) throw error;
      rejected++;
    }
    options.onEvent?.(index, csvRow(index, command.type, state));
  }
  return { state, applied, rejected, exits, text: summaryText(state, startPrice, applied, rejected, exits) };
}

function nextCommand(
  random: SeededRandom,
  state: EconomyState,
  members: string[],
  merchants: string[],
  holders: number,
): EconomyCommand {
  if (members.length < holders && (members.length < 10 || random.chance(0.15))) {
    const member = `u${members.length}`;
    return members.length > 0 && random.chance(0.33)
      ? { type: 'join', member, referrer: members[random.int(0, members.length - 1)]! }
      : { type: 'join', member };
  }
  const member = members[random.int(0, members.length - 1)]!;
  const account = state.accounts.get(member)!;
  const roll = random.next();
  if (roll < 0.07 && account.points > 0n) {
    return { type: 'sell', member, points: random.chance(0.3) ? 'all' : account.points / 2n + 1n };
  }
  if (roll < 0.13 && account.points > 0n)
    return { type: 'convert', member, points: account.points / 3n + 1n };
  if (roll < 0.17) {
    const shop = state.accounts.get(merchants[random.int(0, merchants.length - 1)]!)!;
    if (shop.stable > 0n) return { type: 'settle', merchant: shop.id, stable: shop.stable };
  }
  // Prices from 9.90 to about 2,000 yuan, weighted to the cheap end as in a real catalog.
  const amount = BigInt(Math.floor(990 * 200 ** (random.next() ** 2)));
  const stable =
    account.stable > 0n && random.chance(0.5) ? (account.stable < amount ? account.stable : amount) : 0n;
  const profit = (amount * BigInt(random.int(10, 40))) / 100n;
  return {
    type: 'order',
    member,
    amount,
    stable,
    profit,
    merchant: merchants[random.int(0, merchants.length - 1)]!,
  };
}

function csvRow(index: number, type: string, state: EconomyState): string {
  return `${index},${type},${formatFenPerPoint(currentPrice(state))},${state.reserve},${state.supply},${state.dividendFund}`;
}

function summaryText(
  state: EconomyState,
  startPrice: ReturnType<typeof currentPrice>,
  applied: Record<string, number>,
  rejected: number,
  exits: number,
): string {
  let cashOwed = 0n;
  let stableOutstanding = 0n;
  let quotaOutstanding = 0n;
  for (const account of state.accounts.values()) {
    cashOwed += account.cash;
    stableOutstanding += account.stable;
    quotaOutstanding += account.quota;
  }
  const endPrice = currentPrice(state);
  // growth in basis points, exact: end / start - 1.
  const growthBp = (endPrice.num * startPrice.den * 10_000n) / (endPrice.den * startPrice.num) - 10_000n;
  const counts = Object.entries(applied)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  return [
    `events applied   ${counts} (rejected ${rejected})`,
    `price            ${formatYuanPerPoint(startPrice)} -> ${formatYuanPerPoint(endPrice)} yuan per point (${growthBp >= 0n ? '+' : ''}${formatScaled(growthBp, 2)}%)`,
    `forced exits     ${exits}`,
    `reserve          ${state.reserve} fen (backs every point: price x supply)`,
    'liabilities',
    `  points value   ${state.reserve} fen (${state.supply} µpt)`,
    `  cash owed      ${cashOwed} fen`,
    `  stable points  ${stableOutstanding} fen`,
    `  dividend fund  ${state.dividendFund} fen`,
    `outstanding quota ${quotaOutstanding} fen (not a liability: the most dividends could still pay)`,
    '',
  ].join('\n');
}
