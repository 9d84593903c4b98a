/**
 * Kubernetes `Recreate` (pkg/controller/deployment/recreate.go rolloutRecreate): scale every
 * old pod away, wait until none is left — terminating ones included, so v1 and v2 never run
 * side by side (the point of Recreate, e.g. for an exclusive lock or migration) — then scale
 * the new ReplicaSet to R. Users get errors from the moment the last v1 pod stops serving
 * until the first v2 pod is ready: the downtime is by design.
 *
 * No analysis of its own: an alert rule triggers `rollout undo`, which is the same procedure
 * in reverse (all v2 down, then v1 up) — a second downtime.
 */
import type { StrategyModel } from '../scenario/model.js';
import type { Role } from '../targets/target.js';
import { noPods, SERVICE_BOTH, syncDeploymentRollback, syncDeploymentRollout } from './shared.js';
import { type ReconcileStep, type Strategy, type StrategyDescription, step } from './strategy.js';

type RecreateModel = Extract<StrategyModel, { kind: 'recreate' }>;

/** One recreate from `from` to `to`, as three idempotent steps. */
function recreateSteps(from: Role, to: Role): ReconcileStep[] {
  return [
    step('reconcileService', (ctx) => {
      ctx.route(SERVICE_BOTH);
      return 'continue';
    }),
    step('scaleDownOldReplicaSets', (ctx) => (ctx.scale(from, 0) ? 'wait' : 'continue')),
    step('waitForOldPodsGone', (ctx) => (noPods(ctx.status(from)) ? 'continue' : 'wait')),
    step('scaleUpNewReplicaSet', (ctx) => (ctx.scale(to, ctx.replicas) ? 'wait' : 'continue')),
  ];
}

export class RecreateStrategy implements Strategy {
  readonly kind = 'recreate';
  readonly rollout: readonly ReconcileStep[] = [...recreateSteps('stable', 'canary'), syncDeploymentRollout];
  readonly rollback: readonly ReconcileStep[] = [
    ...recreateSteps('canary', 'stable'),
    syncDeploymentRollback,
  ];
}

export function describeRecreate(_model: RecreateModel): Pick<StrategyDescription, 'wayBack'> {
  return {
    wayBack: 'rollout undo: all v2 pods scaled down and gone, then v1 scaled back up (downtime again)',
  };
}
