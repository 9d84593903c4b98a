import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../../../stats/rng.js';
import { testScenario } from '../../../test-support/scenario.js';
import { drawNetworkEffect, networkFaultOf } from './network-fault.js';
import { Router } from './router.js';
import { call } from './test-support/call.js';
import { closeAll, startPods } from './test-support/stub-pod.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await closeAll(open.splice(0));
});

async function setUp(options: { lossHoldMs?: number } = {}) {
  const [stable, canary] = await startPods([
    { name: 'stable-0', role: 'stable' },
    { name: 'canary-0', role: 'canary' },
  ]);
  const router = await Router.start({ seed: 11, affinity: 'none', ...options });
  open.push(router, stable, canary);
  router.setEndpoints('stable', [stable.endpoint()]);
  router.setEndpoints('canary', [canary.endpoint()]);
  return { router, stable, canary };
}

const toCanary = {
  split: { kind: 'weight', canaryWeight: 100 },
  headerRoutes: [],
  mirrorPercent: 0,
} as const;
const toStable = { split: { kind: 'weight', canaryWeight: 0 }, headerRoutes: [], mirrorPercent: 0 } as const;

describe('Router: network faults on the path to a role', () => {
  it('delays requests to the faulty role only', async () => {
    const { router } = await setUp();
    router.setNetworkFault('canary', { kind: 'delay', delayMs: 150, jitterMs: 0, share: 1 });
    router.setRouting(toCanary);
    for (let i = 0; i < 3; i++) {
      const r = await call(router.url);
      expect(r.ok && r.status).toBe(200);
      expect(r.ms).toBeGreaterThanOrEqual(145);
    }
    router.setRouting(toStable);
    const s = await call(router.url);
    expect(s.ok && s.status).toBe(200);
    expect(router.stats().roles.canary.delayed).toBe(3);
    expect(router.stats().roles.stable.delayed).toBe(0);

    router.setNetworkFault('canary', null);
    router.setRouting(toCanary);
    const c = await call(router.url);
    expect(c.ok && c.status).toBe(200);
    expect(router.stats().roles.canary.delayed).toBe(3);
  });

  it('delays a share of requests, with jitter', async () => {
    const { router } = await setUp();
    router.setNetworkFault('canary', { kind: 'delay', delayMs: 60, jitterMs: 10, share: 0.5 });
    router.setRouting(toCanary);
    const n = 200;
    await Promise.all(Array.from({ length: n }, () => call(router.url)));
    const delayed = router.stats().roles.canary.delayed;
    expect(Math.abs(delayed - n / 2)).toBeLessThan(4.42 * Math.sqrt(n / 4));
  });

  it('draws delays as max(0, N(delayMs, jitterMs²)) for share of requests', () => {
    const rng = createRng(3);
    const fault = { kind: 'delay', delayMs: 60, jitterMs: 10, share: 0.5 } as const;
    const delays: number[] = [];
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const e = drawNetworkEffect(fault, rng);
      if (e.kind === 'delay') delays.push(e.delayMs);
    }
    expect(Math.abs(delays.length - n / 2)).toBeLessThan(4.42 * Math.sqrt(n / 4));
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    const sd = Math.sqrt(delays.reduce((a, b) => a + (b - mean) ** 2, 0) / (delays.length - 1));
    // Standard error of the mean is 10/sqrt(10,000) = 0.1 ms.
    expect(Math.abs(mean - 60)).toBeLessThan(0.5);
    expect(Math.abs(sd - 10)).toBeLessThan(0.4);
    expect(drawNetworkEffect(null, rng)).toEqual({ kind: 'none' });
  });

  it('loses requests: no response, the client times out, and the connection is dropped after lossHoldMs', async () => {
    const { router, canary } = await setUp({ lossHoldMs: 400 });
    router.setNetworkFault('canary', { kind: 'loss', share: 1 });
    router.setRouting(toCanary);
    const timedOut = await call(router.url, { timeoutMs: 150, headers: { 'x-request-id': 'r-1' } });
    expect(timedOut).toMatchObject({ ok: false, error: 'TIMEOUT' });
    const dropped = await call(router.url, { timeoutMs: 2_000 });
    expect(dropped.ok).toBe(false);
    expect(dropped.ms).toBeGreaterThanOrEqual(390);
    expect(canary.received).toHaveLength(0);
    expect(router.stats().roles.canary.lost).toBe(2);
    expect(router.failedRequestRole('r-1')).toBe('canary');
  });

  it('resets connections: the client sees ECONNRESET', async () => {
    const { router, canary } = await setUp();
    router.setNetworkFault('canary', { kind: 'reset', share: 1 });
    router.setRouting(toCanary);
    const r = await call(router.url, { headers: { 'x-request-id': 'r-2' } });
    expect(r).toMatchObject({ ok: false, error: 'ECONNRESET' });
    expect(canary.received).toHaveLength(0);
    expect(router.stats().roles.canary.reset).toBe(1);
    expect(router.failedRequestRole('r-2')).toBe('canary');
    expect(router.failedRequestRole('r-unknown')).toBeUndefined();
  });

  it('closes with requests held or delayed, leaving nothing behind', async () => {
    const { router } = await setUp({ lossHoldMs: 60_000 });
    router.setNetworkFault('canary', { kind: 'loss', share: 1 });
    router.setRouting(toCanary);
    const pending = call(router.url, { timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 50));
    await router.close();
    const r = await pending;
    expect(r.ok).toBe(false);
  });

  it('refuses out-of-range faults', async () => {
    const { router } = await setUp();
    expect(() => router.setNetworkFault('canary', { kind: 'loss', share: 1.5 })).toThrow(/share/);
    expect(() =>
      router.setNetworkFault('canary', { kind: 'delay', delayMs: -1, jitterMs: 0, share: 1 }),
    ).toThrow(/delayMs/);
  });

  it('reads the network fault from a scenario', () => {
    expect(
      networkFaultOf({ type: 'latency', delayMs: 100, jitterMs: 20, share: 0.5, on: 'network' }),
    ).toEqual({
      kind: 'delay',
      delayMs: 100,
      jitterMs: 20,
      share: 0.5,
    });
    expect(
      networkFaultOf({ type: 'latency', delayMs: 100, jitterMs: 20, share: 0.5, on: 'service' }),
    ).toBeNull();
    expect(networkFaultOf({ type: 'networkLoss', share: 0.1 })).toEqual({ kind: 'loss', share: 0.1 });
    expect(networkFaultOf({ type: 'networkReset', share: 0.2 })).toEqual({ kind: 'reset', share: 0.2 });
    expect(networkFaultOf(testScenario().fault)).toBeNull();
  });
});
