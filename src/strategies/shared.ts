/**
 * Reconcile steps and helpers shared by several strategies: the routings they use, the
 * status sync of Deployment-style rollouts (recreate, rolling update, basic canary), and the
 * way back of strategies that keep v1 beside v2 and switch traffic (blue-green, shadow,
 * canary with traffic routing).
 */
import type { IntOrPercent, Millis } from '../scenario/model.js';
import type { ReplicaSetStatus, Routing } from '../targets/target.js';
import { STABLE_ONLY } from '../targets/target.js';
import type { ReplicaCounts } from './rolling-math.js';
import { type ReconcileStep, type RolloutContext, step } from './strategy.js';

/** A Kubernetes Service selecting both versions: traffic splits by ready pods (Deployments, basic canary). */
export const SERVICE_BOTH: Routing = {
  split: { kind: 'endpoints', selector: ['stable', 'canary'] },
  headerRoutes: [],
  mirrorPercent: 0,
};

/** Blue-green's active Service pointing at v1 (the release's start) or at v2 (after the switch). */
export const ACTIVE_STABLE: Routing = STABLE_ONLY;
export const ACTIVE_CANARY: Routing = {
  split: { kind: 'endpoints', selector: ['canary'] },
  headerRoutes: [],
  mirrorPercent: 0,
};

export function counts(status: ReplicaSetStatus): ReplicaCounts {
  return { replicas: status.replicas, available: status.ready };
}

/** No pod of the ReplicaSet remains, terminating ones included. */
export function noPods(status: ReplicaSetStatus): boolean {
  return status.current === 0 && status.terminating === 0;
}

export const terminateAnalysisRuns = step('terminateAnalysisRuns', (ctx) => {
  ctx.terminateAllRuns();
  return 'continue';
});

/**
 * Status of a Deployment-style rollout going forward: all user traffic is on v2 once no v1
 * pod is ready and one v2 pod is; Healthy once v2 is fully available and every v1 pod is gone.
 */
export const syncDeploymentRollout = step('syncRolloutStatus', (ctx) => {
  const stable = ctx.status('stable');
  const canary = ctx.status('canary');
  if (stable.replicas === 0 && stable.ready === 0 && canary.ready > 0) ctx.markFullyPromoted();
  if (canary.replicas === ctx.replicas && canary.ready === ctx.replicas && noPods(stable)) {
    ctx.markPromoted();
    ctx.settle('Healthy');
    return 'continue';
  }
  return 'wait';
});

/**
 * Status of a Deployment-style way back (`rollout undo`): user traffic is back on v1 once no
 * v2 pod can serve (none ready, none wanted) and a v1 pod is ready; done once v1 is fully
 * available and every v2 pod is gone.
 */
export const syncDeploymentRollback = step('syncRollbackStatus', (ctx) => {
  const stable = ctx.status('stable');
  const canary = ctx.status('canary');
  if (canary.replicas === 0 && canary.ready === 0 && stable.ready > 0) ctx.markRoutingRestored();
  if (stable.ready === ctx.replicas && noPods(canary)) {
    ctx.settle('Degraded');
    return 'continue';
  }
  return 'wait';
});

export interface SwitchBackOptions {
  /** The routing that sends all user traffic to v1 (weight 0, active selector on stable, mirroring off). */
  readonly routing: Routing;
  /** Delay before v2 is scaled down once v1 is fully available, ms; null = never (abortScaleDownDelaySeconds: 0). */
  readonly scaleDownDelayMs: Millis | null;
}

/**
 * The way back by switching traffic: stop the AnalysisRuns; make sure v1 runs R pods — if
 * they were never scaled down (an abort, or an undo within scaleDownDelay) switch at once,
 * otherwise scale v1 back up and switch when all R are ready; then scale v2 down after the
 * delay, counted from when v1 is fully available (Argo only sets the scale-down deadline
 * then: rollout/replicaset.go reconcileNewReplicaSet).
 */
export function switchBackSteps(options: SwitchBackOptions): readonly ReconcileStep[] {
  let stableIntact: boolean | null = null;
  let switched = false;
  let scaleDownAt: Millis | null = null;
  return [
    terminateAnalysisRuns,
    step('restoreStable', (ctx) => {
      const stable = ctx.status('stable');
      if (stableIntact === null) stableIntact = stable.replicas === ctx.replicas;
      if (ctx.scale('stable', ctx.replicas)) return 'wait';
      if (switched) return 'continue';
      if (!stableIntact && stable.ready < ctx.replicas) return 'wait';
      ctx.route(options.routing);
      switched = true;
      ctx.markRoutingRestored();
      return 'continue';
    }),
    step('scaleDownNewReplicaSet', (ctx) => {
      // Nothing to scale down (detected before any v2 pod was asked for): no delay to wait out.
      if (options.scaleDownDelayMs === null || ctx.status('canary').replicas === 0) return 'continue';
      if (scaleDownAt === null) {
        if (ctx.status('stable').ready < ctx.replicas) return 'wait';
        scaleDownAt = ctx.now() + options.scaleDownDelayMs;
      }
      if (ctx.now() < scaleDownAt) {
        ctx.requeueAt(scaleDownAt);
        return 'wait';
      }
      ctx.scale('canary', 0);
      return 'continue';
    }),
    step('syncRollbackStatus', (ctx) => {
      const done =
        ctx.status('stable').ready === ctx.replicas &&
        (options.scaleDownDelayMs === null || noPods(ctx.status('canary')));
      if (!done) return 'wait';
      ctx.settle('Degraded');
      return 'continue';
    }),
  ];
}

/** Scale the old v1 ReplicaSet to 0 once `at` has come (scaleDownDelaySeconds after promotion), then settle Healthy. */
export function scaleDownOldStable(ctx: RolloutContext, at: Millis | null): 'continue' | 'wait' {
  if (at === null) return 'wait';
  if (ctx.now() < at) {
    ctx.requeueAt(at);
    return 'wait';
  }
  ctx.scale('stable', 0);
  const canary = ctx.status('canary');
  if (!noPods(ctx.status('stable')) || canary.ready < ctx.replicas) return 'wait';
  ctx.settle('Healthy');
  return 'continue';
}

/**
 * A duration as a scenario file writes it — "250ms", "90s", "5m", "2h": the largest unit
 * that divides it, never rounded, so a step or plan line reads like the spec it came
 * from. (The report's `formatDuration` rounds measured times for reading instead.)
 */
export function formatSpecDuration(ms: Millis): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60 || s % 60 !== 0) return `${s}s`;
  const m = s / 60;
  return m < 60 || m % 60 !== 0 ? `${m}m` : `${m / 60}h`;
}

/** "maxSurge 25%, maxUnavailable 0" */
export function formatFence(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent): string {
  const f = (v: IntOrPercent) => ('count' in v ? `${v.count}` : `${v.percent}%`);
  return `maxSurge ${f(maxSurge)}, maxUnavailable ${f(maxUnavailable)}`;
}
