import { describe, expect, it } from 'vitest';
import { Priority } from '../clock/clock.js';
import { SimClock } from '../clock/sim-clock.js';
import type { AnalysisPhase, MeasurementPhase } from '../journal/journal.js';
import type { MetricModel, Millis } from '../scenario/model.js';
import { createAnalysisRunner } from './analysis-run.js';
import { eventsOf, metric, queryError, scriptedProvider, testJournal, value } from './test-support/fakes.js';
import type { ProviderResult } from './types.js';

const S = 1000;
const M = 60 * S;

const ok = value([0.001]);
const bad = value([0.5]);
/** `successCondition` for `ok`/`bad`: error rate at most 1%. */
const LOW_ERROR_RATE = 'result[0] <= 0.01';

interface Run {
  readonly final: AnalysisPhase;
  /** Phase changes reported to onPhase, with their times. */
  readonly phases: readonly { readonly t: Millis; readonly phase: AnalysisPhase }[];
  /** Times at which each metric was measured. */
  readonly calls: (metric: string) => Millis[];
  readonly journal: ReturnType<typeof testJournal>;
}

function run(
  metrics: readonly MetricModel[],
  script: Readonly<Record<string, readonly ProviderResult[]>>,
  options: { readonly until?: Millis; readonly terminateAt?: Millis; readonly delayMs?: Millis } = {},
): Run {
  const clock = new SimClock();
  const journal = testJournal();
  const provider = scriptedProvider(script, { clock, delayMs: options.delayMs });
  const phases: { t: Millis; phase: AnalysisPhase }[] = [];
  const handle = createAnalysisRunner({ clock, provider, journal }).start(
    'canary-analysis',
    { templateNames: ['t'], metrics },
    (phase) => phases.push({ t: clock.now(), phase }),
  );
  if (options.terminateAt !== undefined)
    clock.at(options.terminateAt, () => handle.terminate(), Priority.reconcile);
  clock.runUntil(options.until ?? 60 * M);
  return {
    final: handle.phase(),
    phases,
    calls: (name) => provider.calls.filter((c) => c.metric === name).map((c) => c.at),
    journal,
  };
}

const last = <T>(xs: readonly T[]): T => xs[xs.length - 1];

describe('AnalysisRun: count, interval and initialDelay', () => {
  // Each row: rule, the Argo test or source it mirrors, metric, script, expected measurement times, final phase.
  it.each([
    [
      'no count and no interval: one measurement',
      'analysis_test.go TestReconcileAnalysisRunInitial ("both count and interval are omitted"); EffectiveCount',
      metric(),
      [ok],
      [0],
      'Successful',
    ],
    [
      'count: 0 is the same as no count',
      'analysis_types.go EffectiveCount (Count.IntValue() == 0)',
      metric({ count: 0 }),
      [ok],
      [0],
      'Successful',
    ],
    [
      'count: 1 with an interval: one measurement',
      'analysis_test.go TestReconcileAnalysisRunInitial ("set count to one")',
      metric({ count: 1, intervalMs: M }),
      [ok],
      [0],
      'Successful',
    ],
    [
      'count: 3, interval: 1m: three measurements a minute apart',
      'EffectiveCount; TestCalculateNextReconcileTimeInterval',
      metric({ count: 3, intervalMs: M }),
      [ok],
      [0, M, 2 * M],
      'Successful',
    ],
    [
      'initialDelay delays the first measurement',
      'analysis_test.go TestGenerateMetricTasksHonorInitialDelay',
      metric({ initialDelayMs: 20 * S }),
      [ok],
      [20 * S],
      'Successful',
    ],
    [
      'initialDelay then interval',
      'analysis_test.go TestCalculateNextReconcileTimeInitialDelay',
      metric({ initialDelayMs: 40 * S, count: 2, intervalMs: M }),
      [ok],
      [40 * S, 100 * S],
      'Successful',
    ],
  ] as const)('%s (%s)', (_rule, _argo, m, script, times, final) => {
    const r = run([m], { [m.name]: script });
    expect(r.calls(m.name)).toEqual(times);
    expect(r.final).toBe(final);
    expect(last(r.phases).t).toBe(last(times));
  });

  it('only an interval: measures until the run is terminated (EffectiveCount nil; TestTerminateAnalysisRun)', () => {
    const m = metric({ intervalMs: M, successCondition: LOW_ERROR_RATE });
    const r = run([m], { [m.name]: [ok] }, { terminateAt: 10 * M + 30 * S, until: 20 * M });
    expect(r.calls(m.name)).toEqual(Array.from({ length: 11 }, (_, i) => i * M));
    expect(r.final).toBe('Successful');
    expect(last(eventsOf(r.journal, 'analysisRun'))).toMatchObject({
      phase: 'Successful',
      message: 'Run Terminated',
      t: 10 * M + 30 * S,
    });
  });
});

describe('AnalysisRun: limits (assessMetricFailureInconclusiveOrError)', () => {
  // Each row: rule, the Argo test it mirrors, metric, script, final phase, when it ends, metric message.
  it.each([
    [
      'failureLimit defaults to 0: the first failed measurement fails the metric',
      'analysis_test.go TestAssessMetricFailureInconclusiveOrError',
      metric({ intervalMs: M, successCondition: LOW_ERROR_RATE }),
      [bad],
      'Failed',
      0,
      'failed (1) > failureLimit (0)',
    ],
    [
      'failureLimit 3 fails on the 4th failure (strictly greater), not the 3rd',
      'analysis_test.go TestAssessMetricStatusFailureLimit',
      metric({ intervalMs: M, successCondition: LOW_ERROR_RATE, failureLimit: 3 }),
      [bad],
      'Failed',
      3 * M,
      'failed (4) > failureLimit (3)',
    ],
    [
      'failures are cumulative, not consecutive',
      'analysis.go runMeasurements: Failed++ is never reset',
      metric({ intervalMs: M, successCondition: LOW_ERROR_RATE, failureLimit: 1 }),
      [bad, ok, ok, bad],
      'Failed',
      3 * M,
      'failed (2) > failureLimit (1)',
    ],
    [
      'inconclusiveLimit defaults to 0',
      'analysis_test.go TestAssessMetricStatusInconclusiveLimit',
      metric({ intervalMs: M, successCondition: 'result[0] < 0.01', failureCondition: 'result[0] > 0.1' }),
      [value([0.05])],
      'Inconclusive',
      0,
      'inconclusive (1) > inconclusiveLimit (0)',
    ],
    [
      'inconclusiveLimit 2 ends Inconclusive on the 3rd',
      'analysis_test.go TestAssessMetricStatusInconclusiveLimit',
      metric({
        intervalMs: M,
        successCondition: 'result[0] < 0.01',
        failureCondition: 'result[0] > 0.1',
        inconclusiveLimit: 2,
      }),
      [value([0.05])],
      'Inconclusive',
      2 * M,
      'inconclusive (3) > inconclusiveLimit (2)',
    ],
    [
      'consecutiveErrorLimit defaults to 4: Error on the 5th error in a row, retried every 10 s',
      'analysis_test.go TestAssessMetricStatusConsecutiveErrors',
      metric({ intervalMs: M, successCondition: LOW_ERROR_RATE }),
      [queryError()],
      'Error',
      40 * S,
      'consecutiveErrors (5) > consecutiveErrorLimit (4)',
    ],
    [
      'consecutiveErrorLimit 0: the first error ends the metric',
      'assessMetricFailureInconclusiveOrError: consecutiveError > limit',
      metric({ intervalMs: M, consecutiveErrorLimit: 0 }),
      [queryError()],
      'Error',
      0,
      'consecutiveErrors (1) > consecutiveErrorLimit (0)',
    ],
    [
      'a later limit overrides an earlier one: inconclusive checked after failed',
      'assessMetricFailureInconclusiveOrError order',
      metric({
        count: 2,
        intervalMs: M,
        successCondition: 'result[0] < 0.01',
        failureCondition: 'result[0] > 0.1',
        failureLimit: 0,
        inconclusiveLimit: 0,
      }),
      [value([0.5])],
      'Failed',
      0,
      'failed (1) > failureLimit (0)',
    ],
    [
      'consecutiveSuccessLimit reached before count: Successful early',
      'PR #3970 (ConsecutiveSuccessLimit): consecutiveSuccess >= limit',
      metric({ count: 5, intervalMs: M, successCondition: LOW_ERROR_RATE, consecutiveSuccessLimit: 2 }),
      [ok],
      'Successful',
      M,
      '',
    ],
    [
      'a failure resets consecutive successes (failureLimit -1 disables failing)',
      'PR #3970: Failed sets ConsecutiveSuccess = 0',
      metric({
        intervalMs: M,
        successCondition: LOW_ERROR_RATE,
        failureLimit: -1,
        consecutiveSuccessLimit: 2,
      }),
      [ok, bad, bad, bad, ok, ok],
      'Successful',
      5 * M,
      '',
    ],
    [
      'at count with only consecutiveSuccessLimit applicable and not reached: Failed',
      'PR #3970: count reached, successApplicable only',
      metric({
        count: 3,
        intervalMs: M,
        successCondition: LOW_ERROR_RATE,
        failureLimit: -1,
        consecutiveSuccessLimit: 2,
      }),
      [ok, bad, ok],
      'Failed',
      2 * M,
      'consecutiveSuccessLimit (2) not reached',
    ],
    [
      'at count with both limits applicable and neither decided: Inconclusive',
      'PR #3970: count reached, failureApplicable && successApplicable',
      metric({
        count: 3,
        intervalMs: M,
        successCondition: LOW_ERROR_RATE,
        failureLimit: 1,
        consecutiveSuccessLimit: 2,
      }),
      [ok, bad, ok],
      'Inconclusive',
      2 * M,
      'consecutiveSuccessLimit (2) not reached and failureLimit (1) not violated',
    ],
    [
      'at count with failures under the limit: Successful',
      'analysis.go assessMetricStatus: "we do not want to fail if failures < failureLimit"',
      metric({ count: 3, intervalMs: M, successCondition: LOW_ERROR_RATE, failureLimit: 2 }),
      [bad, bad, ok],
      'Successful',
      2 * M,
      '',
    ],
  ] as const)('%s (%s)', (_rule, _argo, m, script, final, endsAt, message) => {
    const r = run([m], { [m.name]: script });
    expect(r.final).toBe(final);
    expect(last(r.phases).t).toBe(endsAt);
    const end = last(eventsOf(r.journal, 'analysisRun'));
    expect(end.message ?? '').toBe(
      message === '' ? '' : `Metric "${m.name}" assessed ${final} due to ${message}`,
    );
  });
});

describe('AnalysisRun: errors (measurement phase Error)', () => {
  it('an Error does not count toward count and is retried after 10 s instead of interval (TestCalculateNextReconcileUponError)', () => {
    const m = metric({ count: 2, intervalMs: 5 * M, successCondition: LOW_ERROR_RATE });
    const r = run([m], { [m.name]: [ok, queryError(), ok] });
    expect(r.calls(m.name)).toEqual([0, 5 * M, 5 * M + 10 * S]);
    expect(r.final).toBe('Successful');
    expect(eventsOf(r.journal, 'measurement').map((e) => e.phase)).toEqual([
      'Successful',
      'Error',
      'Successful',
    ]);
  });

  it('with interval < 10 s an Error is still retried after 10 s (analysis.go: lastMeasurement Error → DefaultErrorRetryInterval)', () => {
    const m = metric({ count: 3, intervalMs: 1 * S, successCondition: LOW_ERROR_RATE });
    const r = run([m], { [m.name]: [ok, queryError(), ok] });
    expect(r.calls(m.name)).toEqual([0, 1 * S, 11 * S, 12 * S]);
  });

  it('without an interval an Error is retried after 10 s (TestGenerateMetricTasksError)', () => {
    const m = metric({ successCondition: LOW_ERROR_RATE });
    const r = run([m], { [m.name]: [queryError(), ok] });
    expect(r.calls(m.name)).toEqual([0, 10 * S]);
    expect(r.final).toBe('Successful');
  });

  it('a completed measurement resets the consecutive-error counter (TestRunMeasurementsResetConsecutiveErrorCounter)', () => {
    const m = metric({ count: 4, intervalMs: M, consecutiveErrorLimit: 1, successCondition: LOW_ERROR_RATE });
    const r = run([m], { [m.name]: [queryError(), ok, queryError(), ok, ok, ok] });
    expect(r.final).toBe('Successful');
    expect(r.calls(m.name)).toEqual([0, 10 * S, 70 * S, 80 * S, 140 * S, 200 * S]);
  });

  it('a condition that throws (result[0] on an empty vector) is an Error measurement', () => {
    const m = metric({ intervalMs: M, successCondition: LOW_ERROR_RATE });
    const r = run([m], { [m.name]: [value([])] });
    const measurements = eventsOf(r.journal, 'measurement');
    expect(measurements[0]).toMatchObject({
      phase: 'Error',
      value: '[]',
      message: 'successCondition: index out of range: 0 (array length is 0) (at offset 6)',
    });
    expect(r.final).toBe('Error');
    expect(measurements.map((e) => e.t)).toEqual([0, 10 * S, 20 * S, 30 * S, 40 * S]);
  });

  it('a provider that throws is recorded as an Error measurement, not a crash', () => {
    const m = metric({ name: 'unscripted', consecutiveErrorLimit: 0 });
    const r = run([m], {});
    expect(eventsOf(r.journal, 'measurement')[0]).toMatchObject({
      phase: 'Error',
      message: 'provider failed: no script for metric unscripted',
    });
    expect(r.final).toBe('Error');
  });
});

describe('AnalysisRun: run phase', () => {
  const once = (name: string, overrides: Partial<MetricModel> = {}) => metric({ name, ...overrides });
  const results: Readonly<Record<MeasurementPhase, readonly [Partial<MetricModel>, ProviderResult]>> = {
    Successful: [{ successCondition: LOW_ERROR_RATE }, ok],
    Failed: [{ successCondition: LOW_ERROR_RATE }, bad],
    Inconclusive: [{ successCondition: 'false', failureCondition: 'false' }, ok],
    Error: [{ consecutiveErrorLimit: 0 }, queryError()],
  };

  // helpers.go analysisStatusOrder: Successful < Running < Pending < Inconclusive < Error < Failed.
  it.each([
    ['Successful', 'Successful', 'Successful'],
    ['Successful', 'Inconclusive', 'Inconclusive'],
    ['Inconclusive', 'Error', 'Error'],
    ['Error', 'Failed', 'Failed'],
    ['Failed', 'Inconclusive', 'Failed'],
  ] as const)(
    'metrics ending %s and %s make the run %s (TestAssessRunStatus: worst of the completed metrics)',
    (a, b, expected) => {
      const [ma, ra] = results[a];
      const [mb, rb] = results[b];
      const r = run([once('a', ma), once('b', mb)], { a: [ra], b: [rb] });
      expect(r.final).toBe(expected);
    },
  );

  it('the run is Running while any metric is (TestAssessRunStatus: one metric still running)', () => {
    const r = run([once('a'), once('b', { count: 3, intervalMs: M })], { a: [ok], b: [ok] });
    expect(r.phases).toEqual([
      { t: 0, phase: 'Running' },
      { t: 2 * M, phase: 'Successful' },
    ]);
  });

  it.each(['Failed', 'Error', 'Inconclusive'] as const)(
    'the first metric ending %s terminates the run; a metric still running counts as Successful (TestReconcileAnalysisRunTerminateSiblingAfterFail)',
    (phase) => {
      const [mb, rb] = results[phase];
      const r = run(
        [once('a', { intervalMs: M }), once('b', { ...mb, intervalMs: M, initialDelayMs: 2 * M })],
        {
          a: [ok],
          b: [rb],
        },
      );
      expect(r.final).toBe(phase);
      expect(last(r.phases).t).toBe(2 * M);
      expect(r.calls('a')).toEqual([0, M, 2 * M]);
    },
  );

  it('dry-run metrics are measured and journaled but never count (TestAssessRunStatusWithMixedMetrics)', () => {
    const r = run(
      [
        once('real', { successCondition: LOW_ERROR_RATE }),
        once('dry', { successCondition: LOW_ERROR_RATE, dryRun: true }),
      ],
      {
        real: [ok],
        dry: [bad],
      },
    );
    expect(r.final).toBe('Successful');
    expect(eventsOf(r.journal, 'measurement')).toEqual([
      expect.objectContaining({ metric: 'real', phase: 'Successful', dryRun: false }),
      expect.objectContaining({ metric: 'dry', phase: 'Failed', dryRun: true }),
    ]);
  });

  it('only dry-run metrics: the run is Successful even when they fail (TestAssessRunStatusWithOnlyDryRunMetrics)', () => {
    const r = run([once('dry', { successCondition: LOW_ERROR_RATE, dryRun: true })], { dry: [bad] });
    expect(r.final).toBe('Successful');
  });

  it('a failing dry-run metric does not terminate the run (helpers.go IsTerminating skips dry-run)', () => {
    const r = run(
      [
        once('dry', { successCondition: LOW_ERROR_RATE, dryRun: true }),
        once('real', { count: 3, intervalMs: M }),
      ],
      {
        dry: [bad],
        real: [ok],
      },
    );
    expect(r.calls('real')).toEqual([0, M, 2 * M]);
    expect(r.final).toBe('Successful');
  });

  it('terminate() before any measurement: Successful, nothing measured (TestAssessMetricStatusNoMeasurements)', () => {
    const m = once('a', { initialDelayMs: 5 * M });
    const r = run([m], { a: [ok] }, { terminateAt: M });
    expect(r.calls('a')).toEqual([]);
    expect(r.final).toBe('Successful');
  });

  it('terminate() ends an in-flight measurement as Successful "Metric Terminated" and ignores its late answer', () => {
    const m = once('slow', { successCondition: LOW_ERROR_RATE });
    const r = run([m], { slow: [bad] }, { delayMs: 30 * S, terminateAt: 10 * S });
    expect(eventsOf(r.journal, 'measurement')).toEqual([
      expect.objectContaining({ t: 10 * S, phase: 'Successful', message: 'Metric Terminated' }),
    ]);
    expect(r.final).toBe('Successful');
  });

  it('an asynchronous provider: the next measurement is an interval after the previous one finished', () => {
    const m = once('slow', { count: 2, intervalMs: M });
    const r = run([m], { slow: [ok] }, { delayMs: 5 * S });
    expect(r.calls('slow')).toEqual([0, 65 * S]);
    expect(last(r.phases)).toEqual({ t: 70 * S, phase: 'Successful' });
  });

  it('an invalid spec ends the run in Error before measuring (TestReconcileAnalysisRunInvalid)', () => {
    const r = run([once('a', { count: 2 })], { a: [ok] });
    expect(r.final).toBe('Error');
    expect(r.calls('a')).toEqual([]);
    expect(last(eventsOf(r.journal, 'analysisRun')).message).toBe(
      'Analysis spec invalid: metrics[0]: interval must be specified when count > 1',
    );
  });
});

describe('AnalysisRun: journal', () => {
  it('records every measurement and every phase change', () => {
    const m = metric({ count: 2, intervalMs: M, successCondition: LOW_ERROR_RATE });
    const r = run([m], { [m.name]: [ok, value([0.002])] });
    expect(r.journal.events).toEqual([
      { t: 0, type: 'analysisRun', run: 'canary-analysis', phase: 'Pending' },
      {
        t: 0,
        type: 'measurement',
        run: 'canary-analysis',
        metric: 'error-rate',
        phase: 'Successful',
        value: '[0.001]',
        dryRun: false,
      },
      { t: 0, type: 'analysisRun', run: 'canary-analysis', phase: 'Running' },
      {
        t: M,
        type: 'measurement',
        run: 'canary-analysis',
        metric: 'error-rate',
        phase: 'Successful',
        value: '[0.002]',
        dryRun: false,
      },
      { t: M, type: 'analysisRun', run: 'canary-analysis', phase: 'Successful' },
    ]);
  });

  it('calls onPhase once per change, last with the terminal phase, and nothing after it', () => {
    const m = metric({ intervalMs: M, successCondition: LOW_ERROR_RATE });
    const r = run([m], { [m.name]: [ok, ok, bad] }, { terminateAt: 10 * M });
    expect(r.phases).toEqual([
      { t: 0, phase: 'Running' },
      { t: 2 * M, phase: 'Failed' },
    ]);
  });
});
