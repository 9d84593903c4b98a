import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../clock/real-clock.js';
import { Journal, type JournalEvent } from '../../journal/journal.js';
import { SeriesStore } from '../../metrics/series-store.js';
import type { FaultModel } from '../../scenario/model.js';
import { removeCompiledService } from '../../service/test-support/compiled-service.js';
import { testScenario } from '../../test-support/scenario.js';
import type { TargetEvent } from '../target.js';
import { LocalTarget } from './local-target.js';
import { ReplicaProcess } from './replica-process.js';
import { Router } from './router/router.js';
import { Scraper } from './scraper.js';
import { alive, serviceMain, until } from './test-support/local-fixture.js';

const TIME_SCALE = 100;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(() => removeCompiledService());

/** A started target with `replicas` stable pods warmed up, attached to a clock and journal. */
async function started(replicas: number, fault: FaultModel = { type: 'none' }) {
  const scenario = testScenario({
    fault,
    service: {
      ...testScenario().service,
      replicas,
      latency: { distribution: 'lognormal', p50Ms: 2, p99Ms: 10 },
      startupMs: 2_000,
      terminationGracePeriodMs: 5_000,
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'rollout-lab-target-test-'));
  const router = await Router.start({ seed: 1, affinity: 'none' });
  const target = new LocalTarget({
    scenario,
    timeScale: TIME_SCALE,
    seed: 7,
    router,
    serviceMain: serviceMain(),
    dir,
  });
  cleanups.push(async () => {
    await target.shutdown();
    await router.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await target.warmUp();
  const clock = new RealClock(TIME_SCALE);
  cleanups.push(() => clock.cancelAll());
  const journal = new Journal({} as never, 60);
  const store = new SeriesStore();
  const scraper = new Scraper({ clock, sink: store, intervalMs: 1000, timeScale: TIME_SCALE });
  cleanups.push(() => scraper.stop());
  target.attach({ clock, journal, scraper });
  const events: TargetEvent[] = [];
  target.subscribe((e) => events.push(e));
  return { target, journal, events, router };
}

const podEvents = (journal: Journal) =>
  journal.events
    .filter((e): e is Extract<JournalEvent, { type: 'pod' }> => e.type === 'pod')
    .map((e) => `${e.pod} ${e.state}`);

describe('LocalTarget', () => {
  it('starts, readies and terminates real replicas, and leaves no process behind', async () => {
    const { target, journal, events } = await started(2);
    expect(target.status('stable')).toEqual({ replicas: 2, current: 2, ready: 2, terminating: 0 });
    const stablePids = target.pids();
    expect(stablePids).toHaveLength(2);

    target.scale('canary', 2);
    expect(target.status('canary')).toMatchObject({ replicas: 2, current: 2, ready: 0 });
    await until(() => target.status('canary').ready === 2, 'two ready canary pods');
    expect(
      events
        .filter((e) => e.type === 'podReady')
        .map((e) => (e as { pod: string }).pod)
        .sort(),
    ).toEqual(['test-canary-0', 'test-canary-1']);

    // Scale-down takes the newest pod; it is terminated gracefully and journaled when gone.
    const before = target.pids();
    target.scale('canary', 1);
    expect(target.status('canary')).toMatchObject({ replicas: 1, current: 1, terminating: 1 });
    await until(() => events.some((e) => e.type === 'podTerminated'), 'the pod terminated');
    expect(events.find((e) => e.type === 'podTerminated')).toEqual({
      type: 'podTerminated',
      role: 'canary',
      pod: 'test-canary-1',
    });
    expect(podEvents(journal)).toEqual(expect.arrayContaining(['test-canary-1 terminated']));
    expect(target.status('canary')).toMatchObject({ current: 1, ready: 1, terminating: 0 });
    expect(before.filter((pid) => !alive(pid))).toHaveLength(1);

    const all = target.pids();
    await target.shutdown();
    expect(all.filter(alive)).toEqual([]);
  });

  it('restarts a replica that crashes on start with back-off (CrashLoopBackOff) and journals each crash', async () => {
    const { target, journal, events } = await started(1, { type: 'crashOnStart', probability: 1 });
    target.scale('canary', 1);
    // Back-off 10 s then 20 s of scenario time: 100 ms and 200 ms at ×100.
    await until(() => events.filter((e) => e.type === 'podCrashed').length >= 3, 'three crashes');
    expect(
      podEvents(journal)
        .filter((e) => e.endsWith('crashed'))
        .slice(0, 3),
    ).toEqual(['test-canary-0 crashed', 'test-canary-0 crashed', 'test-canary-0 crashed']);
    expect(target.status('canary')).toMatchObject({ replicas: 1, current: 1, ready: 0 });
    expect(target.podList().find((p) => p.name === 'test-canary-0')?.restarts).toBeGreaterThanOrEqual(2);
    // Scaling a crash-looping pod away stops its restarts.
    target.scale('canary', 0);
    await until(
      () => target.status('canary').current === 0 && target.status('canary').terminating === 0,
      'gone',
    );
  });

  it('turns the flag on for a share of users on v1 replicas: v2 code, counted and answered as v2', async () => {
    const { target, journal, router } = await started(1);
    target.setFlag(50);
    expect(journal.events.filter((e) => e.type === 'flag')).toEqual([
      expect.objectContaining({ percent: 50 }),
    ]);
    const served = async (i: number) => {
      const res = await fetch(`${router.url}/orders/1`, {
        headers: { 'x-forwarded-for': `10.0.${i >> 8}.${i & 255}` },
      });
      await res.arrayBuffer();
      return res.headers.get('x-served-role');
    };
    // The flag lands on the replica asynchronously: wait for a first flagged answer.
    const deadline = performance.now() + 10_000;
    let probe = 0;
    while ((await served(probe++ % 50)) !== 'canary') {
      if (performance.now() > deadline) throw new Error('the flag never turned on');
    }
    let canary = 0;
    const n = 200;
    for (let i = 0; i < n; i++) if ((await served(i)) === 'canary') canary++;
    expect(canary).toBeGreaterThan(n * 0.35);
    expect(canary).toBeLessThan(n * 0.65);
    // The same user always gets the same answer (the flag is per user).
    const again = await served(7);
    expect(await served(7)).toBe(again);
  });

  it('refuses a replica bound anywhere but loopback', () => {
    expect(() => new ReplicaProcess({ main: serviceMain(), args: ['--host', '10.1.2.3'] })).toThrow(
      /loopback/,
    );
  });
});
