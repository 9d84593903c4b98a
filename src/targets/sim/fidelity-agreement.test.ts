/**
 * The per-tick fidelity agrees with the per-request one on small scripted worlds: the same
 * script runs SEEDS times in each fidelity, and every per-version total must agree — the
 * difference of the two means within Z standard errors, the standard errors estimated from
 * the seeds' spread (a Welch comparison), plus 1 for counts. Seeds are fixed, so the
 * outcome is deterministic; a real bias of a few standard errors fails it.
 */
import { describe, it } from 'vitest';
import type { FaultModel, Scenario } from '../../scenario/model.js';
import {
  endpointsRouting,
  type Fidelity,
  readSeries,
  type SimHarness,
  simHarness,
  smallScenario,
  sumAt,
  sumSeconds,
  weightRouting,
} from '../../test-support/sim-world.js';
import { expectRunsAgree } from '../../test-support/tolerance.js';
import { METRIC_NAMES } from './recorder.js';

const SEEDS = 10;

interface Case {
  readonly name: string;
  readonly scenario: Scenario;
  /** Drive the world to the end of the case; return the quantities to compare. */
  readonly run: (h: SimHarness) => Record<string, number>;
}

function cellTotals(h: SimHarness, from: number, to: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [cell, tallies] of Object.entries(h.tallies.cells)) {
    out[`${cell} requests`] = sumSeconds(tallies.requests, from, to);
    out[`${cell} failed`] = sumSeconds(tallies.failed, from, to);
  }
  for (const role of ['stable', 'canary'] as const)
    out[`${role} 5xx`] = sumSeconds(h.tallies.versions[role].serverErrors, from, to);
  return out;
}

/** A stable-sized world with one extra canary pod ready at 10 s and routed at `weight`. */
function canaryAt(weight: number) {
  return (h: SimHarness) => {
    h.world.scale('canary', 1);
    h.runTo(10_000);
    h.world.route(weightRouting(weight));
  };
}

function withFault(fault: FaultModel, extra: Partial<Scenario> = {}): Scenario {
  return smallScenario({ fault, durationMs: 4 * 60_000, ...extra });
}

const CASES: readonly Case[] = [
  {
    name: 'error spike on a 30% canary',
    scenario: withFault({ type: 'errorSpike', errorRate: 0.05, statusCode: 500, cohort: 'all' }),
    run: (h) => {
      canaryAt(30)(h);
      h.runTo(180_000);
      return cellTotals(h, 0, 180);
    },
  },
  {
    name: 'sessions-cohort error spike with cookie affinity',
    scenario: withFault(
      { type: 'errorSpike', errorRate: 0.2, statusCode: 500, cohort: 'sessions' },
      { affinity: 'cookie' },
    ),
    // The canary comes after a minute: per tick every session is pinned at birth, per
    // request at its first request, so the sessions live at t = 0 are pinned only over
    // the first ~30 s there (to whatever the routing then is). After a minute both have
    // all but the (1/τ)/(1/τ + r) ≈ 3% youngest sessions pinned.
    run: (h) => {
      h.world.scale('canary', 1);
      h.runTo(60_000);
      h.world.route(weightRouting(30));
      h.runTo(180_000);
      return {
        ...cellTotals(h, 60, 180),
        'affected sessions': sumSeconds(h.tallies.sessions.newlyAffected),
        'expected at baseline': sumSeconds(h.tallies.sessions.expectedBaseline),
      };
    },
  },
  {
    name: 'latency on half of v2’s requests',
    scenario: withFault({ type: 'latency', delayMs: 400, jitterMs: 100, share: 0.5, on: 'service' }),
    run: (h) => {
      canaryAt(50)(h);
      h.runTo(180_000);
      const le = (version: string, b: string) =>
        sumAt(readSeries(h.store, { __name__: METRIC_NAMES.bucket, version, le: b }), 180_000);
      const meanP99 = (xs: Float64Array) => xs.slice(10, 180).reduce((a, b) => a + b, 0) / 170;
      return {
        'canary ≤ 250 ms': le('canary', '0.25'),
        'canary ≤ 500 ms': le('canary', '0.5'),
        'canary ≤ 1 s': le('canary', '1'),
        'canary all': le('canary', '+Inf'),
        'stable ≤ 100 ms': le('stable', '0.1'),
        'canary mean per-second p99 (ms)': meanP99(h.tallies.versions.canary.p99Ms),
        'stable mean per-second p99 (ms)': meanP99(h.tallies.versions.stable.p99Ms),
      };
    },
  },
  {
    name: 'connection leak draining a canary pod',
    scenario: withFault({ type: 'connectionLeak', leakPerRequest: 0.005 }),
    // ~40 database requests/s on the canary pod at 0.5% leaks: ~0.2 leaks/s, drained after
    // ~100 s (Gamma(20, 0.2/s): sd 22 s); then its database requests time out.
    run: (h) => {
      canaryAt(50)(h);
      const canary = h.world.pods.find((p) => p.role === 'canary')!;
      let drainedAt = 240;
      for (let s = 11; s <= 240; s++) {
        h.runTo(s * 1000);
        if (canary.leaked === 20 && drainedAt === 240) drainedAt = s;
      }
      return {
        'drained at (s)': drainedAt,
        ...cellTotals(h, 0, 240),
        'pool timeouts': canary.acquireTimeouts,
      };
    },
  },
  {
    name: 'API schema mismatch on a 50% canary',
    scenario: withFault({ type: 'apiSchemaMismatch', rejectOldRequests: true }),
    run: (h) => {
      canaryAt(50)(h);
      h.runTo(180_000);
      return cellTotals(h, 0, 180);
    },
  },
  {
    name: 'database schema mismatch and its down migration',
    scenario: withFault({
      type: 'dbSchemaMismatch',
      change: 'renameColumn',
      expandContract: false,
      revertOnAbort: true,
      revertDurationMs: 30_000,
    }),
    run: (h) => {
      canaryAt(20)(h);
      h.runTo(90_000);
      h.world.revertMigration();
      h.runTo(180_000);
      return {
        ...cellTotals(h, 0, 120),
        ...Object.fromEntries(Object.entries(cellTotals(h, 120, 180)).map(([k, v]) => [`late ${k}`, v])),
      };
    },
  },
  {
    name: 'a blue-green switch with cookie affinity',
    // Sessions making a request every 2 s: per tick a session is pinned at birth, not at its
    // first request, which here leaves (1/τ)/(1/τ + 0.5/s) ≈ 0.7% of them unpinned — far
    // below the spread of the lost sessions' count.
    scenario: (() => {
      const base = smallScenario();
      return smallScenario({
        affinity: 'cookie',
        durationMs: 4 * 60_000,
        traffic: { ...base.traffic, sessions: { share: 0.5, meanLengthMs: 300_000, requestsPerMinute: 30 } },
      });
    })(),
    run: (h) => {
      h.world.scale('canary', 4);
      h.runTo(60_000);
      h.world.route(endpointsRouting(['canary']));
      h.runTo(120_000);
      return {
        'lost sessions': sumSeconds(h.tallies.sessions.newlyAffected, 60, 120),
        'affected before': sumSeconds(h.tallies.sessions.newlyAffected, 0, 60),
        ...cellTotals(h, 60, 120),
      };
    },
  },
  {
    name: 'a feature flag raised 10% → 30% over logged-in users (the flag is per user)',
    scenario: withFault({ type: 'errorSpike', errorRate: 0.2, statusCode: 500, cohort: 'all' }),
    run: (h) => {
      h.runTo(60_000);
      h.world.setFlag(10);
      h.runTo(120_000);
      h.world.setFlag(30);
      h.runTo(180_000);
      return {
        'affected sessions': sumSeconds(h.tallies.sessions.newlyAffected, 60, 180),
        ...cellTotals(h, 60, 180),
      };
    },
  },
  {
    // Per tick, statuses that do not depend on the route are drawn per tick and the route
    // split once per scrape: each route's series must still get its share.
    name: 'each route’s series under an error spike on a 30% canary',
    scenario: withFault({ type: 'errorSpike', errorRate: 0.1, statusCode: 503, cohort: 'all' }),
    run: (h) => {
      canaryAt(30)(h);
      h.runTo(180_000);
      const out: Record<string, number> = {};
      for (const version of ['stable', 'canary'])
        for (const route of h.world.routes.map((r) => r.name))
          for (const status of ['200', '500', '503'])
            out[`${version} ${route} ${status}`] = sumAt(
              readSeries(h.store, { __name__: METRIC_NAMES.requests, version, route, status_code: status }),
              180_000,
            );
      return out;
    },
  },
  {
    name: 'mirroring to a shadow',
    scenario: withFault({ type: 'errorSpike', errorRate: 0.3, statusCode: 500, cohort: 'all' }),
    run: (h) => {
      h.world.scale('canary', 2);
      h.runTo(10_000);
      h.world.route(weightRouting(0, { mirrorPercent: 50 }));
      h.runTo(180_000);
      const canary5xx = readSeries(h.store, {
        __name__: METRIC_NAMES.requests,
        version: 'canary',
        status_code: '500',
      });
      return {
        mirrored: sumSeconds(h.tallies.mirrored),
        'canary 5xx at the server': sumAt(canary5xx, 180_000),
        ...cellTotals(h, 0, 180),
      };
    },
  },
];

function runCase(c: Case, fidelity: Fidelity): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  for (let seed = 1; seed <= SEEDS; seed++)
    out.push(c.run(simHarness({ fidelity, seed: 1000 + seed, scenario: c.scenario })));
  return out;
}

describe('per tick agrees with per request', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expectRunsAgree(runCase(c, 'request'), runCase(c, 'tick'));
  });
});
