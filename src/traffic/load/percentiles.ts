/**
 * Percentiles of a sample (ms), by linear interpolation between order statistics (the
 * lab's report definition). Sorts a copy: O(n log n).
 */
import { linearQuantile } from '../../stats/linear-quantile.js';
import type { Percentiles } from './types.js';

export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return {
    count: n,
    p50: linearQuantile(sorted, 0.5),
    p90: linearQuantile(sorted, 0.9),
    p99: linearQuantile(sorted, 0.99),
    max: n === 0 ? Number.NaN : sorted[n - 1],
  };
}
