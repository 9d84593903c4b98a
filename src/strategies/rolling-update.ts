/**
 * Kubernetes `RollingUpdate` (pkg/controller/deployment/rolling.go): the new ReplicaSet grows
 * within R + maxSurge pods, the old one shrinks while R − maxUnavailable pods stay available,
 * gated on readiness; a Service over both spreads users by ready pods. See rolling-math.ts.
 *
 * No analysis of its own: an alert rule triggers `rollout undo`, a reverse rolling update
 * with the same maxSurge / maxUnavailable — it takes about as long as the rollout did.
 */
import type { StrategyModel } from '../scenario/model.js';
import type { Role } from '../targets/target.js';
import { type Fenceposts, resolveFenceposts } from './fenceposts.js';
import { rollingUpdateStep } from './rolling-math.js';
import {
  counts,
  formatFence,
  SERVICE_BOTH,
  syncDeploymentRollback,
  syncDeploymentRollout,
} from './shared.js';
import { type ReconcileStep, type Strategy, type StrategyDescription, step } from './strategy.js';

type RollingUpdateModel = Extract<StrategyModel, { kind: 'rollingUpdate' }>;

function rollingSteps(fence: Fenceposts, newRS: Role, oldRS: Role): ReconcileStep[] {
  return [
    step('reconcileService', (ctx) => {
      ctx.route(SERVICE_BOTH);
      return 'continue';
    }),
    step('rolloutRolling', (ctx) => {
      const action = rollingUpdateStep(
        ctx.replicas,
        fence,
        counts(ctx.status(newRS)),
        counts(ctx.status(oldRS)),
      );
      if (action === null) return 'continue';
      ctx.scale(action.scale === 'new' ? newRS : oldRS, action.replicas);
      return 'wait';
    }),
  ];
}

export class RollingUpdateStrategy implements Strategy {
  readonly kind = 'rollingUpdate';
  readonly rollout: readonly ReconcileStep[];
  readonly rollback: readonly ReconcileStep[];

  constructor(model: RollingUpdateModel, replicas: number) {
    const fence = resolveFenceposts(model.maxSurge, model.maxUnavailable, replicas);
    this.rollout = [...rollingSteps(fence, 'canary', 'stable'), syncDeploymentRollout];
    this.rollback = [...rollingSteps(fence, 'stable', 'canary'), syncDeploymentRollback];
  }
}

export function describeRollingUpdate(model: RollingUpdateModel): Pick<StrategyDescription, 'wayBack'> {
  return {
    wayBack: `rollout undo: reverse rolling update (${formatFence(model.maxSurge, model.maxUnavailable)})`,
  };
}
