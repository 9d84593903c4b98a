/**
 * Where a canary (or feature-flag rollout) is in its steps: Argo's status.currentStepIndex
 * and the pause condition of the current pause step. Shared by canary.ts and feature-flag.ts.
 */
import type { CanaryStepModel, Millis } from '../scenario/model.js';
import { formatSpecDuration } from './shared.js';
import type { RolloutContext, StepResult } from './strategy.js';

export class StepProgress {
  /** Index of the current step; steps.length once all are done. */
  index = 0;
  private pauseStartedAt: Millis | null = null;

  constructor(readonly steps: readonly CanaryStepModel[]) {}

  get done(): boolean {
    return this.index >= this.steps.length;
  }

  current(): CanaryStepModel | undefined {
    return this.steps[this.index];
  }

  /** Journal the step in force (idempotent: only a change of index is journaled). */
  announce(ctx: RolloutContext): void {
    ctx.enterStep(this.index, this.done ? 'all steps complete' : describeStep(this.steps[this.index]));
  }

  /**
   * Argo's reconcileCanaryPause: a pause step pauses the rollout when reached; with a
   * duration it resumes by itself, without one (`pause: {}`) it waits for a promote that
   * never comes in a trial.
   */
  reconcilePause(ctx: RolloutContext): StepResult {
    const s = this.current();
    if (s?.kind !== 'pause') return 'continue';
    if (this.pauseStartedAt === null) this.pauseStartedAt = ctx.now();
    const until = s.durationMs === null ? null : this.pauseStartedAt + s.durationMs;
    if (until !== null && ctx.now() >= until) return 'continue';
    ctx.pause(`CanaryPauseStep: step ${this.index} (${describeStep(s)})`, until);
    return 'wait';
  }

  /** The current pause step's duration has passed (CompletedCanaryPauseStep). */
  pauseCompleted(ctx: RolloutContext): boolean {
    const s = this.current();
    return (
      s?.kind === 'pause' &&
      s.durationMs !== null &&
      this.pauseStartedAt !== null &&
      ctx.now() >= this.pauseStartedAt + s.durationMs
    );
  }

  /** Move to the next step (journaled). */
  next(ctx: RolloutContext): void {
    this.index += 1;
    this.pauseStartedAt = null;
    ctx.resume();
    this.announce(ctx);
  }
}

/** "setWeight 20", "pause 1m", "analysis error-rate" — a step for humans and the journal. */
export function describeStep(s: CanaryStepModel): string {
  switch (s.kind) {
    case 'setWeight':
      return `setWeight ${s.weight}`;
    case 'pause':
      return s.durationMs === null ? 'pause (until promoted)' : `pause ${formatSpecDuration(s.durationMs)}`;
    case 'analysis':
      return `analysis ${s.analysis.metrics.map((m) => m.name).join(', ')}`;
    case 'setHeaderRoute':
      return s.match.length === 0 ? `setHeaderRoute ${s.name} (remove)` : `setHeaderRoute ${s.name}`;
    case 'setMirrorRoute':
      return s.enabled ? `setMirrorRoute ${s.name} ${s.percentage}%` : `setMirrorRoute ${s.name} (remove)`;
    case 'setCanaryScale':
      if (s.matchTrafficWeight) return 'setCanaryScale matchTrafficWeight';
      return s.replicas !== null
        ? `setCanaryScale replicas ${s.replicas}`
        : `setCanaryScale weight ${s.weight}`;
  }
}
