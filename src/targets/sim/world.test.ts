import { describe, expect, it } from 'vitest';
import type { Labels } from '../../analysis/types.js';
import type { JournalEvent } from '../../journal/journal.js';
import type { SeriesStore } from '../../metrics/series-store.js';
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
import { expectBinomial, expectCount, meanAndVarianceOfMean, Z } from '../../test-support/tolerance.js';
import { BUCKET_BOUNDS_S, BUCKET_LABELS } from './latency.js';
import { METRIC_NAMES } from './recorder.js';
import { DRAIN_MS } from './world.js';

/** Journal events of one type, as `t type detail` strings. */
function podEvents(events: readonly JournalEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'pod' ? [`${e.t} ${e.pod} ${e.state}`] : []));
}

function podTotal(pod: { requests: Float64Array }): number {
  return pod.requests.reduce((a, b) => a + b, 0);
}

/**
 * The histogram's _sum (s) lies between Σ count·lower bound and Σ count·upper bound of its
 * buckets (the +Inf bucket's upper bound taken as 60 s), summed over the matching series.
 */
function expectSumWithinBuckets(store: SeriesStore, labels: Labels, t: number): void {
  const buckets = readSeries(store, { __name__: METRIC_NAMES.bucket, ...labels });
  const at = (le: string) =>
    sumAt(
      buckets.filter((b) => b.labels.le === le),
      t,
    );
  const sum = sumAt(readSeries(store, { __name__: METRIC_NAMES.sum, ...labels }), t);
  let lo = 0;
  let hi = 0;
  let below = 0;
  BUCKET_LABELS.forEach((le, i) => {
    const inBucket = at(le) - below;
    lo += inBucket * (i === 0 ? 0 : BUCKET_BOUNDS_S[i - 1]);
    hi += inBucket * (i < BUCKET_BOUNDS_S.length ? BUCKET_BOUNDS_S[i] : 60);
    below = at(le);
  });
  expect(at('+Inf')).toBeGreaterThan(0);
  expect(sum, JSON.stringify(labels)).toBeGreaterThanOrEqual(lo - 1e-9);
  expect(sum, JSON.stringify(labels)).toBeLessThanOrEqual(hi + 1e-9);
}

describe.each(FIDELITIES)('SimWorld as a Target, per %s', (fidelity) => {
  describe('pods', () => {
    it('starts with the stable replicas ready at t = 0 and no canary', () => {
      const h = simHarness({ fidelity });
      expect(h.world.status('stable')).toEqual({ replicas: 4, current: 4, ready: 4, terminating: 0 });
      expect(h.world.status('canary')).toEqual({ replicas: 0, current: 0, ready: 0, terminating: 0 });
      expect(h.world.serving.stable.map((p) => p.name)).toEqual([
        'test-stable-0',
        'test-stable-1',
        'test-stable-2',
        'test-stable-3',
      ]);
      // They serve from the first second.
      h.runTo(1000);
      expect(h.tallies.versions.stable.requests[0]).toBeGreaterThan(0);
    });

    it('makes new pods ready startupMs after the scale-up, journaled and emitted', () => {
      const h = simHarness({ fidelity });
      h.runTo(5000);
      h.world.scale('canary', 2);
      expect(h.world.status('canary')).toEqual({ replicas: 2, current: 2, ready: 0, terminating: 0 });
      // startupMs = 10 s: not ready at 14.999 s, ready at 15 s.
      h.runTo(14_999);
      expect(h.world.status('canary').ready).toBe(0);
      h.runTo(15_000);
      expect(h.world.status('canary')).toEqual({ replicas: 2, current: 2, ready: 2, terminating: 0 });
      expect(podEvents(h.journal.events)).toEqual(['15000 test-canary-0 ready', '15000 test-canary-1 ready']);
      expect(h.events.map((e) => `${e.t} ${e.event.type} ${'pod' in e.event ? e.event.pod : ''}`)).toEqual([
        '15000 podReady test-canary-0',
        '15000 podReady test-canary-1',
      ]);
    });

    it('scales down not-ready pods first, then the newest; they leave at once and are gone DRAIN_MS later', () => {
      const h = simHarness({ fidelity });
      h.world.route(endpointsRouting(['stable', 'canary']));
      h.world.scale('canary', 2);
      h.runTo(12_000);
      h.world.scale('canary', 4); // canary-2 and canary-3, ready at 22 s
      h.runTo(13_000);
      h.world.scale('canary', 1);
      // Both not-ready pods, then the newer of the two ready ones (same age: higher index first).
      expect(h.world.status('canary')).toEqual({ replicas: 1, current: 1, ready: 1, terminating: 3 });
      expect(h.world.serving.canary.map((p) => p.name)).toEqual(['test-canary-0']);
      h.runTo(13_000 + DRAIN_MS - 1);
      expect(h.world.status('canary').terminating).toBe(3);
      h.runTo(13_000 + DRAIN_MS);
      expect(h.world.status('canary')).toEqual({ replicas: 1, current: 1, ready: 1, terminating: 0 });
      h.runTo(30_000);
      expect(podEvents(h.journal.events)).toEqual([
        '10000 test-canary-0 ready',
        '10000 test-canary-1 ready',
        `${13_000 + DRAIN_MS} test-canary-3 terminated`,
        `${13_000 + DRAIN_MS} test-canary-2 terminated`,
        `${13_000 + DRAIN_MS} test-canary-1 terminated`,
      ]);
      expect(h.events.filter((e) => e.event.type === 'podTerminated').map((e) => e.t)).toEqual([
        14_000, 14_000, 14_000,
      ]);
      // canary-2 and canary-3 never became ready; canary-1 took no request after it left
      // the endpoints (per tick, its last counts are shared out at the 15 s scrape).
      const byName = new Map(h.world.pods.map((p) => [p.name, p]));
      expect(podTotal(byName.get('test-canary-2')!)).toBe(0);
      h.runTo(20_000);
      const frozen = podTotal(byName.get('test-canary-1')!);
      expect(frozen).toBeGreaterThan(0);
      h.runTo(60_000);
      expect(podTotal(byName.get('test-canary-1')!)).toBe(frozen);
      expect(podTotal(byName.get('test-canary-0')!)).toBeGreaterThan(0);

      // Stable pods of the same age: the highest index goes first.
      h.world.scale('stable', 2);
      expect(h.world.serving.stable.map((p) => p.name)).toEqual(['test-stable-0', 'test-stable-1']);
    });

    it('drains for the termination grace period when it is shorter than DRAIN_MS', () => {
      const base = smallScenario();
      const h = simHarness({
        fidelity,
        scenario: smallScenario({ service: { ...base.service, replicas: 4, terminationGracePeriodMs: 300 } }),
      });
      h.runTo(1000);
      h.world.scale('stable', 3);
      h.runTo(2000);
      expect(podEvents(h.journal.events)).toEqual(['1300 test-stable-3 terminated']);
    });
  });

  describe('routing', () => {
    it('splits by endpoints: the canary gets its share of the ready pods', () => {
      const h = simHarness({ fidelity, seed: 11 });
      h.world.scale('canary', 1);
      h.runTo(10_000);
      h.world.route(endpointsRouting(['stable', 'canary']));
      h.runTo(130_000);
      // 1 canary of 5 ready pods: p = 1/5.
      const c = versionTotals(h.tallies, 'canary', 10, 130).requests;
      const s = versionTotals(h.tallies, 'stable', 10, 130).requests;
      expectBinomial(c, c + s, 1 / 5, 'canary requests');
      const routing = h.journal.events.filter((e) => e.type === 'routing');
      expect(routing.at(-1)).toMatchObject({
        t: 10_000,
        canaryPercent: 20,
        mirrorPercent: 0,
        detail: 'service selects stable+canary (4 stable, 1 canary ready)',
      });
      // Selecting the canary alone sends it everything.
      h.world.route(endpointsRouting(['canary']));
      h.runTo(160_000);
      expect(versionTotals(h.tallies, 'stable', 130, 160).requests).toBe(0);
    });

    it('splits by weight: the canary gets its weight whatever its pod count', () => {
      const h = simHarness({ fidelity, seed: 12 });
      h.world.scale('canary', 1);
      h.runTo(10_000);
      h.world.route(weightRouting(30));
      h.runTo(130_000);
      const c = versionTotals(h.tallies, 'canary', 10, 130).requests;
      const s = versionTotals(h.tallies, 'stable', 10, 130).requests;
      expectBinomial(c, c + s, 0.3, 'canary requests at weight 30');
      expect(h.journal.events.filter((e) => e.type === 'routing').at(-1)).toMatchObject({
        canaryPercent: 30,
        detail: 'weight canary=30',
      });
    });

    it('answers 503 from the router for a role with weight but no serving pod, counted as its failures', () => {
      const h = simHarness({ fidelity, seed: 13 });
      h.world.route(weightRouting(20));
      h.runTo(120_000);
      const c = versionTotals(h.tallies, 'canary');
      const s = versionTotals(h.tallies, 'stable');
      const n = c.requests + s.requests;
      // 20% of requests find no upstream: each is a failure and a 5xx of the canary.
      expectBinomial(c.requests, n, 0.2, 'router 503s');
      expect(c.failed).toBe(c.requests);
      expect(c.serverErrors).toBe(c.requests);
      // Stable serves the rest at its baseline error rate.
      expectBinomial(s.failed, s.requests, 0.001, 'stable failures');
      // No pod saw the router's 503s.
      h.runTo(120_000);
      const served = readSeries(h.store, { __name__: METRIC_NAMES.requests });
      expect(sumAt(served, 120_000)).toBe(s.requests);

      // A selector with no ready pod at all: every request fails.
      h.world.route(endpointsRouting(['canary']));
      h.runTo(150_000);
      const all = versionTotals(h.tallies, 'canary', 120, 150);
      expect(versionTotals(h.tallies, 'stable', 120, 150).requests).toBe(0);
      expect(all.failed).toBe(all.requests);
      expectCount(all.requests, 30 * 100, 30 * 100, 'requests in 30 s at 100/s');
    });

    it('sends requests matching a header route to the canary (exact, prefix, regex; names case-insensitive)', () => {
      const base = smallScenario();
      const scenario = smallScenario({
        traffic: {
          ...base.traffic,
          headers: [
            { name: 'X-Canary', value: 'always', share: 0.1 },
            { name: 'x-user', value: 'beta-42', share: 0.05 },
            { name: 'x-region', value: 'eu-west-1', share: 0.2 },
            { name: 'x-debug', value: 'on', share: 0.3 },
          ],
        },
      });
      const h = simHarness({ fidelity, scenario, seed: 14 });
      const headerRoutes = [
        { name: 'a', headerName: 'x-canary', match: { exact: 'always' } },
        { name: 'b', headerName: 'X-User', match: { prefix: 'beta-' } },
        { name: 'c', headerName: 'x-region', match: { regex: 'eu-.*' } },
        { name: 'd', headerName: 'x-debug', match: { exact: 'ON' } }, // no match: values are case-sensitive
      ];
      // Before any canary pod is ready, header routes fall back to the split.
      h.world.route(weightRouting(0, { headerRoutes }));
      h.world.scale('canary', 1);
      h.runTo(10_000);
      expect(versionTotals(h.tallies, 'canary', 0, 10)).toEqual({ requests: 0, failed: 0, serverErrors: 0 });
      h.runTo(130_000);
      const c = versionTotals(h.tallies, 'canary', 10, 130).requests;
      const s = versionTotals(h.tallies, 'stable', 10, 130).requests;
      // 0.1 + 0.05 + 0.2 of requests carry a matching header.
      expectBinomial(c, c + s, 0.35, 'header-routed requests');
    });

    it('mirrors a share of requests to the canary: counted as mirrored and on the canary pods, never in client tallies', () => {
      const h = simHarness({ fidelity, seed: 15 });
      h.world.scale('canary', 2);
      h.runTo(10_000);
      h.world.route(weightRouting(0, { mirrorPercent: 40 }));
      h.runTo(120_000); // a scrape time: per tick, pod counters are shared out there
      const mirrored = sumSeconds(h.tallies.mirrored);
      const users = versionTotals(h.tallies, 'stable').requests;
      expectBinomial(
        mirrored,
        sumSeconds(h.tallies.versions.stable.requests, 10, 120),
        0.4,
        'mirrored copies',
      );
      expect(sumSeconds(h.tallies.mirrored, 0, 10)).toBe(0);
      expect(versionTotals(h.tallies, 'canary')).toEqual({ requests: 0, failed: 0, serverErrors: 0 });
      const canaryPods = h.world.pods.filter((p) => p.role === 'canary');
      const stablePods = h.world.pods.filter((p) => p.role === 'stable');
      expect(canaryPods.reduce((a, p) => a + podTotal(p), 0)).toBe(mirrored);
      expect(stablePods.reduce((a, p) => a + podTotal(p), 0)).toBe(users);
      // v2 code served a (mirrored) request: that is the fault onset.
      expect(h.world.faultOnsetAt()).not.toBeNull();
      expect(h.world.faultOnsetAt()!).toBeGreaterThanOrEqual(10_000);
      expect(h.journal.events.filter((e) => e.type === 'routing').at(-1)).toMatchObject({
        mirrorPercent: 40,
      });
    });

    it('turns the v2 code path on for the flag percentage of requests, on stable pods', () => {
      const h = simHarness({ fidelity, seed: 16 });
      h.runTo(10_000);
      h.world.setFlag(30);
      h.runTo(130_000);
      const c = versionTotals(h.tallies, 'canary', 10, 130).requests;
      const s = versionTotals(h.tallies, 'stable', 10, 130).requests;
      const n = c + s;
      // Per user: anonymous requests (60%) split per request; the 400 sessions
      // (0.4·100/s ÷ 0.1/s each) split per user, which adds (0.4n)²·p(1−p)/400 of variance.
      const p = 0.3;
      expectCount(c, n * p, 0.6 * n * p * (1 - p) + ((0.4 * n) ** 2 * p * (1 - p)) / 400, 'v2-path requests');
      expect(h.world.serving.canary).toEqual([]);
      expect(h.journal.events.filter((e) => e.type === 'flag')).toEqual([
        { t: 10_000, type: 'flag', percent: 30 },
      ]);
      // Their series carry version="canary" (the code path), on stable pods.
      const v2 = readSeries(h.store, { __name__: METRIC_NAMES.requests, version: 'canary' });
      expect(v2.length).toBeGreaterThan(0);
      expect(v2.every((s) => s.labels.pod.includes('-stable-'))).toBe(true);
    });
  });

  describe('fault onset', () => {
    it('is the first request served by v2, journaled and emitted once', () => {
      // Canary ready at 10 s but unrouted until 30 s; then 10% of 100/s: the first v2
      // request comes an Exp(10/s) gap after 30 s, mean 100 ms. Over 40 seeds the mean gap
      // has SE 100/√40 ms.
      const gaps: number[] = [];
      for (let seed = 1; seed <= 40; seed++) {
        const h = simHarness({ fidelity, seed });
        h.world.scale('canary', 1);
        h.runTo(30_000);
        expect(h.world.faultOnsetAt()).toBeNull();
        h.world.route(weightRouting(10));
        h.runTo(40_000);
        const onset = h.world.faultOnsetAt();
        expect(onset).not.toBeNull();
        gaps.push(onset! - 30_000);
        const journaled = h.journal.events.filter((e) => e.type === 'faultOnset');
        expect(journaled).toEqual([
          { t: onset, type: 'faultOnset', detail: 'healthy release first served by v2' },
        ]);
        expect(h.events.filter((e) => e.event.type === 'faultOnset')).toHaveLength(1);
      }
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0);
      const { mean, varianceOfMean } = meanAndVarianceOfMean(gaps);
      expect(Math.abs(mean - 100), `mean gap ${mean} ms`).toBeLessThan(Z * Math.sqrt(100 ** 2 / 40));
      expect(Math.sqrt(varianceOfMean)).toBeLessThan(40);
    });

    it('is the migration for a database schema fault: v2’s first pod starting, or the flag turned on', () => {
      const fault = {
        type: 'dbSchemaMismatch',
        change: 'renameColumn',
        expandContract: false,
        revertOnAbort: true,
        revertDurationMs: 30_000,
      } as const;
      const h = simHarness({ fidelity, scenario: smallScenario({ fault }) });
      h.runTo(5_000);
      h.world.scale('canary', 1);
      h.runTo(60_000);
      // No request reached v2 (routing is stable-only), but the migration ran as its pod
      // started, at 5 s (the service migrates before it listens).
      expect(h.world.faultOnsetAt()).toBe(5_000);
      expect(versionTotals(h.tallies, 'canary').requests).toBe(0);
      expect(h.journal.events.find((e) => e.type === 'faultOnset')).toEqual({
        t: 5_000,
        type: 'faultOnset',
        detail: 'v2 migration applied to the shared database',
      });

      const f = simHarness({ fidelity, scenario: smallScenario({ fault }) });
      f.runTo(5_000);
      f.world.setFlag(10);
      expect(f.world.faultOnsetAt()).toBe(5_000);
    });
  });

  describe('scrapes', () => {
    it('records the documented series every scrapeInterval, with their labels', () => {
      const h = simHarness({ fidelity, seed: 17 });
      h.world.scale('canary', 1);
      h.runTo(10_000);
      h.world.route(weightRouting(50));
      h.runTo(90_000);
      const requests = readSeries(h.store, { __name__: METRIC_NAMES.requests });
      for (const s of requests) {
        expect(Object.keys(s.labels).sort()).toEqual(
          ['__name__', 'instance', 'job', 'pod', 'route', 'status_code', 'version'].sort(),
        );
        expect(s.labels.job).toBe('service');
        expect(s.labels.instance).toBe(s.labels.pod);
        expect(['get-order', 'create-order', 'login']).toContain(s.labels.route);
        expect(['200', '500']).toContain(s.labels.status_code);
        expect(s.labels.version).toBe(s.labels.pod.includes('-canary-') ? 'canary' : 'stable');
        // A sample at every scrape from the first after the series' first request.
        const first = s.samples[0].t;
        expect(first % 15_000).toBe(0);
        expect(s.samples.map((x) => x.t)).toEqual(
          Array.from({ length: (90_000 - first) / 15_000 + 1 }, (_, i) => first + i * 15_000),
        );
        for (let i = 1; i < s.samples.length; i++)
          expect(s.samples[i].value).toBeGreaterThanOrEqual(s.samples[i - 1].value);
      }
      // The busy series exist from the first scrape with traffic: stable at 15 s, canary at 15 s.
      const ok = requests.filter((s) => s.labels.status_code === '200' && s.labels.route === 'get-order');
      expect(ok.map((s) => `${s.labels.pod} ${s.samples[0].t}`).sort()).toEqual([
        'test-canary-0 15000',
        'test-stable-0 15000',
        'test-stable-1 15000',
        'test-stable-2 15000',
        'test-stable-3 15000',
      ]);

      // Every request the service answered is in http_requests_total at the next scrape.
      const served =
        versionTotals(h.tallies, 'stable').requests + versionTotals(h.tallies, 'canary').requests;
      expect(sumAt(requests, 90_000)).toBe(served);

      // The histogram: every `le` of prom-client's defaults, cumulative, +Inf = _count = requests.
      for (const s of requests) {
        const { __name__, ...labels } = s.labels;
        const buckets = readSeries(h.store, { __name__: METRIC_NAMES.bucket, ...labels });
        expect(buckets.map((b) => b.labels.le).sort()).toEqual([...BUCKET_LABELS].sort());
        const at = (le: string) =>
          sumAt(
            buckets.filter((b) => b.labels.le === le),
            90_000,
          );
        let prev = 0;
        for (const le of BUCKET_LABELS) {
          expect(at(le)).toBeGreaterThanOrEqual(prev);
          prev = at(le);
        }
        const count = sumAt(readSeries(h.store, { __name__: METRIC_NAMES.count, ...labels }), 90_000);
        expect(at('+Inf')).toBe(count);
        expect(count).toBe(sumAt([s], 90_000));
        // _sum lies between the buckets' lower and upper bounds times their counts. Per
        // tick a role's _sum is shared out over its pods in proportion to their counts, not
        // bucket by bucket, so there it holds for the sum over pods (checked below).
        if (fidelity === 'request') expectSumWithinBuckets(h.store, labels, 90_000);
      }
      for (const version of ['stable', 'canary'])
        for (const route of ['get-order', 'create-order', 'login'])
          expectSumWithinBuckets(h.store, { version, route, status_code: '200' }, 90_000);

      // Pool gauges per pod, from the first scrape.
      for (const pod of h.world.pods) {
        const labels = { job: 'service', instance: pod.name, pod: pod.name, version: pod.role };
        const max = readSeries(h.store, { __name__: METRIC_NAMES.poolMax, ...labels });
        expect(max).toHaveLength(1);
        expect(max[0].labels).toEqual({ __name__: METRIC_NAMES.poolMax, ...labels });
        expect(max[0].samples.every((x) => x.value === 20)).toBe(true);
        const inUse = readSeries(h.store, { __name__: METRIC_NAMES.poolInUse, ...labels })[0];
        expect(inUse.samples.every((x) => x.value >= 0 && x.value <= 20)).toBe(true);
        const timeouts = readSeries(h.store, { __name__: METRIC_NAMES.poolTimeouts, ...labels })[0];
        expect(timeouts.samples.at(-1)!.value).toBe(0);
      }
      const stable0 = readSeries(h.store, { __name__: METRIC_NAMES.poolMax, pod: 'test-stable-0' })[0];
      expect(stable0.samples[0].t).toBe(0);
    });

    it('marks every series of a gone pod stale at the first scrape after it is gone', () => {
      const h = simHarness({ fidelity, seed: 18 });
      h.world.scale('canary', 1);
      h.runTo(10_000);
      h.world.route(endpointsRouting(['stable', 'canary']));
      h.runTo(40_000);
      h.world.route(endpointsRouting(['stable']));
      h.world.scale('canary', 0); // gone at 41 s; next scrape at 45 s
      h.runTo(75_000);
      const canary = readSeries(h.store, { pod: 'test-canary-0' });
      expect(canary.length).toBeGreaterThan(5);
      for (const s of canary) {
        const last = s.samples.at(-1)!;
        expect(last, s.labels.__name__).toMatchObject({ t: 45_000, stale: true });
        expect(s.samples.filter((x) => x.stale)).toHaveLength(1);
      }
      for (const s of readSeries(h.store, { pod: 'test-stable-0' })) {
        expect(s.samples.some((x) => x.stale)).toBe(false);
        expect(s.samples.at(-1)!.t).toBe(75_000);
      }
    });

    it.each([
      [[METRIC_NAMES.requests]],
      [[METRIC_NAMES.bucket]],
      [[METRIC_NAMES.count, METRIC_NAMES.poolTimeouts]],
      [[METRIC_NAMES.poolInUse]],
      [[]],
    ])('records only the metric names asked for: %j', (names) => {
      const h = simHarness({ fidelity, recordMetrics: new Set(names) });
      h.world.scale('canary', 1);
      h.runTo(10_000);
      h.world.route(weightRouting(50));
      h.runTo(60_000);
      const recorded = new Set(readSeries(h.store, {}).map((s) => s.labels.__name__));
      expect([...recorded].sort()).toEqual([...names].sort());
    });
  });
});
