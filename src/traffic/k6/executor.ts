/**
 * The k6 scenario (executor) for a rate profile: open-model arrival-rate executors, which
 * start iterations on schedule whether or not earlier ones finished (k6 counts the ones
 * it cannot start, for lack of a free VU, as `dropped_iterations`).
 * - a profile constant over the run → `constant-arrival-rate`;
 * - otherwise → `ramping-arrival-rate`, one stage per profile point inside the run (k6
 *   ramps linearly between stage targets, as the profile does between points).
 * k6 rates are integers per `timeUnit`: `1s` when every rate is a whole number, else `1m`
 * (1/60 request/s resolution). k6 spaces iterations evenly (constant spacing).
 */
import type { Millis, RateProfile } from '../../scenario/model.js';
import { rateAt } from '../rate-profile.js';

export interface K6VuOptions {
  /** VUs k6 starts up front. */
  readonly preAllocatedVUs: number;
  /** VUs k6 may add when iterations back up. */
  readonly maxVUs: number;
  /** Time in-flight iterations get after the last arrival before k6 stops them. */
  readonly gracefulStopMs: Millis;
}

export type K6Scenario =
  | {
      readonly executor: 'constant-arrival-rate';
      readonly rate: number;
      readonly timeUnit: string;
      readonly duration: string;
      readonly preAllocatedVUs: number;
      readonly maxVUs: number;
      readonly gracefulStop: string;
    }
  | {
      readonly executor: 'ramping-arrival-rate';
      readonly startRate: number;
      readonly timeUnit: string;
      readonly stages: readonly { readonly duration: string; readonly target: number }[];
      readonly preAllocatedVUs: number;
      readonly maxVUs: number;
      readonly gracefulStop: string;
    };

/** The rates (requests/s) at the run's start, each profile point inside it, and its end. */
function breakpoints(
  profile: RateProfile,
  offsetMs: Millis,
  durationMs: Millis,
): { tMs: Millis; rps: number }[] {
  const end = offsetMs + durationMs;
  const points = [{ tMs: offsetMs, rps: rateAt(profile, offsetMs) }];
  for (const p of profile.points)
    if (p.tMs > offsetMs && p.tMs < end) points.push({ tMs: p.tMs, rps: p.rps });
  points.push({ tMs: end, rps: rateAt(profile, end) });
  return points;
}

/** A k6 duration string for a whole number of milliseconds. */
export function k6Duration(ms: Millis): string {
  const whole = Math.round(ms);
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${whole}ms`;
}

/** The k6 scenario for `durationMs` of the profile, starting at `offsetMs` of it. */
export function k6Scenario(
  profile: RateProfile,
  offsetMs: Millis,
  durationMs: Millis,
  vus: K6VuOptions,
): K6Scenario {
  const points = breakpoints(profile, offsetMs, durationMs);
  const perSecond = points.every((p) => Number.isInteger(p.rps));
  const timeUnit = perSecond ? '1s' : '1m';
  const scale = (rps: number) => (perSecond ? rps : Math.round(rps * 60));
  const common = {
    preAllocatedVUs: vus.preAllocatedVUs,
    maxVUs: vus.maxVUs,
    gracefulStop: k6Duration(vus.gracefulStopMs),
  };
  if (points.every((p) => p.rps === points[0].rps)) {
    return {
      executor: 'constant-arrival-rate',
      rate: scale(points[0].rps),
      timeUnit,
      duration: k6Duration(durationMs),
      ...common,
    };
  }
  const stages = points
    .slice(1)
    .map((p, i) => ({ duration: k6Duration(p.tMs - points[i].tMs), target: scale(p.rps) }));
  return { executor: 'ramping-arrival-rate', startRate: scale(points[0].rps), timeUnit, stages, ...common };
}

/** The highest rate of the profile over the run, requests/s. */
export function peakRate(profile: RateProfile, offsetMs: Millis, durationMs: Millis): number {
  return Math.max(...breakpoints(profile, offsetMs, durationMs).map((p) => p.rps));
}
