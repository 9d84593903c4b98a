import { describe, expect, it } from 'vitest';
import type { CanaryStepModel } from '../scenario/model.js';
import {
  approximateWeightedCanaryStableReplicaCounts,
  basicCanaryReplicaCounts,
  currentCanaryScale,
  currentSetWeight,
  previousSetWeight,
  trafficWeightToReplicas,
} from './canary-math.js';
import { resolveFenceposts } from './fenceposts.js';

describe('approximateWeightedCanaryStableReplicaCounts', () => {
  it('10 replicas at 41% → 4 canary, 6 stable (nearest, not ceil)', () => {
    expect(approximateWeightedCanaryStableReplicaCounts(10, 41, 3)).toEqual([4, 6]);
    expect(approximateWeightedCanaryStableReplicaCounts(10, 41, 0)).toEqual([4, 6]);
  });

  // [replicas, weight, maxSurge, canary, stable] from Argo's TestApproximateWeightedNewStableReplicaCounts
  const cases: [number, number, number, number, number][] = [
    [0, 50, 1, 0, 0],
    [1, 0, 0, 0, 1],
    [1, 49, 0, 0, 1],
    [1, 50, 0, 1, 0],
    [1, 1, 1, 1, 1],
    [1, 100, 1, 1, 0],
    [2, 1, 0, 1, 1],
    [2, 99, 1, 2, 1],
    [3, 10, 0, 1, 2],
    [3, 50, 0, 2, 1],
    [3, 10, 1, 1, 3],
    [3, 33, 1, 1, 2],
    [3, 49, 1, 2, 2],
    [10, 14, 0, 1, 9],
    [10, 15, 0, 2, 8],
    [10, 99, 0, 9, 1],
    [10, 1, 1, 1, 10],
    [10, 19, 1, 2, 9],
    [10, 24, 1, 3, 8],
    [10, 99, 1, 10, 1],
    [10, 100, 1, 10, 0],
  ];
  it.each(cases)('%i replicas at %i%% with surge %i → %i canary, %i stable', (r, w, s, c, st) => {
    expect(approximateWeightedCanaryStableReplicaCounts(r, w, s)).toEqual([c, st]);
  });
});

describe('basicCanaryReplicaCounts (CalculateReplicaCountsForBasicCanary)', () => {
  // [name, R, weight, surge, unavailable, stable spec/avail, canary spec/avail, expected stable, expected canary]
  type Case = [string, number, number, number, number, [number, number], [number, number], number, number];
  const cases: Case[] = [
    ['use max surge to scale up canary', 10, 20, 2, 0, [10, 10], [0, 0], 10, 2],
    ['scale down extra stable replicas', 10, 20, 2, 0, [10, 10], [2, 2], 8, 2],
    ['do not go past max surge', 10, 30, 2, 0, [10, 10], [0, 0], 10, 2],
    ['use max unavailable to scale down stable', 10, 20, 0, 2, [10, 10], [0, 0], 8, 0],
    ['use max surge and max unavailable', 10, 50, 2, 1, [10, 10], [0, 0], 9, 2],
    ['scale canary to zero on setWeight 0', 10, 0, 1, 1, [10, 10], [1, 1], 10, 0],
    ['scale stable to zero on setWeight 100', 10, 100, 1, 1, [1, 1], [10, 10], 0, 10],
    ['do not scale canary to zero on a non-zero weight', 1, 20, 1, 0, [1, 1], [0, 0], 1, 1],
    ['scale down canary and stable', 10, 30, 0, 3, [8, 5], [4, 4], 7, 3],
    ['scale down stable and canary available', 10, 100, 1, 0, [10, 2], [10, 8], 2, 9],
    ['do not round past maxSurge with an uneven weight', 10, 5, 0, 1, [10, 10], [0, 0], 9, 0],
    ['…then use the freed pod for the canary', 10, 5, 0, 1, [9, 9], [0, 0], 9, 1],
    ['honor maxSurge when stable is unavailable', 4, 100, 1, 0, [4, 1], [0, 0], 4, 1],
    ['honor maxUnavailable when scaling down an unavailable stable', 4, 100, 1, 0, [4, 1], [1, 1], 3, 1],
    ['abort: surge stable before bringing canary down', 4, 0, 1, 0, [0, 0], [4, 4], 1, 4],
  ];
  it.each(cases)('%s', (_name, r, w, surge, unavailable, [ss, sa], [cs, ca], expStable, expCanary) => {
    const fence = { maxSurge: surge, maxUnavailable: unavailable };
    const got = basicCanaryReplicaCounts(
      r,
      w,
      fence,
      { replicas: cs, available: ca },
      { replicas: ss, available: sa },
    );
    expect(got).toEqual({ stable: expStable, canary: expCanary });
  });

  it('0%/0% fenceposts resolve to maxUnavailable 1', () => {
    const fence = resolveFenceposts({ percent: 0 }, { percent: 0 }, 10);
    expect(
      basicCanaryReplicaCounts(10, 10, fence, { replicas: 0, available: 0 }, { replicas: 10, available: 10 }),
    ).toEqual({ stable: 9, canary: 0 });
  });

  it('41% of 10 with 25%/25% ends at 4 canary, 6 stable', () => {
    const fence = resolveFenceposts({ percent: 25 }, { percent: 25 }, 10);
    let canary = { replicas: 0, available: 0 };
    let stable = { replicas: 10, available: 10 };
    for (let i = 0; i < 20; i++) {
      const next = basicCanaryReplicaCounts(10, 41, fence, canary, stable);
      canary = { replicas: next.canary, available: next.canary };
      stable = { replicas: next.stable, available: Math.min(stable.available, next.stable) };
      stable = { ...stable, available: stable.replicas };
    }
    expect([canary.replicas, stable.replicas]).toEqual([4, 6]);
  });
});

describe('step lookups', () => {
  const steps: CanaryStepModel[] = [
    { kind: 'setWeight', weight: 20 },
    { kind: 'pause', durationMs: 1000 },
    { kind: 'setCanaryScale', replicas: 3, weight: null, matchTrafficWeight: false },
    { kind: 'setWeight', weight: 50 },
    { kind: 'setCanaryScale', replicas: null, weight: null, matchTrafficWeight: true },
  ];
  it('currentSetWeight: last setWeight at or before, 100 after the last step', () => {
    expect(currentSetWeight(steps, 0)).toBe(20);
    expect(currentSetWeight(steps, 2)).toBe(20);
    expect(currentSetWeight(steps, 3)).toBe(50);
    expect(currentSetWeight(steps, 5)).toBe(100);
    expect(currentSetWeight([{ kind: 'pause', durationMs: null }], 0)).toBe(0);
  });
  it('previousSetWeight: strictly before', () => {
    expect(previousSetWeight(steps, 0)).toBe(0);
    expect(previousSetWeight(steps, 3)).toBe(20);
    expect(previousSetWeight(steps, 5)).toBe(50);
  });
  it('currentCanaryScale: matchTrafficWeight cancels it', () => {
    expect(currentCanaryScale(steps, 1)).toBeNull();
    expect(currentCanaryScale(steps, 3)?.replicas).toBe(3);
    expect(currentCanaryScale(steps, 4)).toBeNull();
  });
  it('trafficWeightToReplicas rounds up', () => {
    expect([0, 20, 25, 33, 99, 100].map((w) => trafficWeightToReplicas(10, w))).toEqual([0, 2, 3, 4, 10, 10]);
  });
});
