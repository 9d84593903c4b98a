/**
 * k6 for real: a generated script run by the k6 binary against stub pods behind the lab's
 * router, its JSON output parsed into tallies. In CI k6 must be installed (.ci/run does
 * it); elsewhere the tests are skipped without it.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from '../../targets/local/router/router.js';
import { closeAll, startPods } from '../../targets/local/router/test-support/stub-pod.js';
import { GET_ORDER, traffic } from '../load/test-support/traffic.js';
import { runK6 } from './run-k6.js';
import { RUN_K6_TESTS, requireK6 } from './test-support/k6-available.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await closeAll(open.splice(0));
});

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

describe.runIf(RUN_K6_TESTS)('k6 run (real k6 binary)', () => {
  it('runs the generated script against the router and tallies by serving role and client kind', async () => {
    const binary = requireK6();
    const [stable, canary] = await startPods([
      { name: 'stable-0', role: 'stable' },
      { name: 'canary-0', role: 'canary', status: undefined },
    ]);
    const router = await Router.start({ seed: 1, affinity: 'cookie' });
    open.push(router, stable, canary);
    router.setEndpoints('stable', [stable.endpoint()]);
    router.setEndpoints('canary', [canary.endpoint()]);
    router.setRouting({ split: { kind: 'weight', canaryWeight: 40 }, headerRoutes: [], mirrorPercent: 0 });

    const result = await runK6({
      binary,
      scenarioName: 'k6-test',
      target: router.url,
      traffic: traffic(60, {
        v1Shape: 0.5,
        sessions: { share: 0.5, meanLengthMs: 60_000, requestsPerMinute: 120 },
      }),
      routes: [GET_ORDER],
      durationMs: 3_000,
      offsetMs: 0,
      seed: 3,
    });
    expect(result.exitCode).toBe(0);
    // Every request the router forwarded is in the tallies, under the role that served it.
    const t = result.tallies;
    const stats = router.stats();
    expect(result.requests).toBe(stats.requests);
    expect(sum(t.versions.stable.requests)).toBe(stats.roles.stable.forwarded);
    expect(sum(t.versions.canary.requests)).toBe(stats.roles.canary.forwarded);
    expect(result.requests).toBeGreaterThanOrEqual(170);
    // v1-shape clients fail every order read served by v2; nobody else fails.
    const c = t.cells;
    expect(sum(c['canary.v1Shape'].requests)).toBeGreaterThan(0);
    const canaryV1Reads = sum(c['canary.v1Shape'].failed);
    expect(result.outcomes.shape).toBe(canaryV1Reads);
    expect(
      sum(c['stable.v1Shape'].failed) + sum(c['stable.v2Shape'].failed) + sum(c['canary.v2Shape'].failed),
    ).toBe(0);
    // Session users logged in with their own cookie jars, and were pinned by the router's cookie.
    expect(
      stable.received.some((q) => q.path === '/login') || canary.received.some((q) => q.path === '/login'),
    ).toBe(true);
    expect(stats.affinityHits).toBeGreaterThan(0);
    expect(Math.max(...t.sessions.active)).toBeGreaterThan(0);
    expect(result.latency.count).toBe(result.requests);
    expect(result.dir).toBeUndefined();
  });

  it('attributes connection resets to the role the router meant, and cleans up its files', async () => {
    const binary = requireK6();
    const [stable, canary] = await startPods([
      { name: 'stable-0', role: 'stable' },
      { name: 'canary-0', role: 'canary' },
    ]);
    const router = await Router.start({ seed: 2, affinity: 'none' });
    open.push(router, stable, canary);
    router.setEndpoints('stable', [stable.endpoint()]);
    router.setEndpoints('canary', [canary.endpoint()]);
    router.setRouting({ split: { kind: 'weight', canaryWeight: 50 }, headerRoutes: [], mirrorPercent: 0 });
    router.setNetworkFault('canary', { kind: 'reset', share: 1 });
    const result = await runK6({
      binary,
      scenarioName: 'k6-reset',
      target: router.url,
      traffic: traffic(40, { v1Shape: 0 }),
      routes: [GET_ORDER],
      durationMs: 2_000,
      seed: 4,
      keepFiles: true,
      attributeRole: (id) => router.failedRequestRole(id),
    });
    open.push({
      close: async () =>
        void (await import('node:fs/promises')).rm(result.dir!, { recursive: true, force: true }),
    });
    expect(existsSync(result.dir!)).toBe(true);
    // Go's HTTP client retries an idempotent request once when a reused connection is
    // reset before any response byte, so the router may reset up to two tries per request.
    const resets = router.stats().roles.canary.reset;
    const failed = result.outcomes.connection;
    expect(failed).toBeGreaterThan(0);
    expect(resets).toBeGreaterThanOrEqual(failed);
    expect(resets).toBeLessThanOrEqual(2 * failed);
    expect(sum(result.tallies.cells['canary.v2Shape'].failed)).toBe(failed);
    expect(sum(result.tallies.cells['canary.v2Shape'].requests)).toBe(failed);
    expect(sum(result.tallies.cells['stable.v2Shape'].failed)).toBe(0);
  });

  it('stops k6 when the run overruns its bound or is aborted, and removes its files', async () => {
    const binary = requireK6();
    const [stable] = await startPods([{ name: 'stable-0', role: 'stable' }]);
    open.push(stable);
    const tmpRoot = mkdtempSync(join(tmpdir(), 'k6-bound-'));
    open.push({ close: async () => rmSync(tmpRoot, { recursive: true, force: true }) });
    const base = {
      binary,
      scenarioName: 'k6-bound',
      target: stable.url,
      traffic: traffic(10),
      routes: [GET_ORDER],
      durationMs: 60_000,
      seed: 5,
      vus: { gracefulStopMs: 1_000 },
      tmpRoot,
    };
    // Bound: 60 s + 1 s grace − 60.5 s = 0.5 s.
    await expect(runK6({ ...base, overrunMs: -60_500 })).rejects.toThrow(
      /k6 stopped: still running after 500 ms/,
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(runK6({ ...base, signal: controller.signal })).rejects.toThrow(/k6 stopped: aborted/);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('refuses a non-loopback target before starting k6', async () => {
    await expect(
      runK6({
        scenarioName: 'x',
        target: 'http://10.1.2.3:80',
        traffic: traffic(1),
        routes: [GET_ORDER],
        durationMs: 1_000,
        seed: 1,
      }),
    ).rejects.toThrow(/not a loopback address/);
  });
});
