/**
 * A stable least-significant-digit radix sort of n unsigned 64-bit keys given as 32-bit halves, four
 * 16-bit passes: O(n). Why: a dividend run sorts a million holders by ratio key and their remainders,
 * and a comparison sort over bigints is ten times slower. Returns the positions 0..n-1 in key order.
 */
export function radixOrderU64(low: Uint32Array, high: Uint32Array, descending = false): Uint32Array {
  const n = low.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let scratch = new Uint32Array(n);
  const counts = new Uint32Array(65_536);
  for (let pass = 0; pass < 4; pass++) {
    const words = pass < 2 ? low : high;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digit(words[order[i]!]!, shift, descending)]!++;
    let total = 0;
    for (let d = 0; d < 65_536; d++) {
      const count = counts[d]!;
      counts[d] = total;
      total += count;
    }
    for (let i = 0; i < n; i++) {
      const position = order[i]!;
      scratch[counts[digit(words[position]!, shift, descending)]!++] = position;
    }
    [order, scratch] = [scratch, order];
  }
  return order;
}

function digit(word: number, shift: number, descending: boolean): number {
  const value = (word >>> shift) & 0xffff;
  return descending ? 0xffff - value : value;
}

/**
 * Re-sorts each run of equal keys in `order` with an exact comparison (the keys only approximate the
 * order that SPEC.md defines, or leave ties to the id). Runs are short in practice.
 */
export function sortEqualKeyRuns(
  order: Uint32Array,
  low: Uint32Array,
  high: Uint32Array,
  compare: (a: number, b: number) => number,
): void {
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    const first = order[start]!;
    while (end < order.length && low[order[end]!] === low[first] && high[order[end]!] === high[first]) end++;
    if (end - start > 1) {
      const run = Array.from(order.subarray(start, end)).sort(compare);
      order.set(run, start);
    }
    start = end;
  }
}
