/**
 * The rollout controller: Argo Rollouts' reconcile loop (flagger's advanceCanary), written
 * once for every world. It only uses the Clock, the Target, the AnalysisRunner, the
 * AlertEvaluator and the Journal, so it cannot tell a simulated cluster from real processes
 * or Kubernetes.
 *
 * Reconciliation is event-driven and deterministic: one `advance()` is one reconcile — the
 * strategy's named steps run in order until one waits. A reconcile is queued (deduplicated,
 * at Priority.reconcile) on every target event, AnalysisRun phase change, alert firing,
 * strategy timer and world change made by the previous reconcile, plus a slow resync as a
 * safety net. Ties on the simulated clock are broken by priority, then scheduling order, so
 * the same inputs give the same journal.
 *
 * Detection: the first Failed or Error AnalysisRun of the strategy, or the first firing alert
 * of `strategy.alerts` (watched from the release start until stop()), is journaled as
 * `detected` + `abort`, and from then on the strategy's rollback steps run. An Inconclusive
 * run pauses the release (Argo's InconclusiveAnalysis pause); with no human to promote or
 * abort, it stays paused — but alerts and other runs can still detect.
 */
import type { AlertEvaluator, AlertWatch, AnalysisRunner } from '../analysis/types.js';
import type { Clock, TimerId } from '../clock/clock.js';
import { Priority } from '../clock/clock.js';
import type { AnalysisPhase, Detector, Journal } from '../journal/journal.js';
import type { Millis, StrategyModel } from '../scenario/model.js';
import { createStrategy } from '../strategies/factory.js';
import { type Detection, runSteps, type Strategy } from '../strategies/strategy.js';
import type { Target } from '../targets/target.js';
import { ControllerContext, type RolloutPhase } from './context.js';

export type { RolloutPhase } from './context.js';

export interface RolloutControllerOptions {
  readonly clock: Clock;
  readonly target: Target;
  readonly analysis: AnalysisRunner;
  readonly alerts: AlertEvaluator;
  readonly journal: Journal;
  readonly strategy: StrategyModel;
  /** Desired replicas of the service (Rollout spec.replicas). */
  readonly replicas: number;
  /** The fault is a DB migration with a down migration: run it as part of the way back. */
  readonly revertMigrationOnAbort?: boolean;
  /** Period of the safety-net resync while the rollout is not settled, ms. Default 30 000. */
  readonly resyncMs?: Millis;
}

/** How the rollout came to rest. */
export type SettledState =
  /** Promoted: all user traffic on v2, old pods scaled down. */
  | 'Healthy'
  /** Aborted or undone: user traffic back on v1, v2 scaled down per its delay (or left up when the delay is 0 = never). */
  | 'Degraded'
  /** Paused with no one to resume it: an Inconclusive AnalysisRun, `pause: {}`, or blue-green without auto-promotion. */
  | 'Paused';

export interface RolloutStatus {
  readonly phase: RolloutPhase;
  /** Index of the current canary / feature-flag step (steps.length once all are done); null for other strategies. */
  readonly currentStepIndex: number | null;
  readonly abortedAt: Millis | null;
  readonly fullyPromotedAt: Millis | null;
  /** When the new version replaced the old as stable. */
  readonly promotedAt: Millis | null;
  /** When user traffic was back on v1 during the way back (control-plane part of the rollback). */
  readonly routingRestoredAt: Millis | null;
  readonly detection: Detection | null;
  readonly settledAt: Millis | null;
  readonly settledAs: SettledState | null;
  /** The reason of the pause in force. */
  readonly pausedFor: string | null;
  /** The reconcile step the last reconcile stopped at, waiting for the world. */
  readonly waitingOn: string | null;
}

/** Reconciles at one instant beyond this mean a step is not idempotent: fail loudly. */
const MAX_RECONCILES_PER_INSTANT = 10_000;

export class RolloutController {
  private readonly clock: Clock;
  private readonly strategy: Strategy;
  private readonly ctx: ControllerContext;
  private readonly resyncMs: Millis;
  private started = false;
  private stopped = false;
  private pending: TimerId | null = null;
  private resync: TimerId | null = null;
  private alertWatch: AlertWatch | null = null;
  private waitingOn: string | null = null;
  private instant = Number.NaN;
  private reconcilesAtInstant = 0;

  constructor(private readonly options: RolloutControllerOptions) {
    if (!Number.isInteger(options.replicas) || options.replicas < 1) {
      throw new Error(`replicas must be a positive integer, got ${options.replicas}`);
    }
    this.clock = options.clock;
    this.resyncMs = options.resyncMs ?? 30_000;
    this.strategy = createStrategy(options.strategy, options.replicas);
    this.ctx = new ControllerContext({
      clock: options.clock,
      target: options.target,
      analysis: options.analysis,
      journal: options.journal,
      name: options.strategy.name,
      replicas: options.replicas,
      enqueue: () => this.enqueue(),
      onRunPhase: (name, phase) => this.onRunPhase(name, phase),
    });
  }

  /** Begin the release at the current time. */
  start(): void {
    if (this.started) throw new Error('rollout already started');
    this.started = true;
    this.options.journal.record({ t: this.clock.now(), type: 'releaseStarted' });
    this.options.target.subscribe((event) => {
      if (event.type !== 'faultOnset') this.enqueue();
    });
    if (this.options.strategy.alerts.length > 0) {
      this.alertWatch = this.options.alerts.watch(this.options.strategy.alerts, (rule) =>
        this.detect('alert', rule.name, `alert ${rule.name} firing`),
      );
    }
    this.advance();
  }

  /**
   * One reconcile. Called by the controller's own queue; public so a test or a drill can
   * step it by hand.
   */
  advance(): void {
    if (!this.started || this.stopped) return;
    this.guardAgainstLoops();
    const ctx = this.ctx;
    if (ctx.detection()) {
      this.waitingOn = runSteps(this.strategy.rollback, ctx);
    } else if (ctx.haltedBy === null) {
      this.waitingOn = runSteps(
        this.strategy.rollout,
        ctx,
        () => ctx.detection() !== null || ctx.haltedBy !== null,
      );
    }
    this.armResync();
  }

  /** A person declares failure (the drill's key press): the human detector. */
  abort(reason = 'abort requested'): void {
    this.detect('human', 'human', reason);
  }

  /** Stop reconciling and watching: timers cancelled, alert watch stopped, runs terminated. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pending !== null) this.clock.cancel(this.pending);
    if (this.resync !== null) this.clock.cancel(this.resync);
    this.pending = this.resync = null;
    this.ctx.cancelTimers();
    this.alertWatch?.stop();
    this.ctx.terminateAllRuns();
  }

  status(): RolloutStatus {
    const c = this.ctx;
    return {
      phase: c.phase,
      currentStepIndex: c.stepIndex,
      abortedAt: c.abortedAt,
      fullyPromotedAt: c.fullyPromotedAt,
      promotedAt: c.promotedAt,
      routingRestoredAt: c.routingRestoredAt,
      detection: c.detection(),
      settledAt: c.settledAt,
      settledAs: c.settledAs,
      pausedFor: c.pausedFor,
      waitingOn: this.waitingOn,
    };
  }

  /**
   * When the rollout reached a state where nothing more happens by itself (see SettledState),
   * or null while something still will. It can go back to null: an alert after promotion
   * starts an undo, a background run can still fail during an indefinite pause — so a trial
   * runner should re-read it before ending the trial `observeAfter` later.
   */
  settledAt(): Millis | null {
    return this.ctx.settledAt;
  }

  // ---- detectors -------------------------------------------------------------------------

  private onRunPhase(name: string, phase: AnalysisPhase): void {
    if (phase === 'Failed' || phase === 'Error') {
      this.detect('analysis', name, `AnalysisRun ${name} ${phase}`);
    } else if (phase === 'Inconclusive' && this.ctx.detection() === null && this.ctx.haltedBy === null) {
      this.ctx.haltedBy = name;
      this.ctx.pause(`InconclusiveAnalysis: AnalysisRun ${name} Inconclusive`, null);
    }
  }

  private detect(by: Detector, source: string, reason: string): void {
    if (!this.started || this.stopped || this.ctx.detection()) return;
    const now = this.clock.now();
    const afterPromotion = this.ctx.isPromoted();
    const journal = this.options.journal;
    journal.record({ t: now, type: 'detected', by, source });
    journal.record({ t: now, type: 'abort', reason: afterPromotion ? `${reason}: rollout undo` : reason });
    this.ctx.beginRollback({ at: now, by, source, afterPromotion });
    // The rollback runbook's data step starts with the abort; the traffic steps follow in
    // the reconcile queued at this same instant.
    if (this.options.revertMigrationOnAbort) this.ctx.revertMigration();
  }

  // ---- queue -----------------------------------------------------------------------------

  private enqueue(): void {
    if (!this.started || this.stopped || this.pending !== null) return;
    this.pending = this.clock.at(
      this.clock.now(),
      () => {
        this.pending = null;
        this.advance();
      },
      Priority.reconcile,
    );
  }

  /** Keep one resync pending while the rollout is not settled, none once it is. */
  private armResync(): void {
    if (this.ctx.settledAt !== null && this.resync !== null) {
      this.clock.cancel(this.resync);
      this.resync = null;
    }
    if (this.stopped || this.resync !== null || this.ctx.settledAt !== null) return;
    this.resync = this.clock.after(
      this.resyncMs,
      () => {
        this.resync = null;
        this.enqueue();
      },
      Priority.reconcile,
    );
  }

  private guardAgainstLoops(): void {
    const now = this.clock.now();
    if (now !== this.instant) {
      this.instant = now;
      this.reconcilesAtInstant = 0;
    }
    this.reconcilesAtInstant += 1;
    if (this.reconcilesAtInstant > MAX_RECONCILES_PER_INSTANT) {
      throw new Error(
        `rollout ${this.options.strategy.name}: more than ${MAX_RECONCILES_PER_INSTANT} reconciles at t=${now} ms ` +
          `(last waiting on ${this.waitingOn ?? 'nothing'}): a reconcile step keeps changing the world`,
      );
    }
  }
}

export { describeStrategy } from '../strategies/factory.js';
