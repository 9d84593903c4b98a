import { describe, expect, it } from 'vitest';
import type { FaultModel } from '../scenario/model.js';
import { linearQuantile } from '../stats/linear-quantile.js';
import { createRng } from '../stats/rng.js';
import { queryDialect, RequestDraws, serviceFaults } from './faults.js';

const DB: FaultModel = {
  type: 'dbSchemaMismatch',
  change: 'renameColumn',
  expandContract: false,
  revertOnAbort: true,
  revertDurationMs: 30_000,
};

describe('serviceFaults', () => {
  it('leaves the v1 release healthy whatever the fault', () => {
    const v1 = serviceFaults({ type: 'connectionLeak', leakPerRequest: 1 }, 'v1');
    expect(v1).toEqual(serviceFaults({ type: 'none' }, 'v2'));
    expect(serviceFaults({ type: 'crashOnStart', probability: 1 }, 'v1').crashOnStart).toBe(0);
  });

  it('gives v2 the fault’s behaviour; network faults are the router’s', () => {
    expect(serviceFaults({ type: 'connectionLeak', leakPerRequest: 0.2 }, 'v2').leakPerRequest).toBe(0.2);
    const latency = { type: 'latency', delayMs: 50, jitterMs: 5, share: 0.5 } as const;
    expect(serviceFaults({ ...latency, on: 'service' }, 'v2').delay).toEqual({
      meanMs: 50,
      jitterMs: 5,
      share: 0.5,
    });
    expect(serviceFaults({ ...latency, on: 'network' }, 'v2').delay).toBeNull();
    expect(serviceFaults({ type: 'networkLoss', share: 1 }, 'v2')).toEqual(
      serviceFaults({ type: 'none' }, 'v2'),
    );
    expect(
      serviceFaults({ type: 'errorSpike', errorRate: 0.1, statusCode: 502, cohort: 'sessions' }, 'v2')
        .errorSpike,
    ).toEqual({ rate: 0.1, statusCode: 502, sessionsOnly: true });
    expect(serviceFaults({ type: 'slowWarmUp', warmUpMs: 9000 }, 'v2').warmUpMs).toBe(9000);
  });

  it('maps the database change to a migration and the queries that fit it', () => {
    const rename = serviceFaults(DB, 'v2');
    const drop = serviceFaults({ ...DB, change: 'dropColumn' }, 'v2');
    const expand = serviceFaults({ ...DB, expandContract: true }, 'v2');
    expect([rename.skuChange, drop.skuChange, expand.skuChange]).toEqual([
      'rename-item-to-sku',
      'drop-item-for-sku',
      'expand-add-sku',
    ]);
    expect([rename, drop, expand, serviceFaults(DB, 'v1')].map(queryDialect)).toEqual([
      'sku',
      'sku',
      'sku-with-item',
      'item',
    ]);
  });
});

describe('RequestDraws', () => {
  it('draws service times with the configured p50 and p99', () => {
    const draws = new RequestDraws(
      createRng(3),
      { distribution: 'lognormal', p50Ms: 40, p99Ms: 220 },
      0,
      serviceFaults({ type: 'none' }, 'v1'),
    );
    const times = Array.from({ length: 40_000 }, () => draws.serviceTimeMs()).sort((a, b) => a - b);
    expect(linearQuantile(times, 0.5) / 40).toBeGreaterThan(0.97);
    expect(linearQuantile(times, 0.5) / 40).toBeLessThan(1.03);
    expect(linearQuantile(times, 0.99) / 220).toBeGreaterThan(0.9);
    expect(linearQuantile(times, 0.99) / 220).toBeLessThan(1.1);
  });

  it('is the same for the same seed', () => {
    const make = () =>
      new RequestDraws(
        createRng(9),
        { distribution: 'lognormal', p50Ms: 5, p99Ms: 9 },
        0.3,
        serviceFaults({ type: 'none' }, 'v2'),
      );
    const a = make();
    const b = make();
    for (let i = 0; i < 50; i++) {
      expect([a.serviceTimeMs(), a.baselineError()]).toEqual([b.serviceTimeMs(), b.baselineError()]);
    }
  });

  it('delays a share of requests by max(0, N(mean, jitter²))', () => {
    const faults = serviceFaults(
      { type: 'latency', delayMs: 100, jitterMs: 0, share: 0.25, on: 'service' },
      'v2',
    );
    const draws = new RequestDraws(
      createRng(5),
      { distribution: 'lognormal', p50Ms: 5, p99Ms: 9 },
      0,
      faults,
    );
    const delays = Array.from({ length: 4000 }, () => draws.addedDelayMs());
    const delayed = delays.filter((d) => d > 0);
    expect(new Set(delayed)).toEqual(new Set([100]));
    // Binomial(4000, 0.25): sd ≈ 27; 5 sd either side.
    expect(Math.abs(delayed.length - 1000)).toBeLessThan(5 * Math.sqrt(4000 * 0.25 * 0.75));
  });
});
