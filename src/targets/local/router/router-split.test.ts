import { afterEach, describe, expect, it } from 'vitest';
import type { Routing } from '../../target.js';
import { Router } from './router.js';
import { type CallResult, call } from './test-support/call.js';
import { closeAll, type StubPod, startPods } from './test-support/stub-pod.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await closeAll(open.splice(0));
});

async function setUp(seed = 1): Promise<{ router: Router; pods: StubPod[] }> {
  const pods = await startPods([
    { name: 'stable-0', role: 'stable' },
    { name: 'stable-1', role: 'stable' },
    { name: 'canary-0', role: 'canary' },
    { name: 'canary-1', role: 'canary' },
  ]);
  const router = await Router.start({ seed, affinity: 'none' });
  open.push(router, ...pods);
  router.setEndpoints('stable', [pods[0].endpoint(), pods[1].endpoint()]);
  router.setEndpoints('canary', [pods[2].endpoint(), pods[3].endpoint()]);
  return { router, pods };
}

/** `n` requests, `concurrency` at a time. */
async function many(
  base: string,
  n: number,
  headers?: Record<string, string>,
  concurrency = 16,
): Promise<CallResult[]> {
  const out: CallResult[] = [];
  for (let i = 0; i < n; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, n - i) }, () => call(base, { headers }));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

function roles(results: readonly CallResult[]): Record<string, number> {
  const count: Record<string, number> = {};
  for (const r of results) {
    const key = r.ok ? String(r.headers['x-served-role']) : r.error;
    count[key] = (count[key] ?? 0) + 1;
  }
  return count;
}

const weight = (canaryWeight: number): Routing => ({
  split: { kind: 'weight', canaryWeight },
  headerRoutes: [],
  mirrorPercent: 0,
});

describe('Router: traffic split', () => {
  it('sends canaryWeight percent to the canary, within a binomial tolerance', async () => {
    const { router, pods } = await setUp(7);
    router.setRouting(weight(30));
    const n = 2000;
    const p = 0.3;
    const results = await many(router.url, n);
    const canary = roles(results).canary ?? 0;
    // Binomial(n, p): sd = sqrt(n p (1 − p)); 4.42 sd two-sided ≈ 1e-5 chance of a false failure.
    const tolerance = 4.42 * Math.sqrt(n * p * (1 - p));
    expect(Math.abs(canary - n * p)).toBeLessThan(tolerance);
    expect(results.every((r) => r.ok && r.status === 200)).toBe(true);
    // Within a role, pods share evenly too (Binomial(canary, 0.5)).
    const c0 = pods[2].received.length;
    expect(Math.abs(c0 - canary / 2)).toBeLessThan(4.42 * Math.sqrt(canary / 4));
    expect(router.stats().roles.canary.forwarded).toBe(canary);
  });

  it('splits over the ready pods of the selected roles (replica count), skipping unready and terminating ones', async () => {
    const { router, pods } = await setUp();
    const extra = await startPods([
      { name: 'stable-2', role: 'stable' },
      { name: 'canary-2', role: 'canary' },
    ]);
    open.push(...extra);
    router.setEndpoints('stable', [pods[0].endpoint(), pods[1].endpoint(), extra[0].endpoint()]);
    // canary-1 not ready, canary-2 terminating: one serving canary pod out of four.
    router.setEndpoints('canary', [
      pods[2].endpoint(),
      pods[3].endpoint(false),
      extra[1].endpoint(true, true),
    ]);
    router.setRouting({
      split: { kind: 'endpoints', selector: ['stable', 'canary'] },
      headerRoutes: [],
      mirrorPercent: 0,
    });
    const n = 1200;
    const canary = roles(await many(router.url, n)).canary ?? 0;
    const p = 1 / 4;
    expect(Math.abs(canary - n * p)).toBeLessThan(4.42 * Math.sqrt(n * p * (1 - p)));
    expect(pods[3].received).toHaveLength(0);
    expect(extra[1].received).toHaveLength(0);

    router.setRouting({
      split: { kind: 'endpoints', selector: ['canary'] },
      headerRoutes: [],
      mirrorPercent: 0,
    });
    expect(roles(await many(router.url, 50))).toEqual({ canary: 50 });
  });

  it('sends header-routed requests to the canary and the rest by the split', async () => {
    const { router } = await setUp();
    router.setRouting({
      split: { kind: 'weight', canaryWeight: 0 },
      headerRoutes: [{ name: 'beta', headerName: 'X-Canary', match: { exact: 'yes' } }],
      mirrorPercent: 0,
    });
    expect(roles(await many(router.url, 40, { 'x-canary': 'yes' }))).toEqual({ canary: 40 });
    expect(roles(await many(router.url, 40, { 'x-canary': 'no' }))).toEqual({ stable: 40 });
    expect(roles(await many(router.url, 40))).toEqual({ stable: 40 });
    expect(router.stats().headerRouted).toBe(40);

    router.setRouting({
      split: { kind: 'weight', canaryWeight: 0 },
      headerRoutes: [{ name: 'beta', headerName: 'x-user', match: { regex: 'beta-[0-9]+' } }],
      mirrorPercent: 0,
    });
    expect(roles(await many(router.url, 10, { 'x-user': 'beta-12' }))).toEqual({ canary: 10 });
    expect(roles(await many(router.url, 10, { 'x-user': 'beta-12x' }))).toEqual({ stable: 10 });
  });

  it('answers 503 itself, with x-router: no-upstream, when no pod can serve', async () => {
    const { router, pods } = await setUp();
    router.setEndpoints('canary', [pods[2].endpoint(false), pods[3].endpoint(true, true)]);
    router.setRouting(weight(100));
    const r = await call(router.url);
    expect(r.ok && [r.status, r.headers['x-router'], r.headers['x-served-role']]).toEqual([
      503,
      'no-upstream',
      'canary',
    ]);
    router.setEndpoints('stable', []);
    router.setRouting(weight(0));
    const s = await call(router.url);
    expect(s.ok && [s.status, s.headers['x-router'], s.headers['x-served-role']]).toEqual([
      503,
      'no-upstream',
      'stable',
    ]);
    expect(router.stats().roles.canary.noUpstream).toBe(1);
    expect(router.stats().roles.stable.noUpstream).toBe(1);
    expect(pods[2].received).toHaveLength(0);
  });

  it('answers 502 with x-router: upstream-error when a pod refuses the connection', async () => {
    const { router, pods } = await setUp();
    await pods[0].close();
    await pods[1].close();
    const r = await call(router.url);
    expect(r.ok && [r.status, r.headers['x-router'], r.headers['x-served-role']]).toEqual([
      502,
      'upstream-error',
      'stable',
    ]);
    expect(router.stats().roles.stable.upstreamErrors).toBe(1);
  });

  it('gives the same decisions for the same seed', async () => {
    const a = await setUp(42);
    a.router.setRouting(weight(50));
    const seqA: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await call(a.router.url);
      seqA.push(r.ok ? String(r.headers['x-pod']) : 'error');
    }
    const b = await setUp(42);
    b.router.setRouting(weight(50));
    const seqB: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await call(b.router.url);
      seqB.push(r.ok ? String(r.headers['x-pod']) : 'error');
    }
    expect(seqB).toEqual(seqA);
  });
});

describe('Router: loopback only', () => {
  it('refuses to bind anything but a loopback address', async () => {
    await expect(Router.start({ seed: 1, affinity: 'none', host: '0.0.0.0' })).rejects.toThrow(
      /not a loopback address/,
    );
    await expect(Router.start({ seed: 1, affinity: 'none', host: 'localhost' })).rejects.toThrow(
      /not a loopback address/,
    );
  });

  it('refuses non-loopback upstreams and changes nothing', async () => {
    const { router } = await setUp();
    expect(() =>
      router.setEndpoints('stable', [{ name: 'x', url: 'http://10.0.0.1:80', ready: true }]),
    ).toThrow(/not a loopback address/);
    expect(() =>
      router.setEndpoints('stable', [{ name: 'x', url: 'http://example.com', ready: true }]),
    ).toThrow(/not a loopback address/);
    expect(() =>
      router.setEndpoints('stable', [{ name: 'x', url: 'https://127.0.0.1:1', ready: true }]),
    ).toThrow(/must use http/);
    const r = await call(router.url);
    expect(r.ok && r.status).toBe(200);
  });
});
