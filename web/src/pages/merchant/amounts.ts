/**
 * Previews of the merchant's money moves, computed exactly as the server does (bigint, floor), from
 * the exact price the wallet reports: `priceFenPerPointNum / priceFenPerPointDen` fen per point.
 */

const MICRO_PER_POINT = 1_000_000n;
const BP_ONE = 10_000n;
const INTEGER = /^(0|[1-9][0-9]{0,24})$/;

/** A whole number of stable points typed by a person ("1200"); undefined when it is not one. */
export function parseStableInput(text: string): bigint | undefined {
  const trimmed = text.trim();
  return INTEGER.test(trimmed) ? BigInt(trimmed) : undefined;
}

/** Points typed by a person ("1", "0.5", "12.345678") -> µpt; undefined when it is not a number of points. */
export function parsePointsInput(text: string): bigint | undefined {
  const match = /^\s*([0-9]{1,19})(?:\.([0-9]{0,6}))?\s*$/.exec(text);
  if (match === null) return undefined;
  return BigInt(match[1]!) * MICRO_PER_POINT + BigInt((match[2] ?? '').padEnd(6, '0'));
}

export interface ExactPrice {
  /** fen per point = num / den */
  readonly num: bigint;
  readonly den: bigint;
}

export function exactPrice(wallet: { priceFenPerPointNum: string; priceFenPerPointDen: string }): ExactPrice {
  return { num: BigInt(wallet.priceFenPerPointNum), den: BigInt(wallet.priceFenPerPointDen) };
}

/**
 * µpt that `stable` stable points buy from the treasury: floor(stable / price). With the price as
 * num/den fen per point, that is floor(stable * den * 1e6 / num) µpt, the server's floor(fen * supply /
 * reserve) exactly (the 1e6 in num cancels).
 */
export function settlePointsMicro(stable: bigint, price: ExactPrice): bigint {
  if (price.num <= 0n) return 0n;
  return (stable * price.den * MICRO_PER_POINT) / price.num;
}

export interface SalePreview {
  readonly grossFen: bigint;
  readonly feeFen: bigint;
  readonly netFen: bigint;
}

/**
 * What selling `pointsMicro` µpt brings: gross = floor(µpt * price), net = floor(gross * (1 - rate)),
 * fee = gross - net, with the sell fee `sellFeeRateBp` in basis points (GET /api/transparency).
 */
export function salePreview(pointsMicro: bigint, price: ExactPrice, sellFeeRateBp: bigint): SalePreview {
  if (price.den <= 0n) return { grossFen: 0n, feeFen: 0n, netFen: 0n };
  const grossFen = (pointsMicro * price.num) / (price.den * MICRO_PER_POINT);
  const netFen = (grossFen * (BP_ONE - sellFeeRateBp)) / BP_ONE;
  return { grossFen, feeFen: grossFen - netFen, netFen };
}

/** Basis points as a percentage text: 500 -> "5%", 125 -> "1.25%". */
export function formatBasisPoints(bp: string): string {
  const value = BigInt(bp);
  const whole = value / 100n;
  const fraction = (value % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? `${whole}%` : `${whole}.${fraction}%`;
}
