import type { KaplanMeierCurve } from './kaplan-meier.js';

/** A quantile of the event-time distribution with its confidence interval; null when not reached. */
export interface SurvivalQuantile {
  /** The time by which a share p of subjects had the event; null if the curve never gets there. */
  readonly quantile: number | null;
  readonly lower: number | null;
  /** null: the band never reaches p, so the interval is open to the right (R prints NA). */
  readonly upper: number | null;
  readonly p: number;
}

/**
 * The p-quantile of the event time from a Kaplan–Meier curve — p = 0.5 gives the median
 * detection time — with the confidence interval of Brookmeyer & Crowley (1982) as R's
 * `survfit` prints it: the quantile is the first time at which 1 − S(t) ≥ p; where
 * 1 − S(t) equals p (within 1.5e-8) over a stretch, the middle of that stretch (so the
 * median of 1, 2, 3, 4 is 2.5); the interval's ends are the same quantile read off the
 * band's upper and lower curves (R's `quantile.survfit`). When fewer than a share p of
 * subjects had the event, the quantile is undefined (null): report
 * `survivalAt(curve, horizon)` and `restrictedMeanSurvival(curve, horizon)` instead.
 * Cost: O(length of the curve).
 *
 * Edge cases: p = 0 → the first time; throws unless 0 ≤ p ≤ 1.
 *
 * @example survivalQuantile(kaplanMeier([1, 2, 3, 4], [true, true, true, true]), 0.5).quantile // 2.5
 */
export function survivalQuantile(curve: KaplanMeierCurve, p = 0.5): SurvivalQuantile {
  if (!(p >= 0 && p <= 1)) throw new RangeError('survivalQuantile: p must be in [0, 1]');
  const lastTime = curve.time[curve.time.length - 1];
  const find = (surv: readonly number[]): number | null => findQuantile(curve.time, surv, p, lastTime);
  return { quantile: find(curve.survival), lower: find(curve.lower), upper: find(curve.upper), p };
}

/**
 * R's `findq`: points (0, 0), (timeᵢ, 1 − Sᵢ) with missing and repeated values of 1 − S
 * dropped. Like R's `approx`, which orders the points by value, the quantile is read at
 * the point with the smallest value ≥ p − tol (the earliest such time when 1 − S only
 * grows; with a band that is not monotone — the log band can turn back up — R takes
 * the lowest crossing value, and so does this). A value within tol of p means a flat
 * stretch at p: the middle between that point and the one with the smallest value
 * ≥ p + tol (or the end of follow-up when the curve ends on p).
 */
function findQuantile(
  times: readonly number[],
  surv: readonly number[],
  p: number,
  lastTime: number,
): number | null {
  const tolerance = Math.sqrt(Number.EPSILON);
  const x: number[] = [0];
  const y: number[] = [0];
  const seen = new Set<number>([0]);
  for (let i = 0; i < times.length; i++) {
    const value = 1 - surv[i];
    if (Number.isNaN(value) || seen.has(value)) continue;
    seen.add(value);
    x.push(times[i]);
    y.push(value);
  }
  if (Math.max(...y) < p) return null;
  if (p === 0) return x[0];
  const smallestAtLeast = (level: number): number => {
    let best = -1;
    for (let j = 0; j < y.length; j++) if (y[j] >= level && (best < 0 || y[j] < y[best])) best = j;
    return best;
  };
  const first = smallestAtLeast(p - tolerance);
  if (first < 0) return null;
  if (Math.abs(p - y[y.length - 1]) < tolerance && Math.abs(y[first] - p) < tolerance)
    return (x[first] + lastTime) / 2;
  const second = smallestAtLeast(p + tolerance);
  if (second < 0) return null;
  return (x[first] + x[second]) / 2;
}
