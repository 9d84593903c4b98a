/**
 * One interface for the six deployment strategies. A strategy reads as argo-rollouts'
 * rollout/canary.go and bluegreen.go do: a short list of named reconcile steps over a
 * shared context. Each reconcile (the controller's `advance()`) runs the steps in order
 * until one of them has to wait for the world (pods becoming ready, a pause, an
 * AnalysisRun); the next reconcile starts again from the first step, so every step must be
 * idempotent — it compares what it wants with what the world has and acts on the
 * difference, exactly like a Kubernetes controller.
 *
 * Strategies never touch the Target, the Clock or the Journal directly: everything goes
 * through the RolloutContext, which journals control-plane events and requeues reconciles.
 */
import type { AnalysisPhase, Detector } from '../journal/journal.js';
import type { Millis, RolloutAnalysisModel, StrategyKind } from '../scenario/model.js';
import type { ReplicaSetStatus, Role, Routing } from '../targets/target.js';

/** What a reconcile step tells the controller: go on with the next step, or stop here for now. */
export type StepResult = 'continue' | 'wait';

export interface ReconcileStep {
  /** Named after the Argo / Kubernetes function it mirrors (reconcileTrafficRouting, …). */
  readonly name: string;
  run(ctx: RolloutContext): StepResult;
}

/** Build a named step (a tiny helper so strategy files read as a list). */
export function step(name: string, run: (ctx: RolloutContext) => StepResult): ReconcileStep {
  return { name, run };
}

/** The first failure declared by a detector; it starts the way back. */
export interface Detection {
  readonly at: Millis;
  readonly by: Detector;
  /** AnalysisRun name or alert name. */
  readonly source: string;
  /**
   * Whether the new version had already replaced the old as stable (Argo's promoteStable):
   * the way back is then an undo (redeploy v1) rather than an abort.
   */
  readonly afterPromotion: boolean;
}

/** How a rollout came to rest: see RolloutController.settledAt(). */
export type SettledAs = 'Healthy' | 'Degraded';

export interface RolloutContext {
  /** The strategy's name from the scenario; AnalysisRuns are named `${name}-${key}`. */
  readonly name: string;
  /** Desired replicas of the service (Rollout spec.replicas), R. */
  readonly replicas: number;
  now(): Millis;
  status(role: Role): ReplicaSetStatus;

  /** Set a ReplicaSet's spec.replicas; journals `scale`. Returns false when already there. */
  scale(role: Role, replicas: number): boolean;
  /** Change routing; returns false when it is already the routing last set. */
  route(routing: Routing): boolean;
  /** The routing this controller last set, or null before the first `route`. */
  currentRouting(): Routing | null;
  /** Set the feature flag percentage (0 = kill switch); returns false when unchanged. */
  setFlag(percent: number): boolean;

  /** Start the AnalysisRun `key` unless it was already started (idempotent). */
  startRun(key: string, analysis: RolloutAnalysisModel): void;
  /** Phase of the run `key`, or null when it was never started. */
  runPhase(key: string): AnalysisPhase | null;
  /** Terminate the run `key` if it is still running (its running metrics count as Successful). */
  terminateRun(key: string): void;
  terminateAllRuns(): void;

  /** Reconcile again at `at` (a pause ending, a scale-down delay expiring). */
  requeueAt(at: Millis): void;

  /** The canary/flag step index moved: journals `step`, updates the status. */
  enterStep(index: number, description: string): void;
  /**
   * Pause the rollout (phase Paused; journals `paused`). `until` null means until a human
   * promotes — there is none in a simulated trial, so the rollout settles, paused.
   */
  pause(reason: string, until: Millis | null): void;
  /** End a timed pause. */
  resume(): void;
  /** All user traffic is on the new version (journals `fullyPromoted` once). */
  markFullyPromoted(): void;
  /** The new version became stable (Argo's promoteStable); later detections undo. */
  markPromoted(): void;
  isPromoted(): boolean;
  /** User traffic is back on v1: routing, selector or flag restored (journals `routingRestored` once). */
  markRoutingRestored(): void;
  /** Nothing more will happen by itself (journals `completed`). */
  settle(as: SettledAs): void;

  /** The detection that started the way back, or null while the release goes forward. */
  detection(): Detection | null;
}

export interface Strategy {
  readonly kind: StrategyKind;
  /** The release, step by step. */
  readonly rollout: readonly ReconcileStep[];
  /** The way back after the first detection (abort before promotion, undo after it). */
  readonly rollback: readonly ReconcileStep[];
}

/** For the report: "which detector and which way back each strategy used". */
export interface StrategyDescription {
  readonly detectors: readonly string[];
  readonly wayBack: string;
}

/**
 * Run steps in order until one waits, or until `interrupted()` says the pass must end (a
 * detection raised by a step's own action, e.g. an AnalysisRun that fails as it starts).
 * Returns the name of the step that stopped the pass, or null when all ran.
 */
export function runSteps(
  steps: readonly ReconcileStep[],
  ctx: RolloutContext,
  interrupted: () => boolean = () => false,
): string | null {
  for (const s of steps) {
    if (s.run(ctx) === 'wait' || interrupted()) return s.name;
  }
  return null;
}
