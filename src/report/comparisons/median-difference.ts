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

/**
 * B bootstrap replicates of the KM median (draws in a fixed order from `rng`): for each
 * resample, exactly kmMedian of the resampled trials — the same draws, the same products
 * in the same order — computed from how many times each distinct time was drawn, over
 * the sample sorted once, instead of sorting and fitting a full curve with its band
 * 2000 times per strategy (median-difference.test.ts checks the two agree).
 */
export function kmMedianReplicates(sample: CensoredTimes, rng: Rng, resamples = RESAMPLES): Float64Array {
  const n = sample.times.length;
  const out = new Float64Array(resamples);
  const order = sample.times.map((_, i) => i).sort((a, b) => sample.times[a] - sample.times[b]);
  const distinct: number[] = [];
  const slot = new Int32Array(n);
  for (const i of order) {
    if (distinct.length === 0 || distinct[distinct.length - 1] !== sample.times[i])
      distinct.push(sample.times[i]);
    slot[i] = distinct.length - 1;
  }
  const events = new Float64Array(distinct.length);
  const censored = new Float64Array(distinct.length);
  for (let b = 0; b < resamples; b++) {
    events.fill(0);
    censored.fill(0);
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      if (sample.events[j]) events[slot[j]]++;
      else censored[slot[j]]++;
    }
    out[b] = medianOfCounts(distinct, events, censored, n);
  }
  return out;
}

/**
 * survivalQuantile(kaplanMeier(…), 0.5).quantile (+∞ when not reached) of a sample given
 * as event and censoring counts at sorted distinct times: the curve's points are the
 * times drawn at least once; 1 − S is read as R's `quantile.survfit` reads it (repeated
 * values dropped, a flat stretch at exactly ½ gives the middle of that stretch).
 */
function medianOfCounts(
  times: readonly number[],
  events: Float64Array,
  censored: Float64Array,
  n: number,
): number {
  const p = 0.5;
  const tolerance = Math.sqrt(Number.EPSILON);
  let atRisk = n;
  let s = 1;
  let lastTime = 0;
  let lastValue = 0;
  let firstTime = -1;
  let firstValue = 0;
  let secondTime = -1;
  for (let u = 0; u < times.length; u++) {
    const d = events[u];
    const c = censored[u];
    if (d + c === 0) continue;
    lastTime = times[u];
    if (d > 0) s *= 1 - d / atRisk;
    atRisk -= d + c;
    const value = 1 - s;
    if (value === lastValue) continue;
    lastValue = value;
    if (firstTime < 0 && value >= p - tolerance) {
      firstTime = times[u];
      firstValue = value;
    }
    if (secondTime < 0 && value >= p + tolerance) secondTime = times[u];
  }
  if (lastValue < p || firstTime < 0) return Number.POSITIVE_INFINITY;
  if (Math.abs(p - lastValue) < tolerance && Math.abs(firstValue - p) < tolerance)
    return (firstTime + lastTime) / 2;
  if (secondTime < 0) return Number.POSITIVE_INFINITY;
  return (firstTime + secondTime) / 2;
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
