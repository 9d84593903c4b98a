/**
 * AnalysisRuns with Argo Rollouts' semantics (analysis/analysis.go), scheduled on the
 * injected Clock. One reconcile, as in Argo's reconcileAnalysisRun: take every
 * measurement that is due, assess each metric, assess the run, and schedule the next
 * reconcile at the earliest time a measurement falls due. The rules themselves are in
 * analysis-run-assess.ts; what a single measurement means is in measurement.ts.
 *
 * Differences in timing from the real controller, all deliberate: a measurement due at
 * `t` is taken at exactly `t` (Argo's workqueue adds milliseconds), and when a metric's
 * failure makes the run terminate, the follow-up reconcile Argo needs happens at the same
 * instant.
 */
import type { Clock, TimerId } from '../clock/clock.js';
import { Priority } from '../clock/clock.js';
import type { AnalysisPhase, Journal } from '../journal/journal.js';
import type { MetricModel, Millis, RolloutAnalysisModel } from '../scenario/model.js';
import {
  assessMetric,
  assessRun,
  countMeasurement,
  emptyTally,
  isCompleted,
  isTerminating,
  type MetricTally,
  type MetricView,
  nextMeasurementAt,
} from './analysis-run-assess.js';
import { validateMetrics } from './analysis-run-validate.js';
import {
  assessMeasurement,
  compileMetricConditions,
  type MeasurementOutcome,
  type MetricConditions,
} from './measurement.js';
import type { AnalysisRunHandle, AnalysisRunner, MetricProvider, ProviderResult } from './types.js';

export interface AnalysisRunnerDeps {
  readonly clock: Clock;
  /** Takes the measurements; a dispatch over the providers by `metric.provider.kind`. */
  readonly provider: MetricProvider;
  /** Receives a `measurement` event per measurement and an `analysisRun` event per phase change. */
  readonly journal: Journal;
}

interface MetricRun extends MetricView {
  readonly conditions: MetricConditions;
  readonly tally: MetricTally;
  /** Bumped for every measurement asked for, so a late or repeated answer is ignored. */
  ticket: number;
}

/**
 * Create the AnalysisRunner the controller uses. Each `start` creates an AnalysisRun in
 * phase Pending (journaled) and reconciles it at the current instant; `onPhase` is called
 * on every later phase change, last with the terminal phase (also from inside
 * `terminate()`, synchronously).
 */
export function createAnalysisRunner(deps: AnalysisRunnerDeps): AnalysisRunner {
  return {
    start(
      name: string,
      analysis: RolloutAnalysisModel,
      onPhase: (phase: AnalysisPhase) => void,
    ): AnalysisRunHandle {
      const run = new AnalysisRun(deps, name, analysis.metrics, onPhase);
      return { name, phase: () => run.phase, terminate: () => run.terminate() };
    },
  };
}

class AnalysisRun {
  phase: AnalysisPhase = 'Pending';
  private readonly metrics: MetricRun[];
  private readonly startedAt: Millis;
  private readonly invalid: string | null;
  private terminateRequested = false;
  private measuring = false;
  private timer: TimerId | null = null;

  constructor(
    private readonly deps: AnalysisRunnerDeps,
    private readonly name: string,
    metrics: readonly MetricModel[],
    private readonly onPhase: (phase: AnalysisPhase) => void,
  ) {
    this.startedAt = deps.clock.now();
    this.invalid = validateMetrics(metrics);
    this.metrics = metrics.map((metric) => ({
      metric,
      conditions: compileMetricConditions(metric),
      tally: emptyTally(),
      ticket: 0,
    }));
    deps.journal.record({ t: this.startedAt, type: 'analysisRun', run: name, phase: 'Pending' });
    this.schedule(this.startedAt);
  }

  terminate(): void {
    if (isCompleted(this.phase)) return;
    this.terminateRequested = true;
    this.settle();
  }

  private schedule(at: Millis): void {
    if (this.timer !== null) this.deps.clock.cancel(this.timer);
    this.timer = this.deps.clock.at(at, () => this.reconcile(), Priority.measure);
  }

  private reconcile(): void {
    this.timer = null;
    if (isCompleted(this.phase)) return;
    if (this.invalid === null && !isTerminating(this.metrics, this.terminateRequested)) {
      const now = this.deps.clock.now();
      this.measuring = true;
      for (const m of this.metrics) {
        const due = nextMeasurementAt(m.metric, m.tally, this.startedAt);
        if (due !== null && due <= now) this.measure(m, now);
      }
      this.measuring = false;
    }
    this.settle();
  }

  private measure(m: MetricRun, now: Millis): void {
    m.tally.measurements++;
    m.tally.inFlight = true;
    const ticket = ++m.ticket;
    const done = (result: ProviderResult): void => {
      if (ticket !== m.ticket || !m.tally.inFlight || isCompleted(this.phase)) return;
      this.finishMeasurement(m, assessMeasurement(m.conditions, result));
      if (!this.measuring) this.settle();
    };
    try {
      this.deps.provider.measure(m.metric, now, done);
    } catch (e) {
      // A provider must answer with data; one that throws is recorded like a failed query.
      done({ ok: false, error: `provider failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private finishMeasurement(m: MetricRun, outcome: MeasurementOutcome): void {
    const t = this.deps.clock.now();
    m.tally.inFlight = false;
    countMeasurement(m.tally, outcome.phase, t);
    this.deps.journal.record({
      t,
      type: 'measurement',
      run: this.name,
      metric: m.metric.name,
      phase: outcome.phase,
      value: outcome.value,
      dryRun: m.metric.dryRun,
      ...(outcome.message === undefined ? {} : { message: outcome.message }),
    });
  }

  /** Assess the metrics and the run, then schedule the next reconcile if the run goes on. */
  private settle(): void {
    if (this.invalid !== null) {
      this.setPhase('Error', `Analysis spec invalid: ${this.invalid}`);
      return;
    }
    // A metric ending Failed/Error/Inconclusive makes the run terminate; Argo notices on
    // its next reconcile, which here is a second pass at the same instant.
    for (let pass = 0; pass < 2; pass++) {
      const terminating = isTerminating(this.metrics, this.terminateRequested);
      if (terminating) this.terminateInFlight();
      for (const m of this.metrics) {
        const assessed = assessMetric(m.metric, m.tally, terminating);
        m.tally.phase = assessed.phase;
        m.tally.message = assessed.message;
      }
      if (isTerminating(this.metrics, this.terminateRequested) === terminating) break;
    }
    const run = assessRun(
      this.metrics,
      isTerminating(this.metrics, this.terminateRequested),
      this.terminateRequested,
    );
    this.setPhase(run.phase, run.message);
    if (isCompleted(this.phase)) return;
    const next = this.metrics
      .map((m) => nextMeasurementAt(m.metric, m.tally, this.startedAt))
      .filter((t): t is Millis => t !== null);
    if (next.length > 0) this.schedule(Math.min(...next));
  }

  /** Argo terminates in-flight measurements through the provider, which marks them Successful. */
  private terminateInFlight(): void {
    for (const m of this.metrics) {
      if (!m.tally.inFlight) continue;
      m.ticket++;
      this.finishMeasurement(m, { phase: 'Successful', value: '', message: 'Metric Terminated' });
    }
  }

  private setPhase(phase: AnalysisPhase, message: string): void {
    if (phase === this.phase) return;
    this.phase = phase;
    if (isCompleted(phase) && this.timer !== null) {
      this.deps.clock.cancel(this.timer);
      this.timer = null;
    }
    this.deps.journal.record({
      t: this.deps.clock.now(),
      type: 'analysisRun',
      run: this.name,
      phase,
      ...(message === '' ? {} : { message }),
    });
    this.onPhase(phase);
  }
}
