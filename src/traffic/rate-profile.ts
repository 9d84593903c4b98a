/**
 * Arrival rate over time from a profile: piecewise-linear between points, constant before
 * the first and after the last. A constant `rps` is a one-point profile.
 */
import type { Millis, RateProfile } from '../scenario/model.js';

/** Requests per second at time t. */
export function rateAt(profile: RateProfile, t: Millis): number {
  const points = profile.points;
  if (points.length === 0) return 0;
  if (t <= points[0].tMs) return points[0].rps;
  const last = points[points.length - 1];
  if (t >= last.tMs) return last.rps;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].tMs <= t) lo = mid;
    else hi = mid;
  }
  const a = points[lo];
  const b = points[hi];
  const f = (t - a.tMs) / (b.tMs - a.tMs);
  return a.rps + f * (b.rps - a.rps);
}

/**
 * Per-second rates for `seconds` seconds: rate at the middle of each second. Both
 * simulation fidelities hold the rate constant within a second.
 */
export function perSecondRates(profile: RateProfile, seconds: number): Float64Array {
  const rates = new Float64Array(seconds);
  for (let s = 0; s < seconds; s++) rates[s] = rateAt(profile, s * 1000 + 500);
  return rates;
}

export function constantProfile(rps: number): RateProfile {
  return { points: [{ tMs: 0, rps }] };
}
