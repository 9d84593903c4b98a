/**
 * Argo Rollouts canary (rollout/canary.go, rollout/trafficrouting.go, rollout/analysis.go,
 * utils/replicaset/canary.go). Each reconcile, in Argo's order:
 * - reconcileTrafficRouting — with a router (`weight` split) the weight of the current
 *   step is applied only once the canary is at its desired replica count with every pod
 *   available (AtDesiredReplicaCountsForCanary); until then the previous setWeight stays,
 *   and the canary gets no weight at all while none of its pods is available. Header and
 *   mirror routes are set when their step is reached and stay until abort or promotion.
 *   Without a router, a Service over both versions splits by ready pods.
 * - reconcileAnalysisRuns — the current step's analysis, and the background analysis from
 *   `startingStep` (0-based) until promotion.
 * - reconcileCanaryReplicaSets — with a router, canary = ceil(weight × R / 100) (or the
 *   setCanaryScale in force) and stable stays at R; without, the replica-count split under
 *   maxSurge / maxUnavailable (canary-math.ts).
 * - reconcileCanaryPause, then the step completes: setWeight / setCanaryScale once at the
 *   desired counts (and the weight applied), pause once its duration passed, analysis once
 *   Successful, setHeaderRoute / setMirrorRoute at once.
 * After the last step the weight goes to 100 once the canary runs R available pods; v2 then
 *   becomes stable and v1 is scaled down (with a router after Argo's default 30 s
 *   scaleDownDelaySeconds; without, at once within maxUnavailable).
 * Abort: with a router, weight 0 at once with header and mirror routes removed, runs
 * terminated, the canary scaled to 0 abortScaleDownDelaySeconds after v1 is fully available
 * (0 = never). Without a router there is no weight to move: the split goes back by replica
 * count under maxSurge / maxUnavailable, and abortScaleDownDelaySeconds does not apply — as
 * in Argo (shouldDelayScaleDownOnAbort: "basic canary should not use this").
 */
import type { CanaryStepModel, Millis, StrategyModel } from '../scenario/model.js';
import type { HeaderRoute, Routing } from '../targets/target.js';
import {
  basicCanaryReplicaCounts,
  currentCanaryScale,
  currentSetWeight,
  previousSetWeight,
  trafficWeightToReplicas,
} from './canary-math.js';
import { type Fenceposts, resolveFenceposts } from './fenceposts.js';
import {
  counts,
  formatFence,
  noPods,
  SERVICE_BOTH,
  scaleDownOldStable,
  switchBackSteps,
  syncDeploymentRollback,
  terminateAnalysisRuns,
} from './shared.js';
import { describeStep, StepProgress } from './step-progress.js';
import {
  type ReconcileStep,
  type RolloutContext,
  type Strategy,
  type StrategyDescription,
  step,
} from './strategy.js';

type CanaryModel = Extract<StrategyModel, { kind: 'canary' }>;

/** Delay before the old stable is scaled down after promotion with a router, ms (Argo's DefaultScaleDownDelaySeconds). */
export const CANARY_SCALE_DOWN_DELAY_MS = 30_000;

export class CanaryStrategy implements Strategy {
  readonly kind = 'canary';
  readonly rollout: readonly ReconcileStep[];
  readonly rollback: readonly ReconcileStep[];
  private readonly progress: StepProgress;
  private readonly fence: Fenceposts;
  private readonly routed: boolean;
  private readonly headerRoutes = new Map<string, HeaderRoute[]>();
  private readonly mirrorRoutes = new Map<string, number>();
  private stableScaleDownAt: Millis | null = null;

  constructor(
    private readonly model: CanaryModel,
    private readonly replicas: number,
  ) {
    this.routed = model.trafficRouting;
    this.fence = resolveFenceposts(model.maxSurge, model.maxUnavailable, replicas);
    this.progress = new StepProgress(model.steps);
    if (!this.routed) {
      const needsRouter = model.steps.find((s) => s.kind === 'setHeaderRoute' || s.kind === 'setMirrorRoute');
      if (needsRouter) {
        throw new Error(
          `canary strategy ${model.name}: ${needsRouter.kind} needs trafficRouting (a mesh or ingress)`,
        );
      }
    }
    this.rollout = [
      step('reconcileTrafficRouting', (ctx) => this.reconcileTrafficRouting(ctx)),
      step('reconcileAnalysisRuns', (ctx) => this.reconcileAnalysisRuns(ctx)),
      step('reconcileCanaryReplicaSets', (ctx) => this.reconcileCanaryReplicaSets(ctx)),
      step('reconcileCanaryPause', (ctx) => this.progress.reconcilePause(ctx)),
      step('syncRolloutStatus', (ctx) => this.syncRolloutStatus(ctx)),
      step('scaleDownOldStable', (ctx) => this.scaleDownOldStable(ctx)),
    ];
    this.rollback = this.routed
      ? switchBackSteps({
          routing: { split: { kind: 'weight', canaryWeight: 0 }, headerRoutes: [], mirrorPercent: 0 },
          scaleDownDelayMs:
            model.abortScaleDownDelaySeconds === 0 ? null : model.abortScaleDownDelaySeconds * 1000,
        })
      : [
          terminateAnalysisRuns,
          step('reconcileService', (ctx) => {
            ctx.route(SERVICE_BOTH);
            return 'continue';
          }),
          step('reconcileCanaryReplicaSets', (ctx) => this.scaleByReplicaCount(ctx, 0)),
          syncDeploymentRollback,
        ];
  }

  private get steps(): readonly CanaryStepModel[] {
    return this.model.steps;
  }

  // ---- traffic -------------------------------------------------------------------------

  private reconcileTrafficRouting(ctx: RolloutContext): 'continue' {
    this.progress.announce(ctx);
    if (!this.routed) {
      ctx.route(SERVICE_BOTH);
      return 'continue';
    }
    if (ctx.isPromoted()) {
      ctx.route({ split: { kind: 'weight', canaryWeight: 100 }, headerRoutes: [], mirrorPercent: 0 });
      return 'continue';
    }
    const index = this.progress.index;
    let weight = 0;
    if (ctx.status('canary').ready > 0) {
      if (!this.atDesiredReplicaCounts(ctx)) weight = previousSetWeight(this.steps, index);
      else weight = currentSetWeight(this.steps, index);
    }
    this.updateManagedRoutes(this.progress.current());
    ctx.route(this.weightRouting(weight));
    if (weight === 100) ctx.markFullyPromoted();
    return 'continue';
  }

  private updateManagedRoutes(s: CanaryStepModel | undefined): void {
    if (s?.kind === 'setHeaderRoute') {
      if (s.match.length === 0) this.headerRoutes.delete(s.name);
      else {
        const routes = s.match.map((m) => ({ name: s.name, headerName: m.headerName, match: m.headerValue }));
        this.headerRoutes.set(s.name, routes);
      }
    }
    if (s?.kind === 'setMirrorRoute') {
      if (s.enabled) this.mirrorRoutes.set(s.name, s.percentage);
      else this.mirrorRoutes.delete(s.name);
    }
  }

  private weightRouting(canaryWeight: number): Routing {
    return {
      split: { kind: 'weight', canaryWeight },
      headerRoutes: [...this.headerRoutes.values()].flat(),
      mirrorPercent: Math.max(0, ...this.mirrorRoutes.values()),
    };
  }

  // ---- analysis ------------------------------------------------------------------------

  private reconcileAnalysisRuns(ctx: RolloutContext): 'continue' {
    const s = this.progress.current();
    if (s?.kind === 'analysis') ctx.startRun(`step-${this.progress.index}`, s.analysis);
    const background = this.model.analysis;
    if (background && !ctx.isPromoted() && this.progress.index >= background.startingStep) {
      ctx.startRun('background', background);
    }
    return 'continue';
  }

  // ---- replica sets --------------------------------------------------------------------

  /** Canary pods wanted at the current step with a router: setCanaryScale, else ceil(weight × R / 100). */
  private routedCanaryTarget(): number {
    const scale = currentCanaryScale(this.steps, this.progress.index);
    if (scale?.replicas != null) return scale.replicas;
    if (scale?.weight != null) return trafficWeightToReplicas(this.replicas, scale.weight);
    return trafficWeightToReplicas(this.replicas, currentSetWeight(this.steps, this.progress.index));
  }

  private reconcileCanaryReplicaSets(ctx: RolloutContext): 'continue' | 'wait' {
    if (ctx.isPromoted()) {
      if (ctx.scale('canary', this.replicas)) return 'wait';
      return this.routed ? 'continue' : this.scaleDownOldForBasicCanary(ctx);
    }
    if (!this.routed) return this.scaleByReplicaCount(ctx, currentSetWeight(this.steps, this.progress.index));
    if (ctx.scale('stable', this.replicas)) return 'wait';
    return ctx.scale('canary', this.routedCanaryTarget()) ? 'wait' : 'continue';
  }

  /** One move of the replica-count split toward `weight`: the stable side first, as Argo does. */
  private scaleByReplicaCount(ctx: RolloutContext, weight: number): 'continue' | 'wait' {
    const next = basicCanaryReplicaCounts(
      this.replicas,
      weight,
      this.fence,
      counts(ctx.status('canary')),
      counts(ctx.status('stable')),
    );
    if (ctx.scale('stable', next.stable)) return 'wait';
    return ctx.scale('canary', next.canary) ? 'wait' : 'continue';
  }

  /** After promotion without a router the old stable is an "other" ReplicaSet: unhealthy pods first, then within maxUnavailable. */
  private scaleDownOldForBasicCanary(ctx: RolloutContext): 'continue' | 'wait' {
    const stable = ctx.status('stable');
    if (stable.replicas === 0) return 'continue';
    let replicas = Math.min(stable.replicas, stable.ready);
    const available = ctx.status('canary').ready + stable.ready;
    const maxScaleDown = available - (this.replicas - this.fence.maxUnavailable);
    if (maxScaleDown > 0) replicas = Math.max(0, replicas - maxScaleDown);
    return ctx.scale('stable', replicas) ? 'wait' : 'continue';
  }

  /** AtDesiredReplicaCountsForCanary: the canary at its count with every pod available, the stable at its count. */
  private atDesiredReplicaCounts(ctx: RolloutContext): boolean {
    const canary = ctx.status('canary');
    const stable = ctx.status('stable');
    let wantCanary: number;
    let wantStable: number;
    if (this.routed) {
      wantCanary = this.routedCanaryTarget();
      wantStable = this.replicas;
    } else {
      const weight = currentSetWeight(this.steps, this.progress.index);
      const next = basicCanaryReplicaCounts(
        this.replicas,
        weight,
        this.fence,
        counts(canary),
        counts(stable),
      );
      wantCanary = next.canary;
      wantStable = next.stable;
    }
    return (
      canary.replicas === wantCanary &&
      canary.ready === wantCanary &&
      stable.replicas === wantStable &&
      stable.current === wantStable
    );
  }

  // ---- steps and promotion -------------------------------------------------------------

  private syncRolloutStatus(ctx: RolloutContext): 'continue' | 'wait' {
    const stable = ctx.status('stable');
    const canary = ctx.status('canary');
    if (!this.routed && stable.replicas === 0 && stable.ready === 0 && canary.ready > 0)
      ctx.markFullyPromoted();
    if (!this.progress.done) {
      if (this.completedCurrentStep(ctx)) this.progress.next(ctx);
      return 'wait';
    }
    if (ctx.isPromoted()) return 'continue';
    // shouldFullPromote: every step done and the canary's R pods all available.
    if (canary.replicas !== this.replicas || canary.ready !== this.replicas) return 'wait';
    ctx.terminateRun('background');
    ctx.markPromoted();
    if (this.routed) this.stableScaleDownAt = ctx.now() + CANARY_SCALE_DOWN_DELAY_MS;
    return 'continue';
  }

  private completedCurrentStep(ctx: RolloutContext): boolean {
    const s = this.progress.current();
    switch (s?.kind) {
      case 'setWeight': {
        if (!this.atDesiredReplicaCounts(ctx)) return false;
        const routing = ctx.currentRouting();
        return !this.routed || (routing?.split.kind === 'weight' && routing.split.canaryWeight === s.weight);
      }
      case 'setCanaryScale':
        return this.atDesiredReplicaCounts(ctx);
      case 'pause':
        return this.progress.pauseCompleted(ctx);
      case 'analysis':
        return ctx.runPhase(`step-${this.progress.index}`) === 'Successful';
      case 'setHeaderRoute':
      case 'setMirrorRoute':
        return true;
      default:
        return false;
    }
  }

  private scaleDownOldStable(ctx: RolloutContext): 'continue' | 'wait' {
    if (!ctx.isPromoted()) return 'wait';
    if (this.routed) return scaleDownOldStable(ctx, this.stableScaleDownAt);
    if (!noPods(ctx.status('stable')) || ctx.status('canary').ready < this.replicas) return 'wait';
    ctx.settle('Healthy');
    return 'continue';
  }
}

export function describeCanary(model: CanaryModel): StrategyDescription {
  const detectors = model.steps.flatMap((s, i) =>
    s.kind === 'analysis' ? [`analysis: step ${i} ${describeStep(s)}`] : [],
  );
  if (model.analysis) {
    const metrics = model.analysis.metrics.map((m) => m.name).join(', ');
    detectors.push(`analysis: background AnalysisRun from step ${model.analysis.startingStep} (${metrics})`);
  }
  const delay = model.abortScaleDownDelaySeconds;
  const wayBack = model.trafficRouting
    ? `abort: canary weight to 0 at once (header and mirror routes removed), ` +
      (delay === 0
        ? 'canary left running (abortScaleDownDelaySeconds 0)'
        : `canary scaled to 0 after ${delay}s`) +
      '; after promotion: v1 redeployed (weight back at once within 30s scaleDownDelay, else scale v1 up and switch when ready)'
    : `abort: replica-count split back to v1 (${formatFence(model.maxSurge, model.maxUnavailable)}), ` +
      'no router so no instant switch; after promotion: the same, redeploying v1';
  return { detectors, wayBack };
}
