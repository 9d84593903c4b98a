import { afterEach, describe, expect, it } from 'vitest';
import { Router } from './router.js';
import { call } from './test-support/call.js';
import { closeAll, startPods } from './test-support/stub-pod.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await closeAll(open.splice(0));
});

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('Router: mirroring', () => {
  it('copies requests to the canary and discards its responses, fire and forget', async () => {
    // The shadow is broken and does not answer until the end; users must not notice.
    const [stable, canary] = await startPods([
      { name: 'stable-0', role: 'stable' },
      { name: 'canary-0', role: 'canary', status: 500 },
    ]);
    canary.hold();
    const router = await Router.start({ seed: 5, affinity: 'none' });
    open.push(router, stable, canary);
    router.setEndpoints('stable', [stable.endpoint()]);
    router.setEndpoints('canary', [canary.endpoint()]);
    router.setRouting({ split: { kind: 'weight', canaryWeight: 0 }, headerRoutes: [], mirrorPercent: 100 });

    const body = JSON.stringify({ customer: 'c-1', item: 'sku-1', quantity: 2 });
    for (let i = 0; i < 5; i++) {
      const r = await call(router.url, {
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json', 'x-client-shape': 'v1' },
        body,
      });
      expect(r.ok && [r.status, r.headers['x-served-role']]).toEqual([201, 'stable']);
    }
    await until(() => canary.received.length === 5);
    // Every user got an answer while the shadow still held all five copies.
    expect(canary.holding).toBe(5);
    expect(router.stats().mirrorErrors).toBe(0);
    canary.release();
    expect(canary.received.every((q) => q.method === 'POST' && q.path === '/orders' && q.body === body)).toBe(
      true,
    );
    expect(canary.received.every((q) => q.headers['x-mirrored'] === 'true')).toBe(true);
    expect(stable.received).toHaveLength(5);
    await until(() => router.stats().inFlight === 0 && router.stats().mirrored === 5);
    expect(router.stats().mirrored).toBe(5);
  });

  it('mirrors mirrorPercent of requests, and ignores a shadow that is down', async () => {
    const [stable, canary] = await startPods([
      { name: 'stable-0', role: 'stable' },
      { name: 'canary-0', role: 'canary' },
    ]);
    const router = await Router.start({ seed: 9, affinity: 'none' });
    open.push(router, stable, canary);
    router.setEndpoints('stable', [stable.endpoint()]);
    router.setEndpoints('canary', [canary.endpoint()]);
    router.setRouting({ split: { kind: 'weight', canaryWeight: 0 }, headerRoutes: [], mirrorPercent: 25 });
    const n = 400;
    for (let i = 0; i < n; i++) await call(router.url);
    const mirrored = router.stats().mirrored;
    expect(Math.abs(mirrored - n * 0.25)).toBeLessThan(4.42 * Math.sqrt(n * 0.25 * 0.75));

    await canary.close();
    const r = await call(router.url);
    expect(r.ok && r.status).toBe(200);
    for (let i = 0; i < 20; i++) await call(router.url);
    await until(() => router.stats().mirrorErrors > 0);
  });
});

describe('Router: mirroring without a primary', () => {
  it("still sends the copy when the user gets the router's 503", async () => {
    const [canary] = await startPods([{ name: 'canary-0', role: 'canary' }]);
    const router = await Router.start({ seed: 5, affinity: 'none' });
    open.push(router, canary);
    router.setEndpoints('canary', [canary.endpoint()]);
    router.setRouting({
      split: { kind: 'endpoints', selector: ['stable'] },
      headerRoutes: [],
      mirrorPercent: 100,
    });
    const r = await call(router.url, { method: 'POST', path: '/orders', body: '{"a":1}' });
    expect(r.ok && [r.status, r.headers['x-router']]).toEqual([503, 'no-upstream']);
    await until(() => canary.received.length === 1);
    expect(canary.received[0].body).toBe('{"a":1}');
  });
});

describe('Router: draining', () => {
  it('sends no new request to a terminating pod and lets its in-flight ones finish', async () => {
    const [a, b] = await startPods([
      { name: 'stable-a', role: 'stable' },
      { name: 'stable-b', role: 'stable' },
    ]);
    a.hold();
    const router = await Router.start({ seed: 1, affinity: 'none' });
    open.push(router, a, b);
    router.setEndpoints('stable', [a.endpoint(), b.endpoint(false)]);
    const slow = call(router.url);
    await until(() => router.inFlight('stable-a') === 1);

    router.setEndpoints('stable', [a.endpoint(true, true), b.endpoint()]);
    let drained = false;
    const draining = router.whenDrained('stable-a').then(() => (drained = true));
    for (let i = 0; i < 10; i++) {
      const r = await call(router.url);
      expect(r.ok && r.headers['x-pod']).toBe('stable-b');
    }
    expect(drained).toBe(false);
    expect(a.holding).toBe(1);
    a.release();
    const done = await slow;
    expect(done.ok && [done.status, done.headers['x-pod']]).toEqual([200, 'stable-a']);
    await draining;
    expect(router.inFlight('stable-a')).toBe(0);
    expect(a.received).toHaveLength(1);
  });
});
