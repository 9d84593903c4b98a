import { describe, expect, it } from 'vitest';
import { alert, harness } from '../controller/testing.js';
import type { IntOrPercent, StrategyModel } from '../scenario/model.js';

function rolling(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent): StrategyModel {
  return {
    kind: 'rollingUpdate',
    name: 'rolling',
    alerts: [alert('HighErrorRate')],
    maxSurge,
    maxUnavailable,
  };
}

describe('rollingUpdate', () => {
  it('25%/25% of 4 (surge 1, unavailable 1): readiness-gated steps of two pods', () => {
    const h = harness({ strategy: rolling({ percent: 25 }, { percent: 25 }), replicas: 4 });
    h.controller.start();
    h.runUntil(100_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable+canary',
      '0 scale canary=1', // 5 pods = R + surge
      '0 scale stable=3', // 3 available = R − unavailable (the new pod is not counted)
      '0 scale canary=2', // back to 5 pods
      '10s scale stable=1', // two new pods ready
      '10s scale canary=4',
      '20s scale stable=0',
    ]);
    expect(h.events()).toEqual(['0 releaseStarted', '20s fullyPromoted', '25s completed Healthy']);
  });

  it('0/0 resolves to maxUnavailable 1: one old pod down before each new one', () => {
    const h = harness({ strategy: rolling({ count: 0 }, { count: 0 }), replicas: 3 });
    h.controller.start();
    h.runUntil(100_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable+canary',
      '0 scale stable=2',
      '0 scale canary=1',
      '10s scale stable=1',
      '10s scale canary=2',
      '20s scale stable=0',
      '20s scale canary=3',
    ]);
    expect(h.events()).toEqual(['0 releaseStarted', '20s fullyPromoted', '30s completed Healthy']);
  });

  it('maxSurge 1% rounds up to one pod, maxUnavailable 0: one surge pod at a time', () => {
    const h = harness({ strategy: rolling({ percent: 1 }, { percent: 0 }), replicas: 4 });
    h.controller.start();
    h.runUntil(100_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable+canary',
      '0 scale canary=1',
      '10s scale stable=3',
      '10s scale canary=2',
      '20s scale stable=2',
      '20s scale canary=3',
      '30s scale stable=1',
      '30s scale canary=4',
      '40s scale stable=0',
    ]);
    expect(h.events().slice(-2)).toEqual(['40s fullyPromoted', '45s completed Healthy']);
  });

  it('alert mid-rollout: rollout undo is a reverse rolling update with the same fenceposts', () => {
    const h = harness({ strategy: rolling({ percent: 25 }, { percent: 25 }), replicas: 4 });
    h.alerts.fireAt(15_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(100_000);
    expect(h.calls().slice(6)).toEqual([
      '15s scale canary=2', // the two unready v2 pods go first (cleanupUnhealthyReplicas)
      '15s scale stable=3', // v1 is now the new ReplicaSet: up to 5 pods
      '25s scale canary=0',
      '25s scale stable=4',
    ]);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '15s detected alert HighErrorRate',
      '15s abort alert HighErrorRate firing',
      '25s routingRestored',
      '35s completed Degraded',
    ]);
    expect(h.controller.status()).toMatchObject({ fullyPromotedAt: null, routingRestoredAt: 25_000 });
  });

  it('undo after full promotion takes as long as the rollout did', () => {
    const h = harness({ strategy: rolling({ percent: 25 }, { percent: 25 }), replicas: 4 });
    h.alerts.fireAt(60_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(200_000);
    expect(h.calls().slice(7)).toEqual([
      '60s scale stable=1',
      '60s scale canary=3',
      '60s scale stable=2',
      '70s scale canary=1',
      '70s scale stable=4',
      '80s scale canary=0',
    ]);
    expect(h.events().slice(-4)).toEqual([
      '60s detected alert HighErrorRate',
      '60s abort alert HighErrorRate firing: rollout undo',
      '80s routingRestored',
      '85s completed Degraded',
    ]);
  });
});
