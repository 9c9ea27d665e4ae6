/**
 * What a sale or a conversion would give, computed before asking the server, with the rules of
 * SPEC.md (sell, convert) in integer arithmetic: every division floors, in the reserve's favour.
 * The price is the wallet's exact num / den fen per point; rates are basis points.
 */

export const MICRO_PER_POINT = 1_000_000n;
const BP = 10_000n;

export interface TradePreview {
  /** floor(points * price): the value before the fee. */
  readonly grossFen: bigint;
  readonly feeFen: bigint;
  /** Cash (sell) or stable points (convert) received. */
  readonly netFen: bigint;
}

/** floor(µpt * num / (den * 1e6)) = floor(µpt * reserve / supply). */
export function valueOfMicro(pointsMicro: bigint, priceNum: bigint, priceDen: bigint): bigint {
  if (priceDen <= 0n) return 0n;
  return (pointsMicro * priceNum) / (priceDen * MICRO_PER_POINT);
}

/** sell: net = floor(gross * (1e4 - sellFeeRate) / 1e4); convert: got = floor(value * (1e4 - convertFeeRate) / 1e4). */
export function previewTrade(
  pointsMicro: bigint,
  priceNum: bigint,
  priceDen: bigint,
  feeRateBp: bigint,
): TradePreview {
  const grossFen = valueOfMicro(pointsMicro, priceNum, priceDen);
  const netFen = (grossFen * (BP - feeRateBp)) / BP;
  return { grossFen, feeFen: grossFen - netFen, netFen };
}

/** "12.5" points -> 12500000n µpt; undefined unless a non-negative number with at most 6 decimals. */
export function parsePointsInput(text: string): bigint | undefined {
  const match = /^\s*([0-9]{1,18})(?:\.([0-9]{0,6}))?\s*$/.exec(text);
  if (match === null) return undefined;
  return BigInt(match[1] ?? '0') * MICRO_PER_POINT + BigInt((match[2] ?? '').padEnd(6, '0'));
}

/** A rate in basis points as a percentage: 1000 -> "10%", 125 -> "1.25%". */
export function formatRateBp(bp: bigint): string {
  const whole = bp / 100n;
  const fraction = (bp % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? `${whole}%` : `${whole}.${fraction}%`;
}

/** value / quota in tenths of a percent (0..1000), for the quota bar; 1000 when there is no quota. */
export function quotaPermille(valueFen: bigint, quotaFen: bigint): number {
  if (quotaFen <= 0n) return 1000;
  const permille = (valueFen * 1000n) / quotaFen;
  return Number(permille > 1000n ? 1000n : permille);
}

/** 734 -> "73.4%". */
export function formatPermille(permille: number): string {
  return `${Math.floor(permille / 10)}.${permille % 10}%`;
}

/** µpt as a plain number a person can type back: 12500000n -> "12.5" (no grouping). */
export function plainPoints(micro: bigint): string {
  const whole = micro / MICRO_PER_POINT;
  const fraction = (micro % MICRO_PER_POINT).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}
