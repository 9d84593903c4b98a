/**
 * Logged-in users in the simulated world: session affinity pins them to a pod; a session
 * whose pod goes away, or stops getting traffic, is lost (401, log in again) and counts
 * as newly affected; the feature flag is per user. Both fidelities.
 *
 * The small scenario's sessions: 40% of 100 requests/s, 6 requests/min each, mean length
 * 5 min, so ≈ 0.4·100/0.1 = 400 live sessions, ≈ 400/300 = 1.33 births/s.
 */
import { describe, expect, it } from 'vitest';
import type { Affinity, FaultModel } from '../../scenario/model.js';
import {
  endpointsRouting,
  FIDELITIES,
  readSeries,
  simHarness,
  smallScenario,
  sumAt,
  sumSeconds,
  versionTotals,
  weightRouting,
} from '../../test-support/sim-world.js';
import { expectBinomial, expectCount, Z } from '../../test-support/tolerance.js';
import { METRIC_NAMES } from './recorder.js';

const TAU_S = 300;
const SESSION_RATE = 0.1;

function scenario(affinity: Affinity, fault: FaultModel = { type: 'none' }) {
  return smallScenario({ affinity, fault });
}

/**
 * Sessions first failing at the 0.1% baseline in 60 s: 0.4·100·60 = 2400 session requests,
 * ≈ 2.4 failures, nearly all first ones. Per request the count is Poisson (variance 2.4);
 * per tick each failure raises every session's chance instead of hitting one session, a
 * Poisson mixture with variance 0.4·E[f] + 0.16·Var[f] for f ~ Poisson(6) failures of
 * anyone (6 = 100·60·0.001): 3.36. Bounded by twice the mean for both.
 */
const BASELINE_NEWLY = 2.4;
const BASELINE_VARIANCE = 2 * BASELINE_NEWLY;

/** P(a session live at the switch makes a request within `windowS`, before it ends). */
function requestsBeforeEnd(windowS: number): number {
  const r = SESSION_RATE + 1 / TAU_S;
  return (SESSION_RATE / r) * (1 - Math.exp(-r * windowS));
}

/**
 * Share of the sessions live at 30 s that are pinned to a pod. Per request a session is
 * pinned by its first request: of the 400 at t = 0, 400·e^{−30/τ}·e^{−30r} ≈ 18 have not
 * made one yet; of those born since (b = 400/τ per s), b·(1 − e^{−30(1/τ + r)})/(1/τ + r)
 * ≈ 12. Per tick a session is pinned at birth (an approximation that counts the few not
 * yet pinned as lost too).
 */
function pinnedAt30s(fidelity: 'request' | 'tick', live: number): number {
  if (fidelity === 'tick') return 1;
  const k = 1 / TAU_S + SESSION_RATE;
  const unpinned =
    400 * Math.exp(-30 / TAU_S - 30 * SESSION_RATE) + ((400 / TAU_S) * (1 - Math.exp(-30 * k))) / k;
  return 1 - unpinned / live;
}

describe.each(FIDELITIES)('sessions, per %s', (fidelity) => {
  it('with cookie affinity stay on their pod when the weights change: only new sessions follow the weight', () => {
    const h = simHarness({ fidelity, seed: 41, scenario: scenario('cookie') });
    h.world.scale('canary', 4);
    h.runTo(30_000);
    h.world.route(weightRouting(50));
    h.runTo(90_000);
    const c = versionTotals(h.tallies, 'canary', 30, 90).requests;
    const s = versionTotals(h.tallies, 'stable', 30, 90).requests;
    const n = c + s;
    // Anonymous requests (60%) split 50/50. Sessions born t s after the switch go to the
    // canary half the time: the share of sessions there is 0.5·(1 − e^{−t/τ}), on average
    // over the 60 s 0.5·(1 − (τ/60)(1 − e^{−60/τ})) ≈ 0.047.
    const pinnedShare = 0.5 * (1 - (TAU_S / 60) * (1 - Math.exp(-60 / TAU_S)));
    const p = 0.6 * 0.5 + 0.4 * pinnedShare;
    // Variance: the binomial split, plus the session part's clustering: ~400·0.047 sessions
    // on the canary, each carrying 0.4n/400 requests.
    const variance = n * p * (1 - p) + 400 * pinnedShare * ((0.4 * n) / 400) ** 2;
    expectCount(c, n * p, variance, 'canary requests with affinity');
    // Without affinity it would be 50%.
    expect(c / n).toBeLessThan(0.4);
    // Nobody lost a session.
    expect(sumSeconds(h.tallies.sessions.newlyAffected)).toBeLessThan(10);
  });

  it('without affinity follow the weight at once', () => {
    const h = simHarness({ fidelity, seed: 42, scenario: scenario('none') });
    h.world.scale('canary', 4);
    h.runTo(30_000);
    h.world.route(weightRouting(50));
    h.runTo(90_000);
    const c = versionTotals(h.tallies, 'canary', 30, 90).requests;
    expectBinomial(c, c + versionTotals(h.tallies, 'stable', 30, 90).requests, 0.5, 'canary requests');
  });

  it.each(['cookie', 'clientIP'] as const)(
    'with %s affinity are lost with their pod: a 401 on their next request, counted as newly affected',
    (affinity) => {
      const h = simHarness({ fidelity, seed: 43, scenario: scenario(affinity) });
      h.runTo(30_000);
      h.world.scale('stable', 3); // stable-3 leaves the endpoints now
      h.runTo(90_000);
      const live = h.tallies.sessions.active[29];
      // A quarter of the pinned sessions were on the pod; those that make a request
      // before they end (within 60 s) lose their session.
      const p = 0.25 * pinnedAt30s(fidelity, live) * requestsBeforeEnd(60);
      const lost = sumSeconds(h.tallies.sessions.newlyAffected, 30, 90);
      // Plus the few that fail at the 0.1% baseline (BASELINE_NEWLY).
      expectCount(
        lost,
        live * p + BASELINE_NEWLY,
        live * p * (1 - p) + BASELINE_VARIANCE,
        'sessions lost with the pod',
      );
      const unauthorized = sumAt(
        readSeries(h.store, { __name__: METRIC_NAMES.requests, status_code: '401' }),
        90_000,
      );
      expectCount(unauthorized, live * p, live * p * (1 - p), '401 responses');
      expect(sumSeconds(h.tallies.sessions.newlyAffected, 0, 30)).toBeLessThan(10);
    },
  );

  it('with cookie affinity are all lost by a blue-green switch', () => {
    const h = simHarness({ fidelity, seed: 44, scenario: scenario('cookie') });
    h.world.scale('canary', 4);
    h.runTo(30_000);
    h.world.route(endpointsRouting(['canary']));
    h.runTo(90_000);
    const live = h.tallies.sessions.active[29];
    const p = pinnedAt30s(fidelity, live) * requestsBeforeEnd(60);
    const lost = sumSeconds(h.tallies.sessions.newlyAffected, 30, 90);
    expectCount(
      lost,
      live * p + BASELINE_NEWLY,
      live * p * (1 - p) + BASELINE_VARIANCE,
      'sessions lost by the switch',
    );
    // The 401s come from the new (canary) pods.
    const unauthorized = readSeries(h.store, { __name__: METRIC_NAMES.requests, status_code: '401' });
    expect(unauthorized.every((s) => s.labels.version === 'canary')).toBe(true);
    expectCount(sumAt(unauthorized, 90_000), live * p, live * p * (1 - p), '401 responses');
  });

  it('without affinity survive a blue-green switch', () => {
    const h = simHarness({ fidelity, seed: 45, scenario: scenario('none') });
    h.world.scale('canary', 4);
    h.runTo(30_000);
    h.world.route(endpointsRouting(['canary']));
    h.runTo(90_000);
    // Only baseline failures.
    expect(sumSeconds(h.tallies.sessions.newlyAffected, 30, 90)).toBeLessThanOrEqual(
      BASELINE_NEWLY + Z * Math.sqrt(BASELINE_VARIANCE) + 1,
    );
  });

  it('count the baseline expectation of first failures', () => {
    // At errorRate p each session request fails with p: over the window, expected first
    // failures ≈ Σ_requests p·(1−p)^(earlier requests) ≈ p·(session requests) for small p.
    const base = smallScenario();
    const h = simHarness({
      fidelity,
      seed: 46,
      scenario: smallScenario({ service: { ...base.service, errorRate: 0.01 } }),
    });
    h.runTo(120_000);
    const expected = sumSeconds(h.tallies.sessions.expectedBaseline);
    const newly = sumSeconds(h.tallies.sessions.newlyAffected);
    // 0.4·100·120 = 4800 session requests, ~400–560 sessions making ~10 each: the
    // expectation is below 48 and above 4800·0.01·(1 − 0.01·10) ≈ 43.
    expect(expected).toBeGreaterThan(40);
    expect(expected).toBeLessThan(48.5);
    expectCount(newly, expected, expected, 'sessions first failing at the baseline');
  });
});

describe('the feature flag, per request', () => {
  it('is per user: a logged-in user is on v2 for all their requests, or none', () => {
    // Every request comes from a session (share 1); sessions last an hour, so the ~1000 at
    // the start are nearly all there is; every v2 request fails (a 100% error spike). At
    // flag 30%, about 30% of the users fail — not the ~100% a per-request split would
    // hurt after ~12 requests each.
    const base = smallScenario();
    const h = simHarness({
      fidelity: 'request',
      seed: 47,
      scenario: smallScenario({
        fault: { type: 'errorSpike', errorRate: 1, statusCode: 500, cohort: 'all' },
        traffic: { ...base.traffic, sessions: { share: 1, meanLengthMs: 3_600_000, requestsPerMinute: 6 } },
      }),
    });
    h.world.setFlag(30);
    h.runTo(120_000);
    const live = h.tallies.sessions.active[0];
    // Births: 1000/3600 per s over 120 s ≈ 33 more users, a few of whom made a request.
    const affected = sumSeconds(h.tallies.sessions.newlyAffected);
    const births = (live / 3600) * 120;
    expect(Math.abs(affected - 0.3 * live)).toBeLessThan(Z * Math.sqrt(live * 0.3 * 0.7) + 0.3 * births + 1);
  });
});
