import type { BootstrapInterval } from './bca-interval.js';
import { linearQuantile } from './linear-quantile.js';

/**
 * The percentile bootstrap interval from given replicates: their α/2 and 1 − α/2
 * quantiles (definition 7, as `scipy.stats.bootstrap(method = "percentile")`)
 * (Efron & Tibshirani 1993, §13.3). First-order accurate; prefer `bcaInterval` for skewed
 * statistics. `estimate` is the statistic on the original data, passed in. Cost:
 * O(B log B).
 *
 * Edge cases: throws on no replicates.
 *
 * @example percentileInterval(0.5, [0, 0.25, 0.5, 0.75, 1], 0.5) // {lower: 0.25, upper: 0.75, …}
 */
export function percentileInterval(
  estimate: number,
  replicates: ArrayLike<number>,
  confidence = 0.95,
): BootstrapInterval {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError('percentileInterval: confidence must be in (0, 1)');
  const sorted = Float64Array.from(replicates).sort();
  if (sorted.length === 0) throw new RangeError('percentileInterval: no replicates');
  const alpha = 1 - confidence;
  return {
    estimate,
    lower: linearQuantile(sorted, alpha / 2),
    upper: linearQuantile(sorted, 1 - alpha / 2),
    confidence,
    method: 'percentile',
    resamples: sorted.length,
    bias: 0,
    acceleration: 0,
  };
}
