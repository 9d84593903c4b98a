import { describe, expect, it } from 'vitest';
import { checkCondition } from './check.js';

describe('checkCondition (scenario validation)', () => {
  it.each([
    'result[0] <= 0.01',
    'len(result) == 0 || result[0] >= 0.95',
    'isNaN(result[0]) || result[0] >= 0.95',
    // Valid for some result types: decided only when a measurement is evaluated.
    'result.score >= 80',
    'result > 1',
    'default(result, 0) < 0.05',
  ])('accepts %s', (source) => {
    expect(checkCondition(source)).toBeNull();
  });

  it.each([
    ['', 'unexpected token EOF', 0],
    ['result[0] <=', 'unexpected token EOF', 12],
    ['result[0] <= 0.01 &&', 'unexpected token EOF', 20],
    ['results[0] <= 0.01', 'unknown name results', 0],
    ['"a" + 1 > 0', 'invalid operation: + (mismatched types string and int)', 4],
    ['round(result) > 1', 'the function round is not supported in rollout-lab conditions', 0],
    ['result matches "x"', 'the matches operator is not supported in rollout-lab conditions', 7],
  ] as const)('rejects %j', (source, message, offset) => {
    expect(checkCondition(source)).toEqual({ message, offset });
  });
});
