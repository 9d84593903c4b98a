/**
 * The release's faults as the simulated world plays them, in both fidelities: what the
 * server counts, what clients see, and when. Expected values come from the scenario's
 * parameters; tolerances from their binomial or Poisson variance (test-support/tolerance).
 */
import { describe, expect, it } from 'vitest';
import type { FaultModel } from '../../scenario/model.js';
import {
  endpointsRouting,
  FIDELITIES,
  readSeries,
  type SimHarness,
  simHarness,
  smallScenario,
  sumAt,
  versionTotals,
  weightRouting,
} from '../../test-support/sim-world.js';
import { expectBinomial, Z } from '../../test-support/tolerance.js';
import {
  BUCKET_BOUNDS_S,
  BUCKET_LABELS,
  bucketProbabilities,
  delayedCdf,
  lognormalCdf,
  lognormalFromPercentiles,
  quantileFromBuckets,
} from './latency.js';
import { METRIC_NAMES } from './recorder.js';

const BASE_ERROR = 0.001;
/** The test routes: get-order (GET, db) 0.6, create-order (POST, db) 0.2, login (no db) 0.2. */
const DB_SHARE = 0.8;

/** Two stable pods and one canary pod (ready at 10 s), the canary at `weight` from 10 s. */
function withCanary(fault: FaultModel, fidelity: 'request' | 'tick', seed: number, weight = 50): SimHarness {
  const base = smallScenario();
  const h = simHarness({
    fidelity,
    seed,
    scenario: smallScenario({ fault, service: { ...base.service, replicas: 2 } }),
  });
  h.world.scale('canary', 1);
  h.runTo(10_000);
  h.world.route(weightRouting(weight));
  return h;
}

/** Sum at time t of a metric's series matching labels. */
function metricAt(h: SimHarness, name: string, labels: Record<string, string>, t: number): number {
  return sumAt(readSeries(h.store, { __name__: name, ...labels }), t);
}

describe.each(FIDELITIES)('faults, per %s', (fidelity) => {
  describe('connection leak', () => {
    const fault = { type: 'connectionLeak', leakPerRequest: 0.01 } as const;

    it('leaks about dbRequests·leakPerRequest connections of the pods running v2', () => {
      // At 50% of 100/s, the canary pod gets ~40 database requests/s: ~0.4 leaks/s, so
      // the pool of 20 is not yet empty at 30 s (expected 8 leaks).
      const h = withCanary(fault, fidelity, 21);
      h.runTo(30_000);
      const canary = h.world.pods.find((p) => p.role === 'canary')!;
      const dbTook = ['get-order', 'create-order'].reduce(
        (a, route) =>
          a +
          metricAt(h, METRIC_NAMES.requests, { pod: canary.name, route }, 30_000) -
          metricAt(h, METRIC_NAMES.requests, { pod: canary.name, route, status_code: '503' }, 30_000),
        0,
      );
      expect(canary.leaked).toBeLessThan(20);
      expectBinomial(canary.leaked, dbTook, 0.01, 'leaked connections');
      for (const pod of h.world.pods.filter((p) => p.role === 'stable')) expect(pod.leaked).toBe(0);
    });

    it('then fails every database request of the drained pod with 503 after acquireTimeoutMs', () => {
      const h = withCanary(fault, fidelity, 22);
      // 20 connections at ~0.4 leaks/s: drained after ~50 s; P(not by 150 s) is negligible.
      h.runTo(150_000);
      const canary = h.world.pods.find((p) => p.role === 'canary')!;
      expect(canary.leaked).toBe(20);
      expect(canary.capacity).toBe(0);
      const at = (t: number, labels: Record<string, string>) =>
        metricAt(h, METRIC_NAMES.requests, { pod: canary.name, ...labels }, t);
      h.runTo(240_000);
      for (const route of ['get-order', 'create-order']) {
        const all = at(240_000, { route }) - at(150_000, { route });
        const timedOut =
          at(240_000, { route, status_code: '503' }) - at(150_000, { route, status_code: '503' });
        expect(all).toBeGreaterThan(500);
        expect(timedOut).toBe(all);
        // All of them waited exactly acquireTimeoutMs = 2 s: the le="2.5" bucket, not le="1".
        const labels = { pod: canary.name, route, status_code: '503' };
        const le = (b: string) => metricAt(h, METRIC_NAMES.bucket, { ...labels, le: b }, 240_000);
        const count = metricAt(h, METRIC_NAMES.count, labels, 240_000);
        expect(le('1')).toBe(0);
        expect(le('2.5')).toBe(count);
        expect(metricAt(h, METRIC_NAMES.sum, labels, 240_000)).toBeCloseTo(2 * count, 6);
      }
      // The login route does not use the pool; the pool gauge shows it full, the
      // timeouts counter counts them; stable pods are untouched.
      expect(at(240_000, { route: 'login', status_code: '503' })).toBe(0);
      expect(metricAt(h, METRIC_NAMES.poolInUse, { pod: canary.name }, 240_000)).toBe(20);
      expect(metricAt(h, METRIC_NAMES.poolTimeouts, { pod: canary.name }, 240_000)).toBe(
        at(240_000, { status_code: '503' }),
      );
      expect(metricAt(h, METRIC_NAMES.requests, { version: 'stable', status_code: '503' }, 240_000)).toBe(0);
      // Clients of the canary now fail on every database request.
      const c = versionTotals(h.tallies, 'canary', 150, 240);
      expectBinomial(
        c.failed,
        c.requests,
        DB_SHARE + (1 - DB_SHARE) * BASE_ERROR,
        'canary failures once drained',
      );
    });
  });

  describe('latency', () => {
    const params = lognormalFromPercentiles(smallScenario().service.latency);

    /**
     * The recorded histogram of one version, summed over its pods, against a CDF: the
     * cumulative count at each bound is Binomial(n, F(bound)).
     */
    function expectHistogram(
      h: SimHarness,
      version: string,
      cdf: (ms: number) => number,
      t: number,
    ): Float64Array {
      const le = (b: string) => metricAt(h, METRIC_NAMES.bucket, { version, le: b }, t);
      const n = le('+Inf');
      expect(n).toBeGreaterThan(3000);
      const counts = new Float64Array(BUCKET_LABELS.length);
      let below = 0;
      BUCKET_LABELS.forEach((b, i) => {
        const cumulative = le(b);
        if (i < BUCKET_BOUNDS_S.length)
          expectBinomial(cumulative, n, cdf(BUCKET_BOUNDS_S[i] * 1000), `${version} le=${b}`);
        counts[i] = cumulative - below;
        below = cumulative;
      });
      return counts;
    }

    /**
     * The interpolated p99 of a histogram of n draws from bucket probabilities `probs`,
     * and how far count noise can move it: Z·√(q(1−q)/n) of probability, over the
     * bucket's probability density (mass / width).
     */
    function p99Expectation(probs: Float64Array, n: number): { p99: number; tolerance: number } {
      const p99 = quantileFromBuckets(probs, 0, 0.99);
      let cumulative = 0;
      let k = 0;
      while (cumulative + probs[k] < 0.99) cumulative += probs[k++];
      const width = (BUCKET_BOUNDS_S[k] - (k === 0 ? 0 : BUCKET_BOUNDS_S[k - 1])) * 1000;
      return { p99, tolerance: (width * Z * Math.sqrt((0.99 * 0.01) / n)) / probs[k] };
    }

    it('on the service delays v2 by delayMs: its histogram is the delayed distribution, its p99 moves by about the delay', () => {
      const fault = { type: 'latency', delayMs: 300, jitterMs: 0, share: 1, on: 'service' } as const;
      const h = withCanary(fault, fidelity, 23);
      h.runTo(150_000);
      const delayed = delayedCdf(params, 300, 0);
      const canary = expectHistogram(h, 'canary', delayed, 150_000);
      const stable = expectHistogram(h, 'stable', lognormalCdf(params), 150_000);
      const nc = canary.reduce((a, b) => a + b, 0);
      const ns = stable.reduce((a, b) => a + b, 0);
      // histogram_quantile's p99: stable ≈ 244 ms (in (100, 250]), canary ≈ 643 ms (in (500, 1000]).
      const ec = p99Expectation(bucketProbabilities(delayed), nc);
      const es = p99Expectation(bucketProbabilities(lognormalCdf(params)), ns);
      expect(Math.abs(quantileFromBuckets(canary, 0, 0.99) - ec.p99)).toBeLessThan(ec.tolerance);
      expect(Math.abs(quantileFromBuckets(stable, 0, 0.99) - es.p99)).toBeLessThan(es.tolerance);
      // The true p99 moves by exactly the delay: 220 → 520 ms.
      expect(Math.abs(delayed(520) - 0.99)).toBeLessThan(1 / 400);
      // Clients see it too: per-second p99 of v2 above 250 ms in most seconds, v1 below.
      const medianOf = (xs: ArrayLike<number>) => Array.from(xs).sort((a, b) => a - b)[xs.length >> 1];
      expect(medianOf(h.tallies.versions.canary.p99Ms.slice(20, 150))).toBeGreaterThan(250);
      expect(medianOf(h.tallies.versions.stable.p99Ms.slice(20, 150))).toBeLessThan(250);
    });

    it('applies to `share` of v2 requests only', () => {
      const fault = { type: 'latency', delayMs: 1500, jitterMs: 200, share: 0.2, on: 'service' } as const;
      const h = withCanary(fault, fidelity, 24);
      h.runTo(150_000);
      // F(x) = 0.8·F_L(x) + 0.2·F_{L+D}(x).
      const base = lognormalCdf(params);
      const delayed = delayedCdf(params, 1500, 200);
      expectHistogram(h, 'canary', (ms) => 0.8 * base(ms) + 0.2 * delayed(ms), 150_000);
    });

    it('on the network delays what clients see, not what the server measures', () => {
      const fault = { type: 'latency', delayMs: 300, jitterMs: 0, share: 1, on: 'network' } as const;
      const h = withCanary(fault, fidelity, 25);
      h.runTo(150_000);
      expectHistogram(h, 'canary', lognormalCdf(params), 150_000);
      const medianOf = (xs: ArrayLike<number>) => Array.from(xs).sort((a, b) => a - b)[xs.length >> 1];
      // Every canary response reaches its client after ≥ 300 ms: its per-second p99 lies
      // in (250, 1000]; stable's p99 (≈ 244 ms interpolated) stays at or below 250.
      expect(medianOf(h.tallies.versions.canary.p99Ms.slice(20, 150))).toBeGreaterThan(250);
      expect(medianOf(h.tallies.versions.stable.p99Ms.slice(20, 150))).toBeLessThanOrEqual(250);
    });
  });

  describe('error spike', () => {
    it('fails errorRate of v2 requests with its status code (a code the service has no series for otherwise)', () => {
      const fault = { type: 'errorSpike', errorRate: 0.05, statusCode: 502, cohort: 'all' } as const;
      const h = withCanary(fault, fidelity, 26);
      h.runTo(150_000);
      const c = versionTotals(h.tallies, 'canary', 10, 150);
      const s = versionTotals(h.tallies, 'stable', 10, 150);
      // The spike first, then the baseline on what is left: 0.05 + 0.95·0.001.
      expectBinomial(c.failed, c.requests, 0.05 + 0.95 * BASE_ERROR, 'canary failures');
      expect(c.serverErrors).toBe(c.failed);
      expectBinomial(s.failed, s.requests, BASE_ERROR, 'stable failures');
      const spiked = metricAt(h, METRIC_NAMES.requests, { version: 'canary', status_code: '502' }, 150_000);
      const canaryAll = metricAt(h, METRIC_NAMES.requests, { version: 'canary' }, 150_000);
      expectBinomial(spiked, canaryAll, 0.05, 'status 502 on v2');
      expect(metricAt(h, METRIC_NAMES.requests, { version: 'stable', status_code: '502' }, 150_000)).toBe(0);
    });

    it('with the sessions cohort hurts only requests of logged-in users', () => {
      // 40% of requests belong to sessions: 0.4·0.2 fail from the spike, then the baseline.
      const fault = { type: 'errorSpike', errorRate: 0.2, statusCode: 500, cohort: 'sessions' } as const;
      const h = withCanary(fault, fidelity, 27);
      h.runTo(150_000);
      const c = versionTotals(h.tallies, 'canary', 10, 150);
      const p = 0.4 * 0.2;
      expectBinomial(c.failed, c.requests, p + (1 - p) * BASE_ERROR, 'canary failures');
    });
  });

  describe('API schema mismatch', () => {
    it.each([true, false])(
      'fails v1-shape clients on v2: reads parse-fail with a 200 at the server, writes 422 when rejectOldRequests (%s)',
      (rejectOldRequests) => {
        const fault = { type: 'apiSchemaMismatch', rejectOldRequests } as const;
        const h = withCanary(fault, fidelity, rejectOldRequests ? 28 : 29);
        h.runTo(150_000);
        const t = h.tallies;
        const sum = (xs: Float64Array) => xs.slice(10, 150).reduce((a, b) => a + b, 0);
        const v1 = t.cells['canary.v1Shape'];
        const v2 = t.cells['canary.v2Shape'];
        // v1-shape: every order route (0.8) fails, login fails at the baseline.
        expectBinomial(
          sum(v1.failed),
          sum(v1.requests),
          DB_SHARE + (1 - DB_SHARE) * BASE_ERROR,
          'v1-shape on v2',
        );
        expectBinomial(sum(v2.failed), sum(v2.requests), BASE_ERROR, 'v2-shape on v2');
        expectBinomial(sum(v1.requests), sum(v1.requests) + sum(v2.requests), 0.7, 'v1-shape share');
        const sv1 = t.cells['stable.v1Shape'];
        expectBinomial(sum(sv1.failed), sum(sv1.requests), BASE_ERROR, 'v1-shape on v1');
        // The server sees no error on reads: its 5xx stay at the baseline.
        const c = versionTotals(t, 'canary', 10, 150);
        expectBinomial(c.serverErrors, c.requests, BASE_ERROR, 'canary 5xx');
        const rejected = metricAt(
          h,
          METRIC_NAMES.requests,
          { version: 'canary', status_code: '422' },
          150_000,
        );
        const writes = metricAt(
          h,
          METRIC_NAMES.requests,
          { version: 'canary', route: 'create-order' },
          150_000,
        );
        const reads422 = metricAt(
          h,
          METRIC_NAMES.requests,
          { version: 'canary', route: 'get-order', status_code: '422' },
          150_000,
        );
        expect(reads422).toBe(0);
        if (rejectOldRequests) expectBinomial(rejected, writes, 0.7 * (1 - BASE_ERROR), '422 on writes');
        else expect(rejected).toBe(0);
      },
    );
  });

  describe('database schema mismatch', () => {
    const fault = (expandContract: boolean) =>
      ({
        type: 'dbSchemaMismatch',
        change: 'dropColumn',
        expandContract,
        revertOnAbort: true,
        revertDurationMs: 30_000,
      }) as const;
    const p500 = DB_SHARE + (1 - DB_SHARE) * BASE_ERROR;

    it('fails v1’s database requests with 500 from v2’s first pod start until the down migration is done', () => {
      const h = simHarness({ fidelity, seed: 30, scenario: smallScenario({ fault: fault(false) }) });
      h.runTo(10_000);
      h.world.scale('canary', 1); // starting at 10 s: the migration runs (ready at 20 s)
      h.runTo(60_000);
      h.world.route(endpointsRouting(['stable', 'canary']));
      h.runTo(90_000);
      h.world.revertMigration(); // schema back to 1 at 120 s
      h.runTo(180_000);
      const s = (from: number, to: number) => versionTotals(h.tallies, 'stable', from, to);
      expectBinomial(s(0, 10).failed, s(0, 10).requests, BASE_ERROR, 'v1 before the migration');
      expectBinomial(s(10, 120).failed, s(10, 120).requests, p500, 'v1 during the overlap');
      expect(s(10, 120).serverErrors).toBe(s(10, 120).failed);
      expectBinomial(s(120, 180).failed, s(120, 180).requests, BASE_ERROR, 'v1 after the down migration');
      // v2 works on its schema, and breaks once it is reverted under it.
      const c = (from: number, to: number) => versionTotals(h.tallies, 'canary', from, to);
      expectBinomial(c(60, 120).failed, c(60, 120).requests, BASE_ERROR, 'v2 on schema 2');
      expectBinomial(c(120, 180).failed, c(120, 180).requests, p500, 'v2 on schema 1');
      expect(
        metricAt(h, METRIC_NAMES.requests, { route: 'login', status_code: '500' }, 180_000),
      ).toBeLessThan(0.2 * 100 * 180 * BASE_ERROR + Z * Math.sqrt(0.2 * 100 * 180 * BASE_ERROR) + 1);
    });

    it('breaks nothing with expand/contract', () => {
      const h = simHarness({ fidelity, seed: 31, scenario: smallScenario({ fault: fault(true) }) });
      h.world.scale('canary', 1);
      h.runTo(10_000);
      h.world.route(endpointsRouting(['stable', 'canary']));
      h.runTo(120_000);
      for (const role of ['stable', 'canary'] as const) {
        const v = versionTotals(h.tallies, role);
        expectBinomial(v.failed, v.requests, BASE_ERROR, `${role} failures`);
      }
    });
  });
});
