import { currentPrice, type EconomyState, formatYuanPerPoint, MICRO_PER_POINT } from '../economy/index.js';
import { notFound } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { configuredLevels, type Level, type LevelView, levelOf, levelView } from './levels.js';

/** The price of one point as people read it (yuan, 4 decimals) and as the exact rational behind it. */
export interface PriceView {
  /** Yuan per point, rounded half-up to 4 decimals (display only). */
  priceYuanPerPoint: string;
  /** The exact price is num / den fen per point. */
  priceFenPerPointNum: string;
  priceFenPerPointDen: string;
}

/** What one economy account holds, every amount a decimal string in the unit its name says. */
export interface WalletView extends PriceView {
  accountId: string;
  kind: string;
  /** Equity points (增值积分) held, in µpt. */
  pointsMicro: string;
  /** What those points fetch at the current price before the sell fee: floor(points * reserve / supply). */
  valueFen: string;
  /** Remaining dividend quota (分红额度). */
  quotaFen: string;
  /** Stable points (恒定积分), 1 stable = 1 fen. */
  stable: string;
  /** The cash balance (sales of points, dividends), spendable on orders. */
  cashFen: string;
  /** Set aside for orders not yet completed. */
  heldFen: string;
  heldStable: string;
  status: string;
  /** The level the points held reach (TOKENMALL_LEVELS). */
  level: LevelView;
}

export function priceView(economy: EconomyState): PriceView {
  const price = currentPrice(economy);
  return {
    priceYuanPerPoint: formatYuanPerPoint(price),
    priceFenPerPointNum: (price.num * MICRO_PER_POINT).toString(),
    priceFenPerPointDen: price.den.toString(),
  };
}

/** floor(µpt * reserve / supply), 0 while no point exists (SPEC.md "Price"). */
export function valueOfPoints(economy: EconomyState, pointsMicro: bigint): bigint {
  return economy.supply > 0n ? (pointsMicro * economy.reserve) / economy.supply : 0n;
}

/** The wallet of an economy account (a member or a merchant) as the replica holds it now. */
export function walletOf(economy: EconomyState, accountId: string, levels: readonly Level[]): WalletView {
  const account = economy.accounts.get(accountId);
  if (account === undefined) throw notFound('account', accountId);
  return {
    accountId,
    kind: account.kind,
    pointsMicro: account.points.toString(),
    ...priceView(economy),
    valueFen: valueOfPoints(economy, account.points).toString(),
    quotaFen: account.quota.toString(),
    stable: account.stable.toString(),
    cashFen: account.cash.toString(),
    heldFen: account.heldFen.toString(),
    heldStable: account.heldStable.toString(),
    status: account.status,
    level: levelView(levelOf(levels, account.points)),
  };
}

/** The wallet after catching up with the journal (other nodes' writes on PostgreSQL). */
export async function walletView(mall: Mall, accountId: string): Promise<WalletView> {
  await mall.ledger.catchUp();
  return walletOf(mall.ledger.state.economy, accountId, configuredLevels(mall.settings.levels));
}
