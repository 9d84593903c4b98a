import { describe, expect, it } from 'vitest';
import type { AnalysisPhase } from '../journal/journal.js';
import {
  assessMetric,
  assessRun,
  effectiveCount,
  emptyTally,
  isWorse,
  type MetricTally,
  nextMeasurementAt,
} from './analysis-run-assess.js';
import { metric } from './test-support/fakes.js';

const tally = (overrides: Partial<MetricTally>): MetricTally => ({
  ...emptyTally(),
  phase: 'Running',
  ...overrides,
});
const finished = (overrides: Partial<MetricTally>): MetricTally =>
  tally({ measurements: 1, lastPhase: 'Successful', lastFinishedAt: 0, ...overrides });

describe('effectiveCount (analysis_types.go EffectiveCount)', () => {
  it.each([
    [null, null, 1],
    [0, null, 1],
    [null, 60_000, null],
    [0, 60_000, null],
    [5, 60_000, 5],
    [1, null, 1],
  ] as const)('count %s, interval %s → %s', (count, intervalMs, expected) => {
    expect(effectiveCount(metric({ count, intervalMs }))).toBe(expected);
  });
});

describe('assessMetric (analysis.go assessMetricStatus)', () => {
  // Each row: the Argo unit test it mirrors, metric fields, tally, terminating, expected phase.
  it.each([
    ['TestAssessMetricStatusNoMeasurements', {}, tally({ measurements: 0 }), false, 'Pending'],
    [
      'TestAssessMetricStatusNoMeasurements (terminating)',
      {},
      tally({ measurements: 0 }),
      true,
      'Successful',
    ],
    [
      'TestAssessMetricStatusInFlightMeasurement',
      {},
      tally({ measurements: 2, inFlight: true }),
      false,
      'Running',
    ],
    [
      'TestAssessMetricStatusInFlightMeasurement (terminating)',
      {},
      tally({ measurements: 2, inFlight: true }),
      true,
      'Running',
    ],
    [
      'TestAssessMetricStatusFailureLimit: 3 failed > 2',
      { failureLimit: 2, intervalMs: 60_000 },
      finished({ failed: 3, count: 3 }),
      false,
      'Failed',
    ],
    [
      'TestAssessMetricStatusFailureLimit: 3 failed, limit 3',
      { failureLimit: 3, intervalMs: 60_000 },
      finished({ failed: 3, count: 3 }),
      false,
      'Running',
    ],
    [
      'TestAssessMetricStatusFailureLimit: 3 failed, limit 3 (terminating)',
      { failureLimit: 3, intervalMs: 60_000 },
      finished({ failed: 3, count: 3 }),
      true,
      'Successful',
    ],
    [
      'failureLimit -1 never fails',
      { failureLimit: -1, consecutiveSuccessLimit: 1, intervalMs: 60_000 },
      finished({ failed: 99, count: 99 }),
      false,
      'Running',
    ],
    [
      'TestAssessMetricStatusInconclusiveLimit: 3 > 2',
      { inconclusiveLimit: 2, intervalMs: 60_000 },
      finished({ inconclusive: 3, count: 3 }),
      false,
      'Inconclusive',
    ],
    [
      'TestAssessMetricStatusInconclusiveLimit: 3, limit 3',
      { inconclusiveLimit: 3, intervalMs: 60_000 },
      finished({ inconclusive: 3, count: 3 }),
      true,
      'Successful',
    ],
    [
      'TestAssessMetricStatusConsecutiveErrors: 5 > 4',
      { intervalMs: 60_000 },
      finished({ consecutiveError: 5, lastPhase: 'Error' }),
      false,
      'Error',
    ],
    [
      'TestAssessMetricStatusConsecutiveErrors: 4',
      { intervalMs: 60_000 },
      finished({ consecutiveError: 4, lastPhase: 'Error' }),
      false,
      'Running',
    ],
    [
      'TestAssessMetricStatusConsecutiveErrors: 4 (terminating)',
      { intervalMs: 60_000 },
      finished({ consecutiveError: 4, lastPhase: 'Error' }),
      true,
      'Successful',
    ],
    [
      'TestAssessMetricStatusCountReached',
      { count: 10 },
      finished({ successful: 10, count: 10 }),
      false,
      'Successful',
    ],
    [
      'TestAssessMetricStatusCountReached: 5 inconclusive',
      { count: 10 },
      finished({ successful: 5, inconclusive: 5, count: 10 }),
      false,
      'Inconclusive',
    ],
    [
      'limits are checked in order, the last match wins',
      { count: 3 },
      finished({ failed: 1, inconclusive: 1, consecutiveError: 5, count: 2 }),
      false,
      'Error',
    ],
    ['a completed metric keeps its phase', {}, finished({ phase: 'Failed' }), false, 'Failed'],
  ] as const)('%s', (_argo, fields, t, terminating, expected) => {
    expect(assessMetric(metric(fields), t, terminating).phase).toBe(expected);
  });
});

describe('nextMeasurementAt (generateMetricTasks, calculateNextReconcileTime)', () => {
  it.each([
    ['first measurement at the run start', {}, tally({ measurements: 0 }), 5_000, 5_000],
    [
      'TestCalculateNextReconcileTimeInitialDelay',
      { initialDelayMs: 40_000 },
      tally({ measurements: 0 }),
      0,
      40_000,
    ],
    [
      'TestCalculateNextReconcileTimeInterval',
      { intervalMs: 60_000 },
      finished({ count: 1, lastFinishedAt: 30_000 }),
      0,
      90_000,
    ],
    ['TestCalculateNextReconcileTimeNoInterval', { count: 1 }, finished({ count: 1 }), 0, null],
    [
      'TestCalculateNextReconcileUponError (no interval)',
      {},
      finished({ lastPhase: 'Error', lastFinishedAt: 7_000 }),
      0,
      17_000,
    ],
    [
      'TestCalculateNextReconcileUponError (interval 5m)',
      { intervalMs: 300_000 },
      finished({ lastPhase: 'Error', lastFinishedAt: 7_000 }),
      0,
      17_000,
    ],
    [
      'error retry with interval 1s is still 10s',
      { intervalMs: 1_000 },
      finished({ lastPhase: 'Error', lastFinishedAt: 7_000 }),
      0,
      17_000,
    ],
    ['in flight: the provider will answer', { intervalMs: 60_000 }, finished({ inFlight: true }), 0, null],
    ['completed metric', { intervalMs: 60_000 }, finished({ phase: 'Successful' }), 0, null],
  ] as const)('%s', (_rule, fields, t, startedAt, expected) => {
    expect(nextMeasurementAt(metric(fields), t, startedAt)).toBe(expected);
  });
});

describe('isWorse (helpers.go analysisStatusOrder)', () => {
  const order: AnalysisPhase[] = ['Successful', 'Running', 'Pending', 'Inconclusive', 'Error', 'Failed'];
  it('orders Successful < Running < Pending < Inconclusive < Error < Failed', () => {
    for (const [i, a] of order.entries()) {
      for (const [j, b] of order.entries()) expect(isWorse(a, b)).toBe(j > i);
    }
  });
});

describe('assessRun (analysis.go assessRunStatus)', () => {
  const view = (name: string, phase: AnalysisPhase, dryRun = false, message = '') => ({
    metric: metric({ name, dryRun }),
    tally: finished({ phase, message }),
  });
  it.each([
    [
      'TestAssessRunStatus: one metric running',
      [view('a', 'Successful'), view('b', 'Running')],
      false,
      'Running',
    ],
    [
      'TestAssessRunStatus: worst of the completed',
      [view('a', 'Successful'), view('b', 'Failed')],
      false,
      'Failed',
    ],
    [
      'TestAssessRunStatusErrorMessageAnalysisPhaseFailInDryRunMode',
      [view('a', 'Successful', true), view('b', 'Failed', true)],
      false,
      'Successful',
    ],
    [
      'terminating: worst of those completed',
      [view('a', 'Running'), view('b', 'Inconclusive')],
      true,
      'Inconclusive',
    ],
    ['terminating with nothing completed', [view('a', 'Running')], true, 'Successful'],
    [
      'a metric never measured keeps the run Running',
      [{ metric: metric({ name: 'a' }), tally: tally({ measurements: 0, phase: 'Pending' }) }],
      false,
      'Running',
    ],
  ] as const)('%s', (_argo, views, terminating, expected) => {
    expect(assessRun(views, terminating, false).phase).toBe(expected);
  });

  it('explains the outcome as Argo does (TestAssessRunStatusErrorMessageAnalysisPhaseFail)', () => {
    const run = assessRun(
      [view('a', 'Successful'), view('failed-metric', 'Failed', false, 'failed (1) > failureLimit (0)')],
      false,
      false,
    );
    expect(run).toEqual({
      phase: 'Failed',
      message: 'Metric "failed-metric" assessed Failed due to failed (1) > failureLimit (0)',
    });
  });
});
