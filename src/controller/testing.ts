/**
 * Test harness for the controller and strategies (flagger's style: a rollout scripted tick
 * by tick against fakes). A SimClock, a FakeTarget with R ready v1 pods, scripted analysis
 * and alerts, a journal, and helpers that render the control plane's calls and events as
 * short lines — "10s scale canary=2", "40s detected analysis canary-step-2" — so a test
 * reads as the timeline it asserts.
 */
import type { AnalysisRunner } from '../analysis/types.js';
import { SimClock } from '../clock/sim-clock.js';
import { Journal, type JournalEvent } from '../journal/journal.js';
import type {
  AlertRuleModel,
  BackgroundAnalysisModel,
  MetricModel,
  Millis,
  RolloutAnalysisModel,
  StrategyModel,
} from '../scenario/model.js';
import {
  type AnalysisScript,
  FakeAlertEvaluator,
  FakeAnalysisRunner,
} from '../targets/fake/fake-analysis.js';
import { describeRouting, type FakeCall, FakeTarget } from '../targets/fake/fake-target.js';
import { RolloutController } from './controller.js';

export interface HarnessOptions {
  readonly strategy: StrategyModel;
  readonly replicas?: number;
  /** Pod startup (creation → ready), ms. Default 10 s. */
  readonly startupMs?: Millis;
  /** Pod drain (terminate → gone), ms. Default 5 s. */
  readonly drainMs?: Millis;
  readonly script?: AnalysisScript;
  /** Replaces the scripted runner (for runners that misbehave in ways a script cannot). */
  readonly analysisRunner?: AnalysisRunner;
  readonly revertMigrationOnAbort?: boolean;
  readonly resyncMs?: Millis;
}

export interface Harness {
  readonly clock: SimClock;
  readonly target: FakeTarget;
  readonly analysis: FakeAnalysisRunner;
  readonly alerts: FakeAlertEvaluator;
  readonly journal: Journal;
  readonly controller: RolloutController;
  /** Run the simulation until `ms` (inclusive). */
  runUntil(ms: Millis): void;
  /** The controller's calls on the target, one line each. */
  calls(): string[];
  /** The control-plane journal events (not the world's), one line each. */
  events(): string[];
}

export function harness(options: HarnessOptions): Harness {
  const replicas = options.replicas ?? 4;
  const clock = new SimClock();
  const journal = new Journal(
    {
      scenario: 'test',
      strategy: options.strategy.name,
      strategyKind: options.strategy.kind,
      trial: 0,
      seed: 0,
      backend: 'fake',
      fidelity: 'tick',
      timeScale: 1,
      baselineErrorRate: 0,
      faultType: 'none',
      releaseAt: 0,
      detectors: [],
      wayBack: '',
    },
    60,
  );
  const target = new FakeTarget({
    clock,
    initial: { stable: replicas },
    startupMs: options.startupMs ?? 10_000,
    drainMs: options.drainMs ?? 5_000,
  });
  const analysis = new FakeAnalysisRunner(clock, options.script);
  const alerts = new FakeAlertEvaluator(clock);
  const controller = new RolloutController({
    clock,
    target,
    analysis: options.analysisRunner ?? analysis,
    alerts,
    journal,
    strategy: options.strategy,
    replicas,
    revertMigrationOnAbort: options.revertMigrationOnAbort,
    resyncMs: options.resyncMs,
  });
  return {
    clock,
    target,
    analysis,
    alerts,
    journal,
    controller,
    runUntil: (ms) => clock.runUntil(ms),
    calls: () => target.calls.map(formatCall),
    events: () => journal.events.flatMap((e) => formatEvent(e) ?? []),
  };
}

/** Seconds, compactly: 0, 10s, 12.5s. */
export function at(ms: Millis): string {
  return ms === 0 ? '0' : `${ms / 1000}s`;
}

export function formatCall(call: FakeCall): string {
  switch (call.op) {
    case 'scale':
      return `${at(call.t)} scale ${call.role}=${call.replicas}`;
    case 'route':
      return `${at(call.t)} route ${describeRouting(call.routing)}`;
    case 'setFlag':
      return `${at(call.t)} flag ${call.percent}`;
    case 'revertMigration':
      return `${at(call.t)} revertMigration`;
  }
}

/** Control-plane events only; the world's (routing, pod, flag, …) and the per-step scale echo are left out. */
export function formatEvent(e: JournalEvent): string | null {
  switch (e.type) {
    case 'releaseStarted':
    case 'fullyPromoted':
    case 'routingRestored':
    case 'migrationReverted':
      return `${at(e.t)} ${e.type}`;
    case 'step':
      return `${at(e.t)} step ${e.index} ${e.step}`;
    case 'paused':
      return `${at(e.t)} paused ${e.reason}`;
    case 'detected':
      return `${at(e.t)} detected ${e.by} ${e.source}`;
    case 'abort':
      return `${at(e.t)} abort ${e.reason}`;
    case 'completed':
      return `${at(e.t)} completed ${e.phase}`;
    default:
      return null;
  }
}

// ---- model builders ------------------------------------------------------------------------

export function metric(name: string, overrides: Partial<MetricModel> = {}): MetricModel {
  return {
    name,
    intervalMs: 30_000,
    initialDelayMs: 0,
    count: null,
    successCondition: 'result[0] <= 0.01',
    failureCondition: null,
    failureLimit: 0,
    inconclusiveLimit: 0,
    consecutiveErrorLimit: 4,
    consecutiveSuccessLimit: 0,
    provider: { kind: 'prometheus', query: 'vector(0)' },
    dryRun: false,
    ...overrides,
  };
}

export function analysis(...metrics: MetricModel[]): RolloutAnalysisModel {
  return { templateNames: ['default'], metrics: metrics.length > 0 ? metrics : [metric('error-rate')] };
}

export function background(startingStep: number, ...metrics: MetricModel[]): BackgroundAnalysisModel {
  return { ...analysis(...metrics), startingStep };
}

export function alert(name: string, forMs = 0): AlertRuleModel {
  return { name, expr: 'up == 0', forMs };
}
