/**
 * Shadow (dark launch): v2 runs R pods beside v1, users stay on v1, and `mirrorPercent` of
 * their requests are copied to v2 with the responses thrown away — a faulty v2 hurts no
 * user, at the cost of the mirrored load. Not an Argo strategy of its own (Argo mirrors with
 * a canary's setMirrorRoute); the lab runs it as:
 * 1. scale v2 to R; once all R are ready, start mirroring and the AnalysisRun on the shadow;
 * 2. after `duration`, with the run Successful, promote: the Service selector switches to
 *    v2 (fullyPromoted) and v1 is scaled down 30 s later (Argo's default scaleDownDelay).
 *    A run with an unbounded metric (an interval and no count) is terminated when the
 *    duration ends — Argo counts the metrics still running as Successful; a bounded run is
 *    waited for.
 * Failure: mirroring stopped, v2 scaled down. After promotion (an alert): v1 redeployed,
 * switching back at once if its pods still exist, else when they are ready again.
 */
import type { Millis, RolloutAnalysisModel, StrategyModel } from '../scenario/model.js';
import type { Routing } from '../targets/target.js';
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

type ShadowModel = Extract<StrategyModel, { kind: 'shadow' }>;

/** Delay before v1 is scaled down after the switch, ms (Argo's DefaultScaleDownDelaySeconds). */
export const SHADOW_SCALE_DOWN_DELAY_MS = 30_000;
const RUN = 'shadow';

/** A run that would measure until terminated. */
function unbounded(analysis: RolloutAnalysisModel): boolean {
  return analysis.metrics.some((m) => m.count === null && m.intervalMs !== null);
}

export class ShadowStrategy implements Strategy {
  readonly kind = 'shadow';
  readonly rollout: readonly ReconcileStep[];
  readonly rollback: readonly ReconcileStep[];
  private mirroringSince: Millis | null = null;
  private switched = false;
  private stableScaleDownAt: Millis | null = null;

  constructor(private readonly model: ShadowModel) {
    const mirroring: Routing = { ...ACTIVE_STABLE, mirrorPercent: model.mirrorPercent };
    this.rollout = [
      step('reconcileService', (ctx) => {
        ctx.route(this.switched ? ACTIVE_CANARY : this.mirroringSince !== null ? mirroring : ACTIVE_STABLE);
        return 'continue';
      }),
      step('scaleUpShadow', (ctx) => (ctx.scale('canary', ctx.replicas) ? 'wait' : 'continue')),
      step('startMirroring', (ctx) => {
        if (this.mirroringSince !== null) return 'continue';
        if (ctx.status('canary').ready < ctx.replicas) return 'wait';
        this.mirroringSince = ctx.now();
        ctx.route(mirroring);
        if (model.analysis) ctx.startRun(RUN, model.analysis);
        return 'continue';
      }),
      step('watchShadow', (ctx) => this.watchShadow(ctx)),
      step('promote', (ctx) => {
        if (!this.switched) {
          this.switched = true;
          ctx.route(ACTIVE_CANARY);
          ctx.markFullyPromoted();
          ctx.markPromoted();
          this.stableScaleDownAt = ctx.now() + SHADOW_SCALE_DOWN_DELAY_MS;
        }
        return 'continue';
      }),
      step('scaleDownOldReplicaSet', (ctx) => scaleDownOldStable(ctx, this.stableScaleDownAt)),
    ];
    // Mirroring off and the selector on v1 is the same routing; v2 goes at once.
    this.rollback = switchBackSteps({ routing: ACTIVE_STABLE, scaleDownDelayMs: 0 });
  }

  private watchShadow(ctx: RolloutContext): 'continue' | 'wait' {
    if (this.switched) return 'continue';
    if (this.mirroringSince === null) return 'wait';
    const end = this.mirroringSince + this.model.durationMs;
    if (ctx.now() < end) {
      ctx.requeueAt(end);
      return 'wait';
    }
    const analysis = this.model.analysis;
    if (analysis === null) return 'continue';
    const phase = ctx.runPhase(RUN);
    if (phase === 'Successful') return 'continue';
    if ((phase === 'Running' || phase === 'Pending') && unbounded(analysis)) ctx.terminateRun(RUN);
    return 'wait';
  }
}

export function describeShadow(model: ShadowModel): StrategyDescription {
  return {
    detectors: model.analysis
      ? [`analysis: AnalysisRun on the shadow (${model.analysis.metrics.map((m) => m.name).join(', ')})`]
      : [],
    wayBack:
      `abort: mirroring (${model.mirrorPercent}%) stopped, v2 scaled down — no user was on v2; ` +
      `after promotion (after ${formatSpecDuration(model.durationMs)} of shadow): v1 redeployed ` +
      '(switch back at once within 30s, else scale v1 up and switch when ready)',
  };
}
