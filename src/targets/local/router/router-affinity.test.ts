import { afterEach, describe, expect, it } from 'vitest';
import { Router } from './router.js';
import { call } from './test-support/call.js';
import { closeAll, type StubPod, startPods } from './test-support/stub-pod.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await closeAll(open.splice(0));
});

async function setUp(affinity: 'cookie' | 'clientIP'): Promise<{ router: Router; pods: StubPod[] }> {
  const pods = await startPods([
    { name: 'stable-0', role: 'stable' },
    { name: 'stable-1', role: 'stable' },
    { name: 'stable-2', role: 'stable' },
    { name: 'canary-0', role: 'canary' },
  ]);
  const router = await Router.start({ seed: 3, affinity });
  open.push(router, ...pods);
  router.setEndpoints(
    'stable',
    pods.slice(0, 3).map((p) => p.endpoint()),
  );
  router.setEndpoints('canary', [pods[3].endpoint()]);
  router.setRouting({ split: { kind: 'weight', canaryWeight: 50 }, headerRoutes: [], mirrorPercent: 0 });
  return { router, pods };
}

function podOf(r: Awaited<ReturnType<typeof call>>): string {
  if (!r.ok) throw new Error(`request failed: ${r.error}`);
  return String(r.headers['x-pod']);
}

function affinityCookie(r: Awaited<ReturnType<typeof call>>): string | undefined {
  if (!r.ok) return undefined;
  return (r.headers['set-cookie'] ?? []).find((c) => c.startsWith('rollout-lab-pod='))?.split(';')[0];
}

describe('Router: cookie affinity', () => {
  it('sets its own cookie naming the pod, follows it, and re-pins when the pod drains', async () => {
    const { router, pods } = await setUp('cookie');
    const first = await call(router.url, { path: '/login', method: 'POST' });
    const pod = podOf(first);
    const cookie = affinityCookie(first);
    expect(cookie).toBe(`rollout-lab-pod=${pod}`);
    // The service's own cookie passes through beside it.
    expect(first.ok && first.headers['set-cookie']?.some((c) => c.startsWith('rl_session='))).toBe(true);

    for (let i = 0; i < 30; i++) {
      const r = await call(router.url, { headers: { cookie: `${cookie}; rl_session=x` } });
      expect(podOf(r)).toBe(pod);
      expect(affinityCookie(r)).toBeUndefined();
    }
    expect(router.stats().affinityHits).toBe(30);

    // Without the cookie, requests spread (the split decides each one).
    const spread = new Set<string>();
    for (let i = 0; i < 40; i++) spread.add(podOf(await call(router.url)));
    expect(spread.size).toBeGreaterThan(1);

    // The pinned pod starts terminating: the next request goes elsewhere and gets a new pin.
    const all = pods.map((p) => p.endpoint(true, p.name === pod));
    router.setEndpoints('stable', all.slice(0, 3));
    router.setEndpoints('canary', [all[3]]);
    const moved = await call(router.url, { headers: { cookie: cookie! } });
    const next = podOf(moved);
    expect(next).not.toBe(pod);
    expect(affinityCookie(moved)).toBe(`rollout-lab-pod=${next}`);
    const again = await call(router.url, { headers: { cookie: affinityCookie(moved)! } });
    expect(podOf(again)).toBe(next);
  });

  it('re-pins a client whose pinned role no longer gets traffic', async () => {
    const { router } = await setUp('cookie');
    const r = await call(router.url, { headers: { cookie: 'rollout-lab-pod=canary-0' } });
    expect(podOf(r)).toBe('canary-0');
    router.setRouting({ split: { kind: 'weight', canaryWeight: 0 }, headerRoutes: [], mirrorPercent: 0 });
    const after = await call(router.url, { headers: { cookie: 'rollout-lab-pod=canary-0' } });
    expect(podOf(after)).toMatch(/^stable-/);
  });
});

describe('Router: client-IP affinity', () => {
  it('pins each client address to a pod, and re-pins it when the pod drains', async () => {
    const { router, pods } = await setUp('clientIP');
    const pinned = new Map<string, string>();
    for (let c = 0; c < 12; c++) {
      const ip = `10.0.0.${c}`;
      pinned.set(ip, podOf(await call(router.url, { headers: { 'x-forwarded-for': ip } })));
    }
    expect(new Set(pinned.values()).size).toBeGreaterThan(1);
    for (let round = 0; round < 3; round++) {
      for (const [ip, pod] of pinned) {
        const r = await call(router.url, { headers: { 'x-forwarded-for': `${ip}, 127.0.0.1` } });
        expect(podOf(r)).toBe(pod);
        expect(r.ok && r.headers['set-cookie']).toBeUndefined();
      }
    }
    // Drain the pod of the first client.
    const [ip, pod] = [...pinned][0];
    router.setEndpoints(
      'stable',
      pods.slice(0, 3).map((p) => p.endpoint(true, p.name === pod)),
    );
    router.setEndpoints('canary', [pods[3].endpoint(true, pods[3].name === pod)]);
    const moved = podOf(await call(router.url, { headers: { 'x-forwarded-for': ip } }));
    expect(moved).not.toBe(pod);
    expect(podOf(await call(router.url, { headers: { 'x-forwarded-for': ip } }))).toBe(moved);
  });
});
