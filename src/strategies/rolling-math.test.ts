import { describe, expect, it } from 'vitest';
import { resolveFenceposts } from './fenceposts.js';
import { type ReplicaCounts, rollingUpdateStep } from './rolling-math.js';

/** Drive the pure function to a fixed point, with every new pod becoming ready at once between rounds. */
function converge(desired: number, fence: ReturnType<typeof resolveFenceposts>, ready: boolean) {
  let newRS: ReplicaCounts = { replicas: 0, available: 0 };
  let oldRS: ReplicaCounts = { replicas: desired, available: desired };
  const trace: string[] = [];
  for (let i = 0; i < 100; i++) {
    const action = rollingUpdateStep(desired, fence, newRS, oldRS);
    if (!action) {
      if (!ready || newRS.available === newRS.replicas) break;
      newRS = { ...newRS, available: newRS.replicas };
      trace.push('ready');
      continue;
    }
    if (action.scale === 'new') newRS = { replicas: action.replicas, available: newRS.available };
    else oldRS = { replicas: action.replicas, available: Math.min(oldRS.available, action.replicas) };
    trace.push(`${action.scale}=${action.replicas}`);
  }
  return { newRS, oldRS, trace };
}

describe('rollingUpdateStep (Kubernetes rolloutRolling)', () => {
  it('25%/25% of 10: new to 3 (13 pods), old to 8 (8 available), new to 5 (13 pods again), then waits for readiness', () => {
    const fence = resolveFenceposts({ percent: 25 }, { percent: 25 }, 10);
    const { trace, newRS, oldRS } = converge(10, fence, true);
    expect(trace.slice(0, 6)).toEqual(['new=3', 'old=8', 'new=5', 'ready', 'old=3', 'new=10']);
    expect(newRS).toEqual({ replicas: 10, available: 10 });
    expect(oldRS.replicas).toBe(0);
  });

  it('does not scale old down while new pods are unavailable beyond the budget', () => {
    const fence = resolveFenceposts({ percent: 25 }, { percent: 25 }, 10);
    // new at 3 (none ready), old at 8: 11 pods, minAvailable 8, 3 new unavailable → no room
    expect(
      rollingUpdateStep(10, fence, { replicas: 3, available: 0 }, { replicas: 8, available: 8 }),
    ).toEqual({
      scale: 'new',
      replicas: 5,
    });
    expect(
      rollingUpdateStep(10, fence, { replicas: 5, available: 0 }, { replicas: 8, available: 8 }),
    ).toBeNull();
  });

  it('0/0 resolves to maxUnavailable 1: old goes down one pod first, then new comes up one', () => {
    const fence = resolveFenceposts({ count: 0 }, { count: 0 }, 4);
    const { trace } = converge(4, fence, true);
    expect(trace.slice(0, 6)).toEqual(['old=3', 'new=1', 'ready', 'old=2', 'new=2', 'ready']);
  });

  it('removes unhealthy old pods first (cleanupUnhealthyReplicas)', () => {
    const fence = resolveFenceposts({ count: 0 }, { count: 1 }, 4);
    // old has 4 spec but only 2 available: unhealthy pods go first, within maxScaledDown = 4 − 3 − 0 = 1
    expect(rollingUpdateStep(4, fence, { replicas: 0, available: 0 }, { replicas: 4, available: 2 })).toEqual(
      {
        scale: 'old',
        replicas: 3,
      },
    );
  });

  it('scales an oversized new ReplicaSet back to R', () => {
    const fence = resolveFenceposts({ count: 1 }, { count: 0 }, 4);
    expect(rollingUpdateStep(4, fence, { replicas: 6, available: 6 }, { replicas: 0, available: 0 })).toEqual(
      {
        scale: 'new',
        replicas: 4,
      },
    );
  });
});
