import { describe, expect, it } from 'vitest';
import { alert, harness } from '../controller/testing.js';
import type { StrategyModel } from '../scenario/model.js';

const recreate: StrategyModel = { kind: 'recreate', name: 'recreate', alerts: [alert('HighErrorRate')] };

describe('recreate', () => {
  it('scales v1 to 0, waits until every v1 pod is gone, then scales v2 to R: downtime in between', () => {
    const h = harness({ strategy: recreate, replicas: 4, startupMs: 10_000, drainMs: 5_000 });
    h.controller.start();
    h.runUntil(4_999);
    // v1 pods are draining: not ready (no traffic) but still there, so v2 must not start yet
    expect(h.target.status('stable')).toMatchObject({ replicas: 0, ready: 0, terminating: 4 });
    expect(h.target.status('canary').replicas).toBe(0);
    h.runUntil(60_000);
    expect(h.calls()).toEqual(['0 route endpoints stable+canary', '0 scale stable=0', '5s scale canary=4']);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '15s fullyPromoted', // first v2 pod ready: from 0 to 15 s no pod served (downtime)
      '15s completed Healthy',
    ]);
    expect(h.controller.settledAt()).toBe(15_000);
    expect(h.controller.status().phase).toBe('Healthy');
  });

  it('alert-triggered rollout undo: all v2 down and gone, then v1 up — a second downtime', () => {
    const h = harness({ strategy: recreate, replicas: 4 });
    h.alerts.fireAt(20_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(120_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable+canary',
      '0 scale stable=0',
      '5s scale canary=4',
      '20s scale canary=0',
      '25s scale stable=4',
    ]);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '15s fullyPromoted',
      '15s completed Healthy',
      '20s detected alert HighErrorRate',
      '20s abort alert HighErrorRate firing: rollout undo',
      '35s routingRestored',
      '35s completed Degraded',
    ]);
    expect(h.controller.status()).toMatchObject({ phase: 'Degraded', abortedAt: 20_000, settledAt: 35_000 });
  });

  it('an alert during the downtime also rolls back (v2 not even up yet)', () => {
    const h = harness({ strategy: recreate, replicas: 2 });
    h.alerts.fireAt(2_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(60_000);
    // no v2 pod exists to wait for: v1 is scaled back up at once, ready one startup later
    expect(h.calls()).toEqual(['0 route endpoints stable+canary', '0 scale stable=0', '2s scale stable=2']);
    expect(h.events().slice(-3)).toEqual([
      '2s abort alert HighErrorRate firing',
      '12s routingRestored',
      '12s completed Degraded',
    ]);
  });
});
