/**
 * Bootstrap intervals for differences of Kaplan–Meier medians between two strategies:
 * each strategy's trials are resampled within themselves (B = 2000, seeded), the KM median
 * is taken of each resample, and the b-th replicates of the two are subtracted — the
 * resampling is independent between strategies, so pairing replicates by index is a
 * bootstrap of the difference. The interval is the percentile interval of those
 * differences. A resample whose median is not reached counts as +∞ (later than anything
 * observed); a difference ∞ − ∞ says nothing and is left out.
 */
import { kaplanMeier } from '../../stats/kaplan-meier.js';
import type { Rng } from '../../stats/rng.js';
import { survivalQuantile } from '../../stats/survival-quantile.js';
import { CONFIDENCE, type Estimate, estimateOf } from '../statistics/estimate.js';
import type { CensoredTimes } from '../statistics/time-to-event.js';
import { RESAMPLES } from '../statistics/value-summary.js';

/** The KM median of a censored sample; +∞ when not reached. */
export function kmMedian(sample: CensoredTimes): number {
  return survivalQuantile(kaplanMeier(sample.times, sample.events), 0.5).quantile ?? Number.POSITIVE_INFINITY;
}

/** B bootstrap replicates of the KM median (draws in a fixed order from `rng`). */
export function kmMedianReplicates(sample: CensoredTimes, rng: Rng, resamples = RESAMPLES): Float64Array {
  const n = sample.times.length;
  const out = new Float64Array(resamples);
  const times = new Array<number>(n);
  const events = new Array<boolean>(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      times[i] = sample.times[j];
      events[i] = sample.events[j];
    }
    out[b] = kmMedian({ times, events });
  }
  return out;
}

/** Quantile (definition 7) of sorted values that may hold ±∞. */
function quantileWithInfinity(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  const f = h - low;
  if (f === 0 || sorted[low] === sorted[high]) return sorted[low];
  if (!Number.isFinite(sorted[low]) || !Number.isFinite(sorted[high]))
    return Number.isFinite(sorted[low]) ? sorted[high] : sorted[low];
  return sorted[low] + f * (sorted[high] - sorted[low]);
}

/**
 * The difference of KM medians a − b with its percentile bootstrap interval, from both
 * strategies' replicates. The estimate is null unless both medians are reached; a limit
 * is null when it is infinite (the interval is open on that side).
 */
export function medianDifference(
  a: CensoredTimes,
  b: CensoredTimes,
  replicatesA: Float64Array,
  replicatesB: Float64Array,
): Estimate {
  const estimate = kmMedian(a) - kmMedian(b);
  if (!Number.isFinite(estimate)) return estimateOf(null, null, null);
  const differences: number[] = [];
  for (let i = 0; i < replicatesA.length; i++) {
    const d = replicatesA[i] - replicatesB[i];
    if (!Number.isNaN(d)) differences.push(d);
  }
  if (differences.length === 0) return estimateOf(estimate, null, null);
  const sorted = Float64Array.from(differences).sort();
  const alpha = 1 - CONFIDENCE;
  return estimateOf(
    estimate,
    quantileWithInfinity(sorted, alpha / 2),
    quantileWithInfinity(sorted, 1 - alpha / 2),
  );
}
