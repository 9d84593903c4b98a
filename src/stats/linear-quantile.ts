/**
 * The p-quantile of sorted data by linear interpolation between order statistics —
 * Hyndman & Fan's definition 7, the default of R's `quantile`, NumPy's `percentile` and
 * SciPy's `stats.quantile`: h = (n − 1)p, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
 * (0-based). Used for report quantiles (median, p90) and bootstrap percentiles, so they
 * agree with those tools. simple-statistics' `quantileSorted` uses another definition.
 * Cost: O(1); the input must already be sorted ascending.
 *
 * Edge cases: empty → NaN; p outside [0, 1] or NaN → NaN; one value → that value.
 *
 * @example linearQuantile([1, 2, 3, 4], 0.9) // 3.7
 */
export function linearQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return Number.NaN;
  const h = (n - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, n - 1);
  const fraction = h - low;
  return fraction === 0 ? sorted[low] : sorted[low] + fraction * (sorted[high] - sorted[low]);
}
