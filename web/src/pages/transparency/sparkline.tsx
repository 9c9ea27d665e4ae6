import { plotValue } from './figures';
import type { PricePoint } from './types';

const WIDTH = 320;
const HEIGHT = 80;
const PAD = 4;

/**
 * The price history as a small inline SVG line (no chart library, so the page stays light). The SVG is
 * one image with a text alternative (`label`): the first, last, lowest and highest prices.
 */
export function Sparkline({ points, label }: { points: readonly PricePoint[]; label: string }) {
  const values = points.map((p) => plotValue(p.priceFenPerPointNum, p.priceFenPerPointDen));
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const x = (i: number) => PAD + (i * (WIDTH - 2 * PAD)) / Math.max(1, values.length - 1);
  // A flat price draws a flat line in the middle.
  const y = (v: number) => (span === 0 ? HEIGHT / 2 : PAD + ((max - v) * (HEIGHT - 2 * PAD)) / span);
  const line = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const area = `${line} L${x(values.length - 1).toFixed(1)},${HEIGHT} L${x(0).toFixed(1)},${HEIGHT} Z`;
  const last = values.length - 1;
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      focusable="false"
    >
      <title>{label}</title>
      <path d={area} className="sparkline-area" />
      <path d={line} className="sparkline-line" />
      {last >= 0 ? <circle cx={x(last)} cy={y(values[last]!)} r="3" className="sparkline-dot" /> : null}
    </svg>
  );
}
