import { describe, expect, it } from 'vitest';
import type { MeasurementPhase } from '../journal/journal.js';
import { assessMeasurement, compileMetricConditions } from './measurement.js';
import { metric, queryError, value } from './test-support/fakes.js';
import type { ProviderResult } from './types.js';

function phaseOf(
  successCondition: string | null,
  failureCondition: string | null,
  result: ProviderResult,
): MeasurementPhase {
  return assessMeasurement(compileMetricConditions(metric({ successCondition, failureCondition })), result)
    .phase;
}

describe('one measurement (utils/evaluate/evaluate.go EvaluateResult)', () => {
  // Each row: the Argo test it mirrors, successCondition, failureCondition, provider result, phase.
  it.each([
    ['TestEvaluateResultWithSuccess', 'true', 'false', value(1), 'Successful'],
    ['TestEvaluateResultWithFailure: failure wins over success', 'true', 'true', value(1), 'Failed'],
    ['TestEvaluateResultInconclusive', 'false', 'false', value(1), 'Inconclusive'],
    ['TestEvaluateResultNoSuccessConditionAndNotFailing', null, 'false', value(1), 'Successful'],
    ['only a failureCondition that holds', null, 'true', value(1), 'Failed'],
    ['TestEvaluateResultNoFailureConditionAndNotSuccessful', 'false', null, value(1), 'Failed'],
    ['TestEvaluateResultNoFailureConditionAndNoSuccessCondition', null, null, value(1), 'Successful'],
    ['TestEvaluateResultWithErrorOnSuccessCondition', 'a == true', 'true', value(1), 'Error'],
    ['TestEvaluateResultWithErrorOnFailureCondition', 'true', 'a == true', value(1), 'Error'],
    [
      'analysis.md: NaN with only a successCondition fails',
      'result >= 0.95',
      null,
      value(Number.NaN),
      'Failed',
    ],
    [
      'analysis.md: NaN with both conditions is Inconclusive',
      'result >= 0.95',
      'result < 0.95',
      value(Number.NaN),
      'Inconclusive',
    ],
    [
      'analysis.md: NaN made successful with isNaN',
      'isNaN(result) || result >= 0.95',
      null,
      value(Number.NaN),
      'Successful',
    ],
    [
      'analysis.md: isInf as failureCondition',
      null,
      'isInf(result)',
      value(Number.POSITIVE_INFINITY),
      'Failed',
    ],
    ['result[0] on an empty vector is an Error', 'result[0] <= 0.01', null, value([]), 'Error'],
    [
      'a syntax error is an Error, as Argo compiles at every measurement',
      'result[0] <=',
      null,
      value([0]),
      'Error',
    ],
    ['a failed query is an Error', 'true', null, queryError('bad_data: parse error'), 'Error'],
  ] as const)('%s', (_argo, success, failure, result, phase) => {
    expect(phaseOf(success, failure, result)).toBe(phase);
  });

  it('a judge that decides its own phase is used when the metric has no condition', () => {
    const judged: ProviderResult = { ok: true, value: { score: 40 }, display: 'score 40', phase: 'Failed' };
    expect(phaseOf(null, null, judged)).toBe('Failed');
    expect(phaseOf('result.score >= 30', null, judged)).toBe('Successful');
  });

  it('keeps the value display and explains errors with the condition and offset', () => {
    const conditions = compileMetricConditions(metric({ successCondition: 'result[0] <= 0.01' }));
    expect(assessMeasurement(conditions, value([]))).toEqual({
      phase: 'Error',
      value: '[]',
      message: 'successCondition: index out of range: 0 (array length is 0) (at offset 6)',
    });
    expect(assessMeasurement(conditions, queryError('timeout'))).toEqual({
      phase: 'Error',
      value: '',
      message: 'timeout',
    });
  });
});
