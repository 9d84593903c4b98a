/**
 * Summaries of per-trial values that are never censored (failed requests, shares,
 * affected sessions, control-plane times): mean and median with 95% BCa bootstrap
 * intervals (resampling the trials, B = 2000, a seeded generator), and the p90.
 */
import { bootstrapInterval } from '../../stats/bootstrap-interval.js';
import { linearQuantile } from '../../stats/linear-quantile.js';
import type { Rng } from '../../stats/rng.js';
import { selectQuantile } from '../../stats/select-quantile.js';
import { CONFIDENCE, type Estimate, estimateOf } from './estimate.js';

/** Bootstrap resamples for every bootstrap interval of the report. */
export const RESAMPLES = 2000;

export interface ValueSummary {
  readonly n: number;
  readonly mean: Estimate;
  readonly median: Estimate;
  /** Sample p90 (definition 7), null when n = 0. */
  readonly p90: number | null;
  readonly max: number | null;
}

const mean = (x: Float64Array): number => {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
};

/** Reorders x (a fresh copy or a bootstrap resample). */
const median = (x: Float64Array): number => selectQuantile(x, 0.5);

/** A statistic with its BCa interval; fewer than two values → no interval. */
function withInterval(values: readonly number[], statistic: (x: Float64Array) => number, rng: Rng): Estimate {
  const estimate = statistic(Float64Array.from(values));
  if (values.length < 2) return estimateOf(estimate, null, null);
  const ci = bootstrapInterval([values], statistic, { rng, resamples: RESAMPLES, confidence: CONFIDENCE });
  return estimateOf(estimate, ci.lower, ci.upper);
}

/**
 * Mean, median (with intervals), p90 and max of `values`. `rngFor(name)` gives the seeded
 * generator of each interval ('mean', 'median'), so adding a statistic never shifts the
 * draws of another. n = 0 → every estimate null.
 */
export function valueSummary(values: readonly number[], rngFor: (statistic: string) => Rng): ValueSummary {
  const n = values.length;
  if (n === 0) {
    const none = estimateOf(null, null, null);
    return { n, mean: none, median: none, p90: null, max: null };
  }
  const sorted = Float64Array.from(values).sort();
  return {
    n,
    mean: withInterval(values, mean, rngFor('mean')),
    median: withInterval(values, median, rngFor('median')),
    p90: linearQuantile(sorted, 0.9),
    max: sorted[n - 1],
  };
}
