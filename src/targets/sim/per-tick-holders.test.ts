/**
 * Per tick, a role's interchangeable pods share one stand-in (a holder) per tick, and each
 * pod's part is settled when the engine catches up. The holders must not change what
 * is simulated: with and without them, the same worlds give the same totals in
 * distribution — here where pools are near their limit, so that some ticks give their
 * requests back to the pods (each pod's pool times out on its own load).
 */
import { describe, expect, it } from 'vitest';
import {
  readSeries,
  simHarness,
  smallScenario,
  sumAt,
  sumSeconds,
  weightRouting,
} from '../../test-support/sim-world.js';
import { expectRunsAgree } from '../../test-support/tolerance.js';
import { PerTickEngine } from './per-tick.js';
import { METRIC_NAMES } from './recorder.js';

const SEEDS = 12;

function run(holders: boolean, seed: number): Record<string, number> {
  const scenario = smallScenario({
    durationMs: 4 * 60_000,
    service: { ...smallScenario().service, pool: { size: 3, acquireTimeoutMs: 50 } },
  });
  const h = simHarness({
    fidelity: 'tick',
    seed,
    scenario,
    engine: (w) => new PerTickEngine(w, { holders }),
  });
  h.world.scale('canary', 1);
  h.runTo(10_000);
  h.world.route(weightRouting(30));
  h.runTo(180_000);
  const out: Record<string, number> = {};
  for (const role of ['stable', 'canary'] as const) {
    out[`${role} requests`] = sumSeconds(h.tallies.versions[role].requests, 0, 180);
    out[`${role} 5xx`] = sumSeconds(h.tallies.versions[role].serverErrors, 0, 180);
    out[`${role} timeouts in the series`] = sumAt(
      readSeries(h.store, { __name__: METRIC_NAMES.poolTimeouts, version: role }),
      180_000,
    );
    out[`${role} requests in the series`] = sumAt(
      readSeries(h.store, { __name__: METRIC_NAMES.requests, version: role }),
      180_000,
    );
  }
  return out;
}

describe('per tick with holders', () => {
  it('simulates what it does without them, pools near their limit included', () => {
    const withHolders = Array.from({ length: SEEDS }, (_, i) => run(true, 500 + i));
    const without = Array.from({ length: SEEDS }, (_, i) => run(false, 500 + i));
    // The pools do time out here (the baseline error rate alone gives ~18 5xx).
    expect(withHolders[0]['stable timeouts in the series']).toBeGreaterThan(20);
    expectRunsAgree(without, withHolders);
  });
});
