/**
 * The pure rules of an Argo Rollouts AnalysisRun (analysis/analysis.go,
 * utils/analysis/helpers.go): how a metric's tally of measurements becomes its phase,
 * when its next measurement is due, and how the metrics' phases become the run's phase.
 * Times are milliseconds of scenario time.
 */
import type { AnalysisPhase, MeasurementPhase } from '../journal/journal.js';
import type { MetricModel, Millis } from '../scenario/model.js';

/** analysis.go DefaultErrorRetryInterval: after an Error, the next try is 10 s later, whatever `interval` is. */
export const ERROR_RETRY_INTERVAL_MS: Millis = 10_000;

/** A metric's counters, as Argo's MetricResult keeps them. */
export interface MetricTally {
  /** Measurements started (Argo: len(measurements)); 0 means the metric has no result yet. */
  measurements: number;
  /** Successful + Failed + Inconclusive: Errors do not count. */
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  consecutiveError: number;
  consecutiveSuccess: number;
  /** A measurement was asked for and its provider has not answered yet. */
  inFlight: boolean;
  lastPhase: MeasurementPhase | null;
  lastFinishedAt: Millis | null;
  /** The metric's phase: Pending until its first measurement, Running, then terminal. */
  phase: AnalysisPhase;
  /** Why the metric ended as it did ("failed (2) > failureLimit (1)"), "" otherwise. */
  message: string;
}

export function emptyTally(): MetricTally {
  return {
    measurements: 0,
    count: 0,
    successful: 0,
    failed: 0,
    inconclusive: 0,
    error: 0,
    consecutiveError: 0,
    consecutiveSuccess: 0,
    inFlight: false,
    lastPhase: null,
    lastFinishedAt: null,
    phase: 'Pending',
    message: '',
  };
}

/** Update the counters with a finished measurement (analysis.go runMeasurements). */
export function countMeasurement(tally: MetricTally, phase: MeasurementPhase, at: Millis): void {
  switch (phase) {
    case 'Successful':
      tally.successful++;
      tally.count++;
      tally.consecutiveError = 0;
      tally.consecutiveSuccess++;
      break;
    case 'Failed':
      tally.failed++;
      tally.count++;
      tally.consecutiveError = 0;
      tally.consecutiveSuccess = 0;
      break;
    case 'Inconclusive':
      tally.inconclusive++;
      tally.count++;
      tally.consecutiveError = 0;
      tally.consecutiveSuccess = 0;
      break;
    case 'Error':
      tally.error++;
      tally.consecutiveError++;
      tally.consecutiveSuccess = 0;
      break;
  }
  tally.lastPhase = phase;
  tally.lastFinishedAt = at;
}

export function isCompleted(phase: AnalysisPhase): boolean {
  return phase === 'Successful' || phase === 'Failed' || phase === 'Error' || phase === 'Inconclusive';
}

/** Metric.EffectiveCount: no count (or 0) and no interval → 1; only an interval → unbounded (null). */
export function effectiveCount(metric: MetricModel): number | null {
  if (metric.count === null || metric.count === 0) return metric.intervalMs === null ? 1 : null;
  return metric.count;
}

export interface Assessment {
  readonly phase: AnalysisPhase;
  readonly message: string;
}

/**
 * assessMetricFailureInconclusiveOrError: checked in this order, a later match overriding
 * an earlier one — failed > failureLimit (strictly; -1 disables), inconclusive >
 * inconclusiveLimit, consecutiveError > consecutiveErrorLimit.
 */
export function limitBreach(metric: MetricModel, tally: MetricTally): Assessment | null {
  let breach: Assessment | null = null;
  if (metric.failureLimit >= 0 && tally.failed > metric.failureLimit) {
    breach = { phase: 'Failed', message: `failed (${tally.failed}) > failureLimit (${metric.failureLimit})` };
  }
  if (tally.inconclusive > metric.inconclusiveLimit) {
    breach = {
      phase: 'Inconclusive',
      message: `inconclusive (${tally.inconclusive}) > inconclusiveLimit (${metric.inconclusiveLimit})`,
    };
  }
  if (tally.consecutiveError > metric.consecutiveErrorLimit) {
    breach = {
      phase: 'Error',
      message: `consecutiveErrors (${tally.consecutiveError}) > consecutiveErrorLimit (${metric.consecutiveErrorLimit})`,
    };
  }
  return breach;
}

/**
 * assessMetricStatus: the metric's phase from its tally. `terminating` is true when the
 * run was asked to stop or another (non-dry-run) metric already ended Failed, Error or
 * Inconclusive; a metric still going then counts as Successful.
 */
export function assessMetric(metric: MetricModel, tally: MetricTally, terminating: boolean): Assessment {
  if (isCompleted(tally.phase)) return { phase: tally.phase, message: tally.message };
  if (tally.measurements === 0) return { phase: terminating ? 'Successful' : 'Pending', message: '' };
  if (tally.inFlight) return { phase: 'Running', message: '' };
  const breach = limitBreach(metric, tally);
  if (breach !== null) return breach;
  const successLimit = metric.consecutiveSuccessLimit;
  if (successLimit > 0 && tally.consecutiveSuccess >= successLimit) {
    return { phase: 'Successful', message: '' };
  }
  const count = effectiveCount(metric);
  if (count !== null && tally.count >= count) {
    const failureApplies = metric.failureLimit >= 0;
    const successApplies = successLimit > 0;
    if (failureApplies && successApplies) {
      return {
        phase: 'Inconclusive',
        message: `consecutiveSuccessLimit (${successLimit}) not reached and failureLimit (${metric.failureLimit}) not violated`,
      };
    }
    if (successApplies)
      return { phase: 'Failed', message: `consecutiveSuccessLimit (${successLimit}) not reached` };
    return { phase: 'Successful', message: '' };
  }
  return { phase: terminating ? 'Successful' : 'Running', message: '' };
}

/**
 * When the metric's next measurement is due (generateMetricTasks and
 * calculateNextReconcileTime): the run's start plus `initialDelay` for the first one, then
 * the last one's end plus `interval` — or plus 10 s after an Error. null: nothing more
 * (completed, count reached, a measurement in flight, or no interval and no error).
 */
export function nextMeasurementAt(
  metric: MetricModel,
  tally: MetricTally,
  runStartedAt: Millis,
): Millis | null {
  if (isCompleted(tally.phase) || tally.inFlight) return null;
  if (tally.measurements === 0 || tally.lastFinishedAt === null) return runStartedAt + metric.initialDelayMs;
  const count = effectiveCount(metric);
  if (count !== null && tally.count >= count) return null;
  if (tally.lastPhase === 'Error') return tally.lastFinishedAt + ERROR_RETRY_INTERVAL_MS;
  if (metric.intervalMs !== null) return tally.lastFinishedAt + metric.intervalMs;
  return null;
}

/** helpers.go analysisStatusOrder, best to worst. */
const PHASE_ORDER: readonly AnalysisPhase[] = [
  'Successful',
  'Running',
  'Pending',
  'Inconclusive',
  'Error',
  'Failed',
];

/** helpers.go IsWorse: `next` is worse than `current`. */
export function isWorse(current: AnalysisPhase, next: AnalysisPhase): boolean {
  return PHASE_ORDER.indexOf(next) > PHASE_ORDER.indexOf(current);
}

export interface MetricView {
  readonly metric: MetricModel;
  readonly tally: MetricTally;
}

/**
 * assessRunStatus: Running until every metric is complete, then the worst of the
 * non-dry-run metrics (Successful when only dry-run metrics). While terminating, the
 * worst of those already complete, or Successful if none is.
 */
export function assessRun(
  metrics: readonly MetricView[],
  terminating: boolean,
  terminateRequested: boolean,
): Assessment {
  let worst: AnalysisPhase | null = null;
  let message = terminateRequested ? 'Run Terminated' : '';
  let everythingCompleted = true;
  for (const { metric, tally } of metrics) {
    if (tally.measurements === 0 || !isCompleted(tally.phase)) {
      everythingCompleted = false;
      continue;
    }
    if (metric.dryRun) {
      worst ??= 'Successful';
    } else if (worst === null || isWorse(worst, tally.phase)) {
      worst = tally.phase;
      if (tally.message !== '')
        message = `Metric "${metric.name}" assessed ${tally.phase} due to ${tally.message}`;
    }
  }
  if (terminating) return { phase: worst ?? 'Successful', message };
  if (!everythingCompleted || worst === null) return { phase: 'Running', message: '' };
  return { phase: worst, message };
}

/** helpers.go IsTerminating: asked to stop, or a non-dry-run metric ended Failed, Error or Inconclusive. */
export function isTerminating(metrics: readonly MetricView[], terminateRequested: boolean): boolean {
  if (terminateRequested) return true;
  return metrics.some(
    ({ metric, tally }) =>
      !metric.dryRun &&
      (tally.phase === 'Failed' || tally.phase === 'Error' || tally.phase === 'Inconclusive'),
  );
}
