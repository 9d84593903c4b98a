import { afterEach, describe, expect, it } from 'vitest';
import { Router } from '../../targets/local/router/router.js';
import { closeAll, type StubPod, startPods } from '../../targets/local/router/test-support/stub-pod.js';
import { runLoad } from './load-generator.js';
import { DEFAULT_ROUTES, GET_ORDER, traffic } from './test-support/traffic.js';
import type { RequestRecord } from './types.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await closeAll(open.splice(0));
});

async function pod(options: Parameters<typeof startPods>[0][number]): Promise<StubPod> {
  const [p] = await startPods([options]);
  open.push(p);
  return p;
}

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

describe('load generator: pacing and bookkeeping', () => {
  it('sends each arrival at its scheduled time and keeps its own lateness records', async () => {
    const stable = await pod({ name: 'stable-0', role: 'stable' });
    const result = await runLoad({
      target: stable.url,
      traffic: traffic(200),
      routes: [GET_ORDER],
      durationMs: 1_000,
      maxRequests: 10_000,
      seed: 1,
      spacing: 'constant',
      keepRecords: true,
    });
    const records = result.records!;
    expect(records).toHaveLength(200);
    for (const [i, r] of records.entries()) expect(r.scheduledMs).toBeCloseTo(i * 5, 6);
    // Never early; the summary is exactly what the records say.
    expect(records.every((r) => r.sentMs >= r.scheduledMs)).toBe(true);
    const late = records.filter((r) => r.sentMs - r.scheduledMs > 10).length;
    expect(result.lateness.late).toBe(late);
    expect(result.lateness.lateShare).toBeCloseTo(late / 200, 12);
    expect(result.lateness.max).toBeCloseTo(Math.max(...records.map((r) => r.sentMs - r.scheduledMs)), 9);
    expect([result.scheduled, result.sent, result.failed, result.dropped]).toEqual([200, 200, 0, 0]);
  });

  it('measures latency from the scheduled time, not the send time (no coordinated omission)', async () => {
    const slow = await pod({ name: 'stable-0', role: 'stable', delayMs: 50 });
    // Stall the event loop for 200 ms just after the start: the arrivals due meanwhile are
    // sent late, and their latency must include the wait.
    const stall = setTimeout(() => {
      const until = performance.now() + 200;
      while (performance.now() < until);
    }, 20);
    open.push({ close: async () => clearTimeout(stall) });
    const result = await runLoad({
      target: slow.url,
      traffic: traffic(100),
      routes: [GET_ORDER],
      durationMs: 600,
      maxRequests: 1_000,
      seed: 2,
      spacing: 'constant',
      keepRecords: true,
    });
    const records = result.records!;
    const lateOnes = records.filter((r) => r.sentMs - r.scheduledMs > 100);
    expect(lateOnes.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r.outcome).toBe('ok');
      // Latency from scheduled time ≥ the lateness plus the server's 50 ms.
      expect(r.doneMs - r.scheduledMs).toBeGreaterThanOrEqual(r.sentMs - r.scheduledMs + 49);
    }
    const latencies = records.map((r) => r.doneMs - r.scheduledMs).sort((a, b) => a - b);
    expect(result.latency.max).toBeCloseTo(latencies[latencies.length - 1], 9);
    expect(result.latency.max).toBeGreaterThan(150);
    // The tallies' p99 is from the same latencies (histogram buckets, as the simulator's).
    expect(Math.max(...result.tallies.versions.stable.p99Ms)).toBeGreaterThan(100);
  });

  it('drops arrivals beyond maxInFlight and counts them', async () => {
    const slow = await pod({ name: 'stable-0', role: 'stable', delayMs: 300 });
    const result = await runLoad({
      target: slow.url,
      traffic: traffic(100),
      routes: [GET_ORDER],
      durationMs: 500,
      maxRequests: 1_000,
      seed: 3,
      spacing: 'constant',
      maxInFlight: 5,
      keepRecords: true,
    });
    const records = result.records!;
    const dropped = records.filter((r) => r.outcome === 'dropped');
    expect(result.dropped).toBe(dropped.length);
    expect(result.dropped).toBeGreaterThan(0);
    expect(result.sent + result.dropped).toBe(result.scheduled);
    expect(sum(result.droppedPerSecond)).toBe(result.dropped);
    // Dropped arrivals were never sent, so no version served them.
    expect(sum(result.tallies.versions.stable.requests)).toBe(result.sent);
    expect(slow.received).toHaveLength(result.sent);
  });

  it('stops at maxRequests', async () => {
    const stable = await pod({ name: 'stable-0', role: 'stable' });
    const result = await runLoad({
      target: stable.url,
      traffic: traffic(1000),
      routes: [GET_ORDER],
      durationMs: 10_000,
      maxRequests: 25,
      seed: 4,
    });
    expect(result.scheduled).toBe(25);
    expect(stable.received).toHaveLength(25);
  });

  it('refuses a target that is not on loopback', async () => {
    const base = { traffic: traffic(1), routes: [GET_ORDER], durationMs: 100, maxRequests: 1, seed: 1 };
    await expect(runLoad({ ...base, target: 'http://192.168.1.1:80' })).rejects.toThrow(
      /not a loopback address/,
    );
    await expect(runLoad({ ...base, target: 'http://localhost:80' })).rejects.toThrow(
      /not a loopback address/,
    );
  });
});

describe('load generator: clients', () => {
  it('fails v1-shape clients that receive the v2 shape, even with 200', async () => {
    const [stable, canary] = await startPods([
      { name: 'stable-0', role: 'stable' },
      { name: 'canary-0', role: 'canary' },
    ]);
    const router = await Router.start({ seed: 1, affinity: 'none' });
    open.push(router, stable, canary);
    router.setEndpoints('stable', [stable.endpoint()]);
    router.setEndpoints('canary', [canary.endpoint()]);
    router.setRouting({ split: { kind: 'weight', canaryWeight: 50 }, headerRoutes: [], mirrorPercent: 0 });
    const result = await runLoad({
      target: router.url,
      traffic: traffic(300, { v1Shape: 0.5 }),
      routes: [
        { name: 'get-order', share: 0.7, db: true, method: 'GET' },
        { name: 'create-order', share: 0.3, db: true, method: 'POST' },
      ],
      durationMs: 1_000,
      maxRequests: 10_000,
      seed: 5,
      keepRecords: true,
    });
    const c = result.tallies.cells;
    expect(sum(c['canary.v1Shape'].requests)).toBeGreaterThan(20);
    expect(sum(c['canary.v1Shape'].failed)).toBe(sum(c['canary.v1Shape'].requests));
    expect(sum(c['canary.v2Shape'].failed)).toBe(0);
    expect(sum(c['stable.v1Shape'].failed)).toBe(0);
    expect(sum(c['stable.v2Shape'].failed)).toBe(0);
    const shapeFailures = result.records!.filter((r) => r.outcome === 'shape');
    expect(
      shapeFailures.every(
        (r) => r.role === 'canary' && r.kind === 'v1Shape' && r.status >= 200 && r.status < 300,
      ),
    ).toBe(true);
    // The server saw no error: these are client-side failures.
    expect(sum(result.tallies.versions.canary.serverErrors)).toBe(0);
    // Clients declare their shape.
    expect(
      canary.received.every(
        (q) => q.headers['x-client-shape'] === 'v1' || q.headers['x-client-shape'] === 'v2',
      ),
    ).toBe(true);
  });

  it('tallies per version and client kind from x-served-role, per second', async () => {
    const [stable, canary] = await startPods([
      { name: 'stable-0', role: 'stable' },
      { name: 'canary-0', role: 'canary', status: 503 },
    ]);
    const router = await Router.start({ seed: 2, affinity: 'none' });
    open.push(router, stable, canary);
    router.setEndpoints('stable', [stable.endpoint()]);
    router.setEndpoints('canary', [canary.endpoint()]);
    router.setRouting({ split: { kind: 'weight', canaryWeight: 30 }, headerRoutes: [], mirrorPercent: 20 });
    const result = await runLoad({
      target: router.url,
      traffic: traffic(200),
      routes: DEFAULT_ROUTES,
      durationMs: 2_000,
      maxRequests: 10_000,
      seed: 6,
      keepRecords: true,
      offsetMs: 3_000,
      mirroredCount: () => router.stats().mirrored,
    });
    const t = result.tallies;
    expect(t.seconds).toBe(5);
    // Nothing before the offset: the generator's second 0 is the trial's second 3.
    expect(Array.from(t.versions.stable.requests.slice(0, 3))).toEqual([0, 0, 0]);
    const records = result.records!;
    const byRole = (role: string) => records.filter((r) => r.role === role).length;
    expect(sum(t.versions.canary.requests)).toBe(byRole('canary'));
    expect(sum(t.versions.stable.requests)).toBe(byRole('stable'));
    expect(sum(t.versions.canary.serverErrors)).toBe(byRole('canary'));
    expect(sum(t.versions.stable.serverErrors)).toBe(0);
    for (const role of ['stable', 'canary'] as const) {
      for (const kind of ['v1Shape', 'v2Shape'] as const) {
        const n = records.filter((r) => r.role === role && r.kind === kind).length;
        expect(sum(t.cells[`${role}.${kind}`].requests)).toBe(n);
      }
    }
    for (let s = 3; s < 5; s++) {
      const inSecond = records.filter(
        (r) => Math.floor((3_000 + r.scheduledMs) / 1000) === s && r.role === 'stable',
      );
      expect(t.versions.stable.requests[s]).toBe(inSecond.length);
      expect(t.versions.stable.p99Ms[s]).toBeGreaterThan(0);
    }
    // The router's mirrored count, sampled every second.
    expect(sum(t.mirrored)).toBe(router.stats().mirrored);
    expect(sum(t.mirrored)).toBeGreaterThan(0);
  });

  it('attributes connection errors through the router to the role they were meant for', async () => {
    const [stable, canary] = await startPods([
      { name: 'stable-0', role: 'stable' },
      { name: 'canary-0', role: 'canary' },
    ]);
    const router = await Router.start({ seed: 3, affinity: 'none' });
    open.push(router, stable, canary);
    router.setEndpoints('stable', [stable.endpoint()]);
    router.setEndpoints('canary', [canary.endpoint()]);
    router.setRouting({ split: { kind: 'weight', canaryWeight: 50 }, headerRoutes: [], mirrorPercent: 0 });
    router.setNetworkFault('canary', { kind: 'reset', share: 1 });
    const result = await runLoad({
      target: router.url,
      traffic: traffic(100),
      routes: [GET_ORDER],
      durationMs: 1_000,
      maxRequests: 1_000,
      seed: 7,
      keepRecords: true,
      attributeRole: (id) => router.failedRequestRole(id),
    });
    const records = result.records!;
    const canaryRecords = records.filter((r) => r.role === 'canary');
    expect(canaryRecords.length).toBe(router.stats().roles.canary.reset);
    expect(canaryRecords.every((r) => r.outcome === 'connection' && r.status === 0)).toBe(true);
    expect(records.filter((r) => r.role === 'stable').every((r) => r.outcome === 'ok')).toBe(true);
    const c = result.tallies.cells;
    expect(sum(c['canary.v1Shape'].failed) + sum(c['canary.v2Shape'].failed)).toBe(canaryRecords.length);
  });
});

describe('load generator: session users', () => {
  function sessionsOf(records: readonly RequestRecord[]): Map<number, RequestRecord[]> {
    const by = new Map<number, RequestRecord[]>();
    for (const r of [...records].sort((a, b) => a.scheduledMs - b.scheduledMs)) {
      if (r.session < 0) continue;
      by.set(r.session, [...(by.get(r.session) ?? []), r]);
    }
    return by;
  }

  it('log in first, keep the cookie, log in again after a 401, and count affected sessions', async () => {
    const stable = await pod({ name: 'stable-0', role: 'stable' });
    const base = {
      target: stable.url,
      traffic: traffic(100, { sessions: { share: 1, meanLengthMs: 60_000, requestsPerMinute: 600 } }),
      routes: [GET_ORDER],
      maxRequests: 10_000,
      keepRecords: true,
    };
    const result = await runLoad({ ...base, durationMs: 1_000, seed: 8 });
    const sessions = sessionsOf(result.records!);
    // Population share·rate / per-user rate = 100 / 10 = 10 users.
    expect(sessions.size).toBeGreaterThanOrEqual(5);
    expect(Math.max(...result.tallies.sessions.active)).toBeGreaterThanOrEqual(5);
    for (const list of sessions.values()) {
      expect(list[0].request).toBe('login');
      // Once a login answered, later requests carry the cookie and are order reads.
      const firstDone = list[0].doneMs;
      expect(list.filter((r) => r.scheduledMs > firstDone + 1).every((r) => r.request === 'getOrder')).toBe(
        true,
      );
    }
    expect(result.failed).toBe(0);
    const withCookie = stable.received.filter((q) => q.headers.cookie?.includes('rl_session='));
    expect(withCookie.length).toBeGreaterThan(0);
    expect(withCookie.every((q) => q.method === 'GET')).toBe(true);
  });

  it('re-logs in after a 401 (the pod lost its sessions) and counts the affected sessions', async () => {
    const [a, b] = await startPods([
      { name: 'stable-a', role: 'stable' },
      { name: 'stable-b', role: 'stable' },
    ]);
    const router = await Router.start({ seed: 4, affinity: 'cookie' });
    open.push(router, a, b);
    router.setEndpoints('stable', [a.endpoint(), b.endpoint()]);
    router.setRouting({
      split: { kind: 'endpoints', selector: ['stable'] },
      headerRoutes: [],
      mirrorPercent: 0,
    });
    // Once pod a has served 100 requests, it terminates: its pinned users are re-pinned to
    // b, which does not know their sessions (401), and they log in again.
    const drain = setInterval(() => {
      if (a.received.length < 100) return;
      clearInterval(drain);
      router.setEndpoints('stable', [a.endpoint(true, true), b.endpoint()]);
    }, 5);
    open.push({ close: async () => clearInterval(drain) });
    const result = await runLoad({
      target: router.url,
      traffic: traffic(150, { sessions: { share: 1, meanLengthMs: 60_000, requestsPerMinute: 300 } }),
      routes: [GET_ORDER],
      durationMs: 2_000,
      maxRequests: 10_000,
      seed: 9,
      keepRecords: true,
      releaseAtMs: 0,
    });
    expect(b.received.some((q) => q.headers.cookie?.includes('rl_session=stable-a'))).toBe(true);
    const sessions = sessionsOf(result.records!);
    let relogins = 0;
    for (const list of sessions.values()) {
      const i = list.findIndex((r) => r.status === 401);
      if (i < 0) continue;
      // The user's next request after the 401 arrived is a login — unless a login the user
      // had already sent succeeded in between (then it holds a fresh session). Requests
      // are drawn when they are sent: compare send times.
      const next = list.find((r) => r.sentMs > list[i].doneMs);
      if (next === undefined) continue;
      const loggedInMeanwhile = list.some(
        (r) =>
          r.request === 'login' && r.outcome === 'ok' && r.doneMs > list[i].doneMs && r.doneMs < next.sentMs,
      );
      if (!loggedInMeanwhile) {
        expect(next.request).toBe('login');
        relogins++;
      }
    }
    expect(relogins).toBeGreaterThan(0);
    const affected = new Set(
      result.records!.filter((r) => r.session >= 0 && r.outcome !== 'ok').map((r) => r.session),
    );
    expect(sum(result.tallies.sessions.newlyAffected)).toBe(affected.size);
    expect(router.stats().pinsSet).toBeGreaterThan(0);
  });
});
