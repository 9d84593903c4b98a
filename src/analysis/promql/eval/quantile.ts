/**
 * Prometheus's `quantile` helper (quantile aggregation, quantile_over_time): sorts the
 * values (NaN first) and interpolates linearly between the two closest ranks,
 * rank = q·(n−1). Empty input or q = NaN gives NaN; q < 0 gives −Inf; q > 1 gives +Inf.
 * Sorts `values` in place.
 */
export function quantile(q: number, values: number[] | Float64Array): number {
  const n = values.length;
  if (n === 0 || Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  values.sort(nanFirst);
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return values[lower] * (1 - weight) + values[upper] * weight;
}

function nanFirst(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
