/**
 * Argo Rollouts blue-green (rollout/bluegreen.go, rollout/service.go, rollout/analysis.go):
 * 1. the preview (v2) ReplicaSet comes up at previewReplicaCount (default R) while the
 *    active Service keeps selecting v1;
 * 2. prePromotionAnalysis starts once the preview is saturated (all its replicas created
 *    and available) and blocks the switch until Successful;
 * 3. then the BlueGreenPause: autoPromotionEnabled false waits for a human (none in a
 *    trial: the rollout settles, paused); autoPromotionSeconds > 0 waits that long;
 * 4. the preview is scaled to R, and once all R are available the active selector switches
 *    to v2 — all user traffic at once (fullyPromoted);
 * 5. postPromotionAnalysis runs after the switch; v1 stays at R meanwhile, so a failure
 *    switches back instantly;
 * 6. only once it is Successful does v2 become stable (promoteStable), and only then does
 *    the old ReplicaSet get its scale-down deadline: scaleDownDelaySeconds is counted from
 *    the end of postPromotionAnalysis, not from the switch. (Argo marks v1 with the
 *    deadline when it stops being the stable ReplicaSet; and with postPromotionAnalysis and
 *    no explicit scaleDownDelaySeconds, scaleDownOldReplicaSetsForBlueGreen also refuses to
 *    scale old ReplicaSets down before the run is Successful.)
 * Abort: the active selector back on v1, the preview scaled down abortScaleDownDelaySeconds
 * after v1 is fully available (0 = never).
 */
import type { Millis, StrategyModel } from '../scenario/model.js';
import {
  ACTIVE_CANARY,
  ACTIVE_STABLE,
  formatSpecDuration,
  scaleDownOldStable,
  switchBackSteps,
} from './shared.js';
import {
  type ReconcileStep,
  type RolloutContext,
  type Strategy,
  type StrategyDescription,
  step,
} from './strategy.js';

type BlueGreenModel = Extract<StrategyModel, { kind: 'blueGreen' }>;

export class BlueGreenStrategy implements Strategy {
  readonly kind = 'blueGreen';
  readonly rollout: readonly ReconcileStep[];
  readonly rollback: readonly ReconcileStep[];
  /** Argo's ScaleUpPreviewCheckPoint: pre-promotion analysis and pause are behind us. */
  private checkpoint = false;
  private pauseStartedAt: Millis | null = null;
  private switched = false;
  private stableScaleDownAt: Millis | null = null;

  constructor(
    private readonly model: BlueGreenModel,
    private readonly replicas: number,
  ) {
    this.rollout = [
      step('reconcileActiveService', (ctx) => {
        ctx.route(this.switched ? ACTIVE_CANARY : ACTIVE_STABLE);
        return 'continue';
      }),
      step('reconcilePreviewReplicaSet', (ctx) =>
        ctx.scale('canary', this.previewTarget()) ? 'wait' : 'continue',
      ),
      step('reconcilePrePromotionAnalysis', (ctx) => this.reconcilePrePromotionAnalysis(ctx)),
      step('reconcileBlueGreenPause', (ctx) => this.reconcileBlueGreenPause(ctx)),
      step('switchActiveService', (ctx) => this.switchActiveService(ctx)),
      step('reconcilePostPromotionAnalysis', (ctx) => {
        const post = this.model.postPromotionAnalysis;
        if (post === null) return 'continue';
        ctx.startRun('post-promotion', post);
        return ctx.runPhase('post-promotion') === 'Successful' ? 'continue' : 'wait';
      }),
      step('promoteStable', (ctx) => {
        if (!ctx.isPromoted()) {
          ctx.markPromoted();
          this.stableScaleDownAt = ctx.now() + model.scaleDownDelaySeconds * 1000;
        }
        return 'continue';
      }),
      step('scaleDownOldReplicaSet', (ctx) => scaleDownOldStable(ctx, this.stableScaleDownAt)),
    ];
    this.rollback = switchBackSteps({
      routing: ACTIVE_STABLE,
      scaleDownDelayMs:
        model.abortScaleDownDelaySeconds === 0 ? null : model.abortScaleDownDelaySeconds * 1000,
    });
  }

  /** Preview replicas before the checkpoint, R after (NewRSNewReplicas for blue-green). */
  private previewTarget(): number {
    const preview = this.model.previewReplicaCount;
    return preview !== null && !this.checkpoint ? preview : this.replicas;
  }

  /** All preview replicas created and available (skipPrePromotionAnalysisRun's saturation test). */
  private previewSaturated(ctx: RolloutContext): boolean {
    const want = this.model.previewReplicaCount ?? this.replicas;
    const canary = ctx.status('canary');
    return canary.replicas === want && canary.ready === want;
  }

  private reconcilePrePromotionAnalysis(ctx: RolloutContext): 'continue' | 'wait' {
    const pre = this.model.prePromotionAnalysis;
    if (this.checkpoint || pre === null) return 'continue';
    if (!this.previewSaturated(ctx)) return 'wait';
    ctx.startRun('pre-promotion', pre);
    return ctx.runPhase('pre-promotion') === 'Successful' ? 'continue' : 'wait';
  }

  private reconcileBlueGreenPause(ctx: RolloutContext): 'continue' | 'wait' {
    if (this.checkpoint) return 'continue';
    if (!this.previewSaturated(ctx)) return 'wait';
    if (!this.model.autoPromotionEnabled) {
      ctx.pause('BlueGreenPause: autoPromotionEnabled is false, waiting for a promote', null);
      return 'wait';
    }
    const seconds = this.model.autoPromotionSeconds ?? 0;
    if (seconds > 0) {
      if (this.pauseStartedAt === null) this.pauseStartedAt = ctx.now();
      const until = this.pauseStartedAt + seconds * 1000;
      if (ctx.now() < until) {
        ctx.pause(`BlueGreenPause: autoPromotionSeconds ${seconds}`, until);
        return 'wait';
      }
      ctx.resume();
    }
    this.checkpoint = true;
    ctx.requeueAt(ctx.now());
    return 'continue';
  }

  private switchActiveService(ctx: RolloutContext): 'continue' | 'wait' {
    if (this.switched) return 'continue';
    const canary = ctx.status('canary');
    if (canary.replicas !== this.replicas || canary.ready !== this.replicas) return 'wait';
    this.switched = true;
    ctx.route(ACTIVE_CANARY);
    ctx.markFullyPromoted();
    return 'continue';
  }
}

export function describeBlueGreen(model: BlueGreenModel): StrategyDescription {
  const detectors: string[] = [];
  const metrics = (a: { metrics: readonly { name: string }[] }) => a.metrics.map((m) => m.name).join(', ');
  if (model.prePromotionAnalysis)
    detectors.push(`analysis: prePromotionAnalysis (${metrics(model.prePromotionAnalysis)})`);
  if (model.postPromotionAnalysis) {
    detectors.push(`analysis: postPromotionAnalysis (${metrics(model.postPromotionAnalysis)})`);
  }
  const delay = model.abortScaleDownDelaySeconds;
  const preview =
    delay === 0
      ? 'preview left running (abortScaleDownDelaySeconds 0)'
      : `preview scaled down after ${delay}s`;
  return {
    detectors,
    wayBack:
      `abort: active selector switched back to v1, ${preview}; ` +
      `after promotion: v1 redeployed (switch back at once within scaleDownDelaySeconds ` +
      `${formatSpecDuration(model.scaleDownDelaySeconds * 1000)}, else scale v1 up and switch when ready)`,
  };
}
