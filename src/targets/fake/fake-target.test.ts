import { describe, expect, it } from 'vitest';
import { SimClock } from '../../clock/sim-clock.js';
import { Journal } from '../../journal/journal.js';
import type { TargetEvent } from '../target.js';
import { FakeAlertEvaluator, FakeAnalysisRunner } from './fake-analysis.js';
import { FakeTarget } from './fake-target.js';

function world(journal?: Journal) {
  const clock = new SimClock();
  const target = new FakeTarget({
    clock,
    initial: { stable: 3 },
    startupMs: 10_000,
    drainMs: 5_000,
    journal,
  });
  const events: string[] = [];
  target.subscribe((e: TargetEvent) =>
    events.push(`${clock.now() / 1000}s ${e.type} ${'pod' in e ? e.pod : ''}`),
  );
  return { clock, target, events };
}

describe('FakeTarget', () => {
  it('starts with ready stable pods and no canary', () => {
    const { target } = world();
    expect(target.status('stable')).toEqual({ replicas: 3, current: 3, ready: 3, terminating: 0 });
    expect(target.status('canary')).toEqual({ replicas: 0, current: 0, ready: 0, terminating: 0 });
  });

  it('new pods become ready startupMs later and say so', () => {
    const { clock, target, events } = world();
    target.scale('canary', 2);
    expect(target.status('canary')).toEqual({ replicas: 2, current: 2, ready: 0, terminating: 0 });
    clock.runUntil(10_000);
    expect(target.status('canary').ready).toBe(2);
    expect(events).toEqual(['10s podReady canary-4', '10s podReady canary-5']);
  });

  it('scale-down takes not-ready pods first, then the newest; they leave endpoints at once and are gone drainMs later', () => {
    const { clock, target, events } = world();
    target.scale('stable', 4); // stable-4 starting
    target.scale('stable', 2); // stable-4 (not ready), then stable-3 (newest ready)
    expect(target.status('stable')).toEqual({ replicas: 2, current: 2, ready: 2, terminating: 2 });
    clock.runUntil(20_000);
    expect(events).toEqual(['5s podTerminated stable-4', '5s podTerminated stable-3']);
    expect(target.status('stable')).toEqual({ replicas: 2, current: 2, ready: 2, terminating: 0 });
  });

  it('records calls and journals what the world journals', () => {
    const journal = new Journal(
      {
        scenario: 't',
        strategy: 's',
        strategyKind: 'canary',
        trial: 0,
        seed: 0,
        backend: 'fake',
        fidelity: 'tick',
        timeScale: 1,
        baselineErrorRate: 0,
        faultType: 'none',
        releaseAt: 0,
        detectors: [],
        wayBack: '',
      },
      10,
    );
    const { clock, target } = world(journal);
    target.scale('canary', 1);
    clock.runUntil(10_000);
    target.route({
      split: { kind: 'endpoints', selector: ['stable', 'canary'] },
      headerRoutes: [],
      mirrorPercent: 0,
    });
    expect(target.canaryPercent()).toBe(25);
    target.route({ split: { kind: 'weight', canaryWeight: 10 }, headerRoutes: [], mirrorPercent: 20 });
    target.setFlag(5);
    target.revertMigration();
    expect(target.calls.map((c) => c.op)).toEqual(['scale', 'route', 'route', 'setFlag', 'revertMigration']);
    expect(journal.events.map((e) => e.type)).toEqual(['pod', 'routing', 'routing', 'flag']);
    expect(journal.events[1]).toMatchObject({
      type: 'routing',
      canaryPercent: 25,
      detail: 'endpoints stable+canary',
    });
    expect(journal.events[2]).toMatchObject({
      canaryPercent: 10,
      mirrorPercent: 20,
      detail: 'weight 10, mirror 20%',
    });
  });

  it('a crashed pod is replaced and becomes ready again after startup', () => {
    const { clock, target, events } = world();
    target.crash('stable');
    expect(target.status('stable')).toEqual({ replicas: 3, current: 3, ready: 2, terminating: 0 });
    clock.runUntil(10_000);
    expect(events).toEqual(['0s podCrashed stable-1', '10s podReady stable-4']);
    expect(target.status('stable').ready).toBe(3);
  });
});

describe('FakeAnalysisRunner and FakeAlertEvaluator', () => {
  it('runs follow their script; terminate makes a running run Successful', () => {
    const clock = new SimClock();
    const runner = new FakeAnalysisRunner(clock, (name) =>
      name === 'a' ? [{ afterMs: 5_000, phase: 'Failed' }] : [],
    );
    const seen: string[] = [];
    const analysis = { templateNames: [], metrics: [] };
    runner.start('a', analysis, (p) => seen.push(`a ${p}`));
    const b = runner.start('b', analysis, (p) => seen.push(`b ${p}`));
    clock.runUntil(10_000);
    b.terminate();
    b.terminate();
    expect(seen).toEqual(['a Running', 'b Running', 'a Failed', 'b Successful']);
    expect(runner.run('b').terminatedAt).toBe(10_000);
  });

  it('alerts fire only in watches still active', () => {
    const clock = new SimClock();
    const alerts = new FakeAlertEvaluator(clock);
    const fired: string[] = [];
    const watch = alerts.watch([{ name: 'A', expr: 'x', forMs: 0 }], (r) =>
      fired.push(`${clock.now()} ${r.name}`),
    );
    alerts.fireAt(1_000, 'A');
    alerts.fireAt(3_000, 'A');
    clock.runUntil(2_000);
    watch.stop();
    clock.runUntil(5_000);
    expect(fired).toEqual(['1000 A']);
  });
});
