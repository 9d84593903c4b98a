/**
 * Load options from a scenario: its traffic and routes, its seed, its baseline error rate,
 * and a hard bound on requests derived from the rate profile (1.5 × the expected number
 * of arrivals, plus 1,000), so a run can never send unboundedly many.
 */
import type { Millis, Scenario } from '../../scenario/model.js';
import { rateAt } from '../rate-profile.js';
import type { LoadOptions } from './types.js';

/** Expected arrivals over [offsetMs, offsetMs + durationMs) of the profile. */
export function expectedArrivals(scenario: Scenario, offsetMs: Millis, durationMs: Millis): number {
  let n = 0;
  for (let t = 0; t < durationMs; t += 1000) {
    n += (rateAt(scenario.traffic.profile, offsetMs + t + 500) * Math.min(1000, durationMs - t)) / 1000;
  }
  return n;
}

export function scenarioLoadOptions(
  scenario: Scenario,
  run: Pick<LoadOptions, 'target' | 'durationMs'> & Partial<LoadOptions>,
): LoadOptions {
  const offsetMs = run.offsetMs ?? 0;
  return {
    traffic: scenario.traffic,
    routes: scenario.service.routes,
    seed: scenario.seed,
    baselineErrorRate: scenario.service.errorRate,
    maxRequests: Math.ceil(1.5 * expectedArrivals(scenario, offsetMs, run.durationMs)) + 1_000,
    ...run,
  };
}
