import { mannWhitneyUCounts } from './mann-whitney-u-counts.js';
import { normalQuantile } from './normal-quantile.js';

export interface HodgesLehmannOptions {
  /** Two-sided confidence level of the interval (default 0.95). */
  readonly confidence?: number;
  /**
   * 'auto' (default) follows R's `wilcox.test(conf.int = TRUE)`: exact when both samples
   * have fewer than 50 values and there are no ties, else the normal approximation.
   */
  readonly method?: 'auto' | 'exact' | 'asymptotic';
  /** Continuity correction of the normal-approximation interval (default true, as R and Kayenta). */
  readonly continuity?: boolean;
}

export interface ShiftInterval {
  /** Hodges–Lehmann estimate of the shift x − y: the median of all n_x·n_y differences xᵢ − yⱼ. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** The level asked for. */
  readonly confidence: number;
  /**
   * The level the interval actually has: for the exact method 1 − 2·P(U ≤ k − 1), at least
   * `confidence` unless the samples are too small to reach it; for the normal
   * approximation, `confidence`.
   */
  readonly achievedConfidence: number;
  readonly method: 'exact' | 'asymptotic';
}

/**
 * The Hodges–Lehmann estimate of the location shift between two samples (median of the
 * pairwise differences xᵢ − yⱼ) with the confidence interval obtained by inverting the
 * Mann-Whitney test — what R's `wilcox.test(x, y, conf.int = TRUE)` reports as
 * "difference in location", and what Kayenta's judge bases its verdict on.
 *
 * Exact form (R): with k = qwilcox(α/2, n_x, n_y) (at least 1), the interval is
 * [d₍ₖ₎, d₍ₙ₋ₖ₊₁₎] over the sorted differences, n = n_x n_y.
 * Normal form (R with `exact = FALSE`; Kayenta's `MannWhitney.scala`): the limits are the
 * shifts μ at which the continuity- and tie-corrected statistic
 * (U(μ) − n/2 ∓ ½)/σ of x − μ against y crosses ±z_{1−α/2}. That statistic is a step
 * function of μ that only moves at the pairwise differences, so its crossing is found
 * exactly, at a difference, rather than by R's `uniroot(tol = 1e-4)` or Kayenta's Brent
 * solver: they return the same limit to within their solver tolerance (kayenta#780's
 * "lower bound 6.8e-5" is the crossing at 0). For the estimate, the corrected statistic is
 * zero on an interval containing the median of the differences, and the median is
 * returned. Cost: O(n log n) for n = n_x·n_y differences, plus O(s²t) for the exact
 * distribution.
 *
 * Edge cases: throws when a sample is empty or contains a non-finite value. One value in
 * each sample → [d, d]. When the exact interval cannot reach `confidence` (tiny samples)
 * it is the whole range of differences and `achievedConfidence` says what it has.
 *
 * @example hodgesLehmannShift([0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.9, 0.74, 1.21]) // {estimate: 0.305, lower: -0.15, upper: 0.76, method: 'exact', …} (R's ?wilcox.test example)
 */
export function hodgesLehmannShift(
  x: readonly number[],
  y: readonly number[],
  options: HodgesLehmannOptions = {},
): ShiftInterval {
  const { confidence = 0.95, method = 'auto', continuity = true } = options;
  const nX = x.length;
  const nY = y.length;
  if (nX === 0 || nY === 0) throw new RangeError('hodgesLehmannShift: both samples need at least one value');
  for (const v of [...x, ...y])
    if (!Number.isFinite(v)) throw new RangeError('hodgesLehmannShift: non-finite value');
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError('hodgesLehmannShift: confidence must be in (0, 1)');

  const n = nX * nY;
  const diffs = new Float64Array(n);
  let k = 0;
  for (const xi of x) for (const yj of y) diffs[k++] = xi - yj;
  diffs.sort();
  const estimate = n % 2 === 1 ? diffs[(n - 1) / 2] : (diffs[n / 2 - 1] + diffs[n / 2]) / 2;
  const alpha = 1 - confidence;

  const ties = hasTies([...x, ...y]);
  const chosen = method === 'auto' ? (nX < 50 && nY < 50 && !ties ? 'exact' : 'asymptotic') : method;

  if (chosen === 'exact') {
    const counts = mannWhitneyUCounts(nX, nY);
    let total = 0;
    for (const c of counts) total += c;
    // qwilcox(α/2): the smallest q with P(U ≤ q) ≥ α/2.
    let cumulative = 0;
    let q = 0;
    for (; q < counts.length; q++) {
      cumulative += counts[q];
      if (cumulative / total >= (alpha / 2) * (1 - 1e-12)) break;
    }
    if (q === 0) q = 1;
    let below = 0;
    for (let v = 0; v < q; v++) below += counts[v];
    const achievedAlpha = Math.min(1, (2 * below) / total);
    return {
      estimate,
      lower: diffs[q - 1],
      upper: diffs[n - q],
      confidence,
      achievedConfidence: 1 - achievedAlpha,
      method: 'exact',
    };
  }

  // Within-sample ties only: between differences, x − μ never ties with y.
  const tieTerm = tieSum(x) + tieSum(y);
  const total = nX + nY;
  const sigma = Math.sqrt(((nX * nY) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
  const z = normalQuantile(1 - alpha / 2);
  const half = continuity ? 0.5 : 0;
  return {
    estimate,
    lower: crossing(diffs, n, sigma, half, z),
    upper: crossing(diffs, n, sigma, half, -z),
    confidence,
    achievedConfidence: confidence,
    method: 'asymptotic',
  };
}

/**
 * The smallest μ at which (U(μ) − n/2 − ½·sgn)/σ falls to `level` or below, U(μ) being the
 * number of differences above μ. Between consecutive distinct differences the statistic
 * is constant; it steps down at each. If it equals `level` on a whole stretch, the middle
 * of that stretch is returned (a root of the same equation, as R's uniroot would find).
 */
function crossing(diffs: Float64Array, n: number, sigma: number, half: number, level: number): number {
  const statistic = (above: number): number => {
    const dz = above - n / 2;
    return (dz - Math.sign(dz) * half) / sigma - level;
  };
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && diffs[j] === diffs[i]) j++;
    // Just above diffs[i]: n − j differences remain above μ.
    if (j === n) break;
    const value = statistic(n - j);
    if (value < 0) return diffs[i];
    if (value === 0) {
      // Flat at zero from diffs[i] until the statistic turns negative.
      let end = j;
      while (end < n) {
        let next = end;
        while (next < n && diffs[next] === diffs[end]) next++;
        if (next === n || statistic(n - next) < 0) break;
        end = next;
      }
      return (diffs[i] + diffs[Math.min(end, n - 1)]) / 2;
    }
    i = j;
  }
  return diffs[n - 1];
}

function hasTies(values: readonly number[]): boolean {
  const sorted = [...values].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return true;
  return false;
}

function tieSum(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    const t = j - i;
    sum += t * t * t - t;
    i = j;
  }
  return sum;
}
