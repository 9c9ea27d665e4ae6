import { MICRO_PER_POINT } from './state.js';
import type { Rational } from './types.js';

/** Fen per point floored to 6 decimals, as `simulate --json` prints `priceFenPerPoint` (SPEC.md "Units"). */
export function formatFenPerPoint(price: Rational): string {
  const scaled = (price.num * MICRO_PER_POINT * 1_000_000n) / price.den;
  return formatScaled(scaled, 6);
}

/** Yuan per point rounded half-up to 4 decimals, for people (SPEC.md: 1.4286 ... 5.1731). */
export function formatYuanPerPoint(price: Rational): string {
  // fen per point = num * 1e6 / den; yuan * 1e4 = num * 1e6 * 1e4 / (den * 100) = num * 1e8 / den.
  const numerator = price.num * 100_000_000n;
  const rounded = (2n * numerator + price.den) / (2n * price.den);
  return formatScaled(rounded, 4);
}

/** Formats an integer that carries `decimals` implied decimals, e.g. (12345, 2) -> "123.45". */
export function formatScaled(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}
