import { parseAmount } from '../../format';

/**
 * Exact helpers for the transparency page: percentages from bigint ratios (no floats), and a price
 * as a plotting number (only for drawing, never shown as a figure).
 */

/** numerator / denominator as a percentage with two decimals, truncated: (1, 3) -> "33.33"; "0.00" when den is 0. */
export function percentOf(numerator: string, denominator: string): string {
  const num = parseAmount(numerator);
  const den = parseAmount(denominator);
  if (den <= 0n || num <= 0n) return '0.00';
  const hundredths = (num * 10_000n) / den;
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** Basis points as a percentage: "150" -> "1.5", "1000" -> "10", "5" -> "0.05". */
export function basisPointsPercent(bps: string): string {
  const value = parseAmount(bps);
  const whole = value / 100n;
  const fraction = (value % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

/** num / den (fen per point) scaled to a plain number for the chart's geometry only. */
export function plotValue(num: string, den: string): number {
  const d = parseAmount(den);
  if (d === 0n) return 0;
  return Number((parseAmount(num) * 1_000_000n) / d) / 1_000_000;
}
