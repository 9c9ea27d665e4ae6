import { formatFen, formatPointsMicro, formatStable } from '../format';

/** Amounts from the API's decimal strings, formatted without floats (format.ts). */

export function Money({ fen, className }: { fen: string; className?: string }) {
  return <span className={className ?? 'money'}>{formatFen(fen)}</span>;
}

export function Points({ micro, decimalsMax }: { micro: string; decimalsMax?: number }) {
  return <span className="points">{formatPointsMicro(micro, decimalsMax)}</span>;
}

export function Stable({ stable }: { stable: string }) {
  return <span className="stable">{formatStable(stable)}</span>;
}
