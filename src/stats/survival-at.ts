import type { KaplanMeierCurve } from './kaplan-meier.js';

/** The Kaplan–Meier estimate at one time, and the event probability by then. */
export interface SurvivalAt {
  readonly time: number;
  readonly survival: number;
  readonly lower: number;
  readonly upper: number;
  /** P(event by `time`) = 1 − S(time), e.g. P(detected by the end of the run). */
  readonly eventProbability: number;
  readonly eventLower: number;
  readonly eventUpper: number;
}

/**
 * S(t) and its pointwise band read off a Kaplan–Meier curve at time t (the step in force:
 * the last observed time ≤ t, as R's `summary(fit, times = t)`), with the complementary
 * event probability 1 − S(t) and its interval [1 − upper, 1 − lower] — "detected by the
 * end of the run: 72% (95% CI 61–81%)". Cost: O(log length).
 *
 * Edge cases: t before the first observed time → S = 1, band [1, 1]; after the last
 * observation the last value is carried forward (R refuses times beyond the last, use
 * with care).
 *
 * @example survivalAt(kaplanMeier([1, 2, 3, 4], [true, true, false, false]), 2.5).eventProbability // 0.5
 */
export function survivalAt(curve: KaplanMeierCurve, time: number): SurvivalAt {
  let lo = 0;
  let hi = curve.time.length - 1;
  let index = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (curve.time[mid] <= time) {
      index = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const survival = index < 0 ? 1 : curve.survival[index];
  const lower = index < 0 ? 1 : curve.lower[index];
  const upper = index < 0 ? 1 : curve.upper[index];
  return {
    time,
    survival,
    lower,
    upper,
    eventProbability: 1 - survival,
    eventLower: 1 - upper,
    eventUpper: 1 - lower,
  };
}
