/** What the benchmarks share: the median and 95th percentile of a series, and the plain-text result table. */

export interface Stats {
  median: number;
  p95: number;
  runs: number;
}

export function stats(times: readonly number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)],
    runs: sorted.length,
  };
}

/** Columns padded to their widest cell; the first two left-aligned (names), the rest right-aligned (figures). */
export function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
