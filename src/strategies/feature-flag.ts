/**
 * Feature flag: v2's code is already deployed, dark, behind a flag; the release is the
 * flag's percentage rollout. Steps as a canary's — setWeight sets the flag percentage (of
 * users, by user id), pause and analysis as in Argo — with background analysis of the
 * flagged cohort from `startingStep`. After the last step the flag goes to 100%
 * (fullyPromoted). The way back is the kill switch: the flag to 0 at once, no deployment.
 */
import type { StrategyModel } from '../scenario/model.js';
import { currentSetWeight } from './canary-math.js';
import { terminateAnalysisRuns } from './shared.js';
import { describeStep, StepProgress } from './step-progress.js';
import {
  type ReconcileStep,
  type RolloutContext,
  type Strategy,
  type StrategyDescription,
  step,
} from './strategy.js';

type FeatureFlagModel = Extract<StrategyModel, { kind: 'featureFlag' }>;

export class FeatureFlagStrategy implements Strategy {
  readonly kind = 'featureFlag';
  readonly rollout: readonly ReconcileStep[];
  readonly rollback: readonly ReconcileStep[];
  private readonly progress: StepProgress;

  constructor(private readonly model: FeatureFlagModel) {
    for (const s of model.steps) {
      if (s.kind !== 'setWeight' && s.kind !== 'pause' && s.kind !== 'analysis') {
        throw new Error(
          `featureFlag strategy ${model.name}: step ${s.kind} is not supported (setWeight, pause, analysis)`,
        );
      }
    }
    this.progress = new StepProgress(model.steps);
    this.rollout = [
      step('reconcileAnalysisRuns', (ctx) => this.reconcileAnalysisRuns(ctx)),
      step('reconcileFlag', (ctx) => {
        const percent = currentSetWeight(model.steps, this.progress.index);
        ctx.setFlag(percent);
        if (percent === 100) ctx.markFullyPromoted();
        return 'continue';
      }),
      step('reconcilePause', (ctx) => this.progress.reconcilePause(ctx)),
      step('completeCurrentStep', (ctx) => this.completeCurrentStep(ctx)),
    ];
    this.rollback = [
      step('killSwitch', (ctx) => {
        ctx.setFlag(0);
        ctx.markRoutingRestored();
        return 'continue';
      }),
      terminateAnalysisRuns,
      step('syncRollbackStatus', (ctx) => {
        ctx.settle('Degraded');
        return 'continue';
      }),
    ];
  }

  private reconcileAnalysisRuns(ctx: RolloutContext): 'continue' {
    this.progress.announce(ctx);
    const s = this.progress.current();
    if (s?.kind === 'analysis') ctx.startRun(`step-${this.progress.index}`, s.analysis);
    const background = this.model.analysis;
    if (background && !ctx.isPromoted() && this.progress.index >= background.startingStep) {
      ctx.startRun('background', background);
    }
    return 'continue';
  }

  private completeCurrentStep(ctx: RolloutContext): 'continue' | 'wait' {
    const s = this.progress.current();
    if (s === undefined) {
      ctx.terminateRun('background');
      ctx.markPromoted();
      ctx.settle('Healthy');
      return 'continue';
    }
    const completed =
      s.kind === 'setWeight' ||
      (s.kind === 'pause' && this.progress.pauseCompleted(ctx)) ||
      (s.kind === 'analysis' && ctx.runPhase(`step-${this.progress.index}`) === 'Successful');
    if (completed) this.progress.next(ctx);
    return 'wait';
  }
}

export function describeFeatureFlag(model: FeatureFlagModel): StrategyDescription {
  const detectors = model.steps.flatMap((s, i) =>
    s.kind === 'analysis'
      ? [`analysis: step ${i} AnalysisRun on the flagged cohort (${describeStep(s)})`]
      : [],
  );
  if (model.analysis) {
    const metrics = model.analysis.metrics.map((m) => m.name).join(', ');
    detectors.push(
      `analysis: background AnalysisRun on the flagged cohort from step ${model.analysis.startingStep} (${metrics})`,
    );
  }
  return { detectors, wayBack: 'kill switch: flag set to 0% at once, no deployment' };
}
