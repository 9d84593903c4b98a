/**
 * Time-to-event summaries for censored times — detection, rollback, time to recovery —
 * from the Kaplan–Meier estimate: median and p90 with Brookmeyer–Crowley intervals, the
 * probability that the event happened by the end of follow-up, and the restricted mean
 * (the mean that exists even when the median does not). Censored trials are kept at
 * their censoring time; a mean of the uncensored times is never taken.
 */
import { type KaplanMeierCurve, kaplanMeier } from '../../stats/kaplan-meier.js';
import { normalQuantile } from '../../stats/normal-quantile.js';
import { restrictedMeanSurvival } from '../../stats/restricted-mean-survival.js';
import { survivalAt } from '../../stats/survival-at.js';
import { survivalQuantile } from '../../stats/survival-quantile.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';
import { CONFIDENCE, type Estimate, estimateOf } from './estimate.js';

/** Right-censored times in ms: event[i] true when the event happened at times[i]. */
export interface CensoredTimes {
  readonly times: readonly number[];
  readonly events: readonly boolean[];
}

export interface TimeToEvent {
  readonly n: number;
  readonly events: number;
  readonly censored: number;
  /** ms; estimate null when fewer than half had the event (the median is not reached). */
  readonly median: Estimate;
  /** ms; estimate null when fewer than 90% had the event. */
  readonly p90: Estimate;
  /** The longest follow-up (ms): the horizon of `byEnd` and `restrictedMean`. */
  readonly horizonMs: number;
  /** P(event by the horizon) = 1 − S(horizon), with its interval. */
  readonly byEnd: Estimate;
  /** ∫₀^H S(t) dt in ms, with a normal 95% interval from its standard error. */
  readonly restrictedMean: Estimate;
}

/** The Kaplan–Meier curve of censored times (log band, as R's survfit). Throws when empty. */
export function curveOf(sample: CensoredTimes): KaplanMeierCurve {
  return kaplanMeier(sample.times, sample.events, { confidence: CONFIDENCE });
}

/** A quantile of the event time with its interval (ms); estimate null when not reached. */
export function quantileOf(curve: KaplanMeierCurve, p: number): Estimate {
  const q = survivalQuantile(curve, p);
  return estimateOf(q.quantile, q.lower, q.upper);
}

/**
 * The summary of censored times; null when there are none (e.g. rollback times of a
 * strategy that never detected anything).
 */
export function timeToEvent(sample: CensoredTimes): TimeToEvent | null {
  const n = sample.times.length;
  if (n === 0) return null;
  const curve = curveOf(sample);
  const events = sample.events.filter(Boolean).length;
  const horizon = Math.max(...sample.times);
  const at = survivalAt(curve, horizon);
  const rmst = restrictedMeanSurvival(curve, horizon);
  const z = normalQuantile(1 - (1 - CONFIDENCE) / 2);
  // With no events, or no censoring, the curve at the end is the plain share x/n, and
  // Wilson's interval fits it where the Kaplan–Meier band degenerates ([1, 1] or none).
  const byEnd =
    events === n || events === 0
      ? (({ estimate, lower, upper }) => estimateOf(estimate, lower, upper))(
          wilsonInterval(events, n, CONFIDENCE),
        )
      : estimateOf(at.eventProbability, at.eventLower, at.eventUpper);
  return {
    n,
    events,
    censored: n - events,
    median: quantileOf(curve, 0.5),
    p90: quantileOf(curve, 0.9),
    horizonMs: horizon,
    byEnd,
    restrictedMean: estimateOf(
      rmst.mean,
      Math.max(0, rmst.mean - z * rmst.stdErr),
      Math.min(horizon, rmst.mean + z * rmst.stdErr),
    ),
  };
}
