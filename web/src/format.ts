/**
 * Money and points as the API sends them: decimal strings of fen (1 yuan = 100 fen, 1 stable point =
 * 1 fen) and µpt (1 point = 1,000,000 µpt). Formatting works on bigint and strings only, never on
 * floats, so 0.1 + 0.2 never shows up on a receipt.
 */

const INTEGER = /^-?[0-9]{1,40}$/;
const FEN_PER_YUAN = 100n;
const MICRO_PER_POINT = 1_000_000n;

/** Parses a decimal integer string; throws on anything else (a bug in the caller or the API). */
export function parseAmount(text: string): bigint {
  if (!INTEGER.test(text)) throw new Error(`not a decimal integer: ${JSON.stringify(text)}`);
  return BigInt(text);
}

/** 1234567 -> "1,234,567" */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Splits |amount| by `unit` into whole and fraction digits, the fraction padded to `scale` digits. */
function split(
  amount: bigint,
  unit: bigint,
  scale: number,
): { sign: string; whole: string; fraction: string } {
  const sign = amount < 0n ? '-' : '';
  const abs = amount < 0n ? -amount : amount;
  return {
    sign,
    whole: groupThousands((abs / unit).toString()),
    fraction: (abs % unit).toString().padStart(scale, '0'),
  };
}

/** "10050" fen -> "¥100.50" */
export function formatFen(fen: string | bigint): string {
  const { sign, whole, fraction } = split(typeof fen === 'bigint' ? fen : parseAmount(fen), FEN_PER_YUAN, 2);
  return `${sign}¥${whole}.${fraction}`;
}

/** "1500000" µpt -> "1.5"; at most `decimalsMax` decimals (truncated, never rounded up), zeros trimmed. */
export function formatPointsMicro(micro: string | bigint, decimalsMax = 6): string {
  const value = typeof micro === 'bigint' ? micro : parseAmount(micro);
  const { sign, whole, fraction } = split(value, MICRO_PER_POINT, 6);
  const shown = fraction.slice(0, Math.max(0, Math.min(6, decimalsMax))).replace(/0+$/, '');
  return shown === '' ? `${sign}${whole}` : `${sign}${whole}.${shown}`;
}

/** Stable points are whole fen: "12345" -> "12,345". */
export function formatStable(stable: string | bigint): string {
  const value = typeof stable === 'bigint' ? stable : parseAmount(stable);
  return (value < 0n ? '-' : '') + groupThousands((value < 0n ? -value : value).toString());
}

/**
 * A yuan amount typed by a person ("12", "12.5", "12.50") -> fen; undefined when it is not one.
 * The inverse of formatFen for forms.
 */
export function parseYuanInput(text: string): bigint | undefined {
  const match = /^\s*([0-9]{1,13})(?:\.([0-9]{0,2}))?\s*$/.exec(text);
  if (match === null) return undefined;
  return BigInt(match[1]!) * FEN_PER_YUAN + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** An ISO time as the reader's local date and time (the API sends UTC ISO strings). */
export function formatTime(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
}
