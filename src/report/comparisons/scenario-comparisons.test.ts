import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../stats/holm-adjust.js';
import { cellStatistics } from '../statistics/cell-statistics.js';
import { type CellSpec, cellInput, detectedTrials, type TrialSpec } from '../test-support/journals.js';
import { type ScenarioCell, scenarioComparisons } from './scenario-comparisons.js';

function cells(specs: readonly Omit<CellSpec, 'scenario'>[]): ScenarioCell[] {
  return specs.map((spec) => {
    const input = cellInput({ ...spec, scenario: 's' });
    return { input, statistics: cellStatistics(input, 7) };
  });
}

const range = (n: number, from: number, step: number) => Array.from({ length: n }, (_, i) => from + i * step);

describe('scenarioComparisons', () => {
  const scenario = cells([
    { strategy: 'fast', trials: detectedTrials(range(20, 10, 5), 10) },
    { strategy: 'slow', trials: detectedTrials(range(20, 200, 10), 30) },
    {
      strategy: 'never',
      trials: range(20, 0, 1).map((trial): TrialSpec => ({ trial, detectedS: null, promotedS: 100 })),
    },
  ]);
  const comparisons = scenarioComparisons('s', 7, scenario);

  it('compares every pair on detection, rollback, failed requests and escapes, in scenario order', () => {
    expect(comparisons.map((c) => `${c.quantity} ${c.a}-${c.b} ${c.test}`)).toEqual([
      'detection fast-slow log-rank',
      'detection fast-never log-rank',
      'detection slow-never log-rank',
      'rollback fast-slow mann-whitney',
      'blastRadius fast-slow mann-whitney',
      'blastRadius fast-never mann-whitney',
      'blastRadius slow-never mann-whitney',
      'escapes fast-slow fisher',
      'escapes fast-never fisher',
      'escapes slow-never fisher',
    ]);
  });

  it('Holm-adjusts the p-values over all comparisons of the scenario', () => {
    expect(comparisons.map((c) => c.pAdjusted)).toEqual(holmAdjust(comparisons.map((c) => c.pValue)));
    expect(comparisons.every((c) => c.pAdjusted >= c.pValue)).toBe(true);
  });

  it('says which way the data lean and gives the effect a − b', () => {
    const [fastSlow, fastNever] = comparisons;
    expect(fastSlow).toMatchObject({ better: 'a', significant: true, trialsNeeded: null });
    // KM medians: fast 57.5 s (mid of 55 and 60), slow 295 s.
    expect(fastSlow.effect!.value.estimate).toBe(57_500 - 295_000);
    expect(fastSlow.effect!.value.lower!).toBeLessThan(fastSlow.effect!.value.upper!);
    expect(fastSlow.effect!.value.upper!).toBeLessThan(0);
    // A median that is never reached gives no difference of medians.
    expect(fastNever).toMatchObject({ better: 'a', significant: true });
    expect(fastNever.effect!.value.estimate).toBeNull();
    const rollback = comparisons.find((c) => c.quantity === 'rollback')!;
    expect(rollback).toMatchObject({ better: 'a', nA: 20, nB: 20 });
    expect(rollback.effect).toMatchObject({ method: 'hodges-lehmann', value: { estimate: -20_000 } });
    const escapes = comparisons.find((c) => c.quantity === 'escapes' && c.b === 'never')!;
    expect(escapes).toMatchObject({
      better: 'a',
      effect: { kind: 'rateDifference', value: { estimate: -1 } },
    });
  });

  it('uses the log-rank test for rollback times when some never recovered', () => {
    const withCensored = cells([
      { strategy: 'a', trials: detectedTrials(range(10, 10, 5), 10) },
      {
        strategy: 'b',
        trials: range(10, 0, 1).map((trial) => ({
          trial,
          detectedS: 100,
          recoveredS: trial < 5 ? 140 : null,
        })),
      },
    ]);
    const rollback = scenarioComparisons('s', 7, withCensored).find((c) => c.quantity === 'rollback')!;
    expect(rollback.test).toBe('log-rank');
    expect(rollback.better).toBe('a');
    expect(rollback.effect!.method).toBe('bootstrap-median-difference');
  });

  it('estimates the trials needed when the data cannot tell, and none when they show no difference', () => {
    const close = cells([
      { strategy: 'a', trials: detectedTrials([10, 20, 30, 40, 50]) },
      { strategy: 'b', trials: detectedTrials([15, 25, 35, 45, 55]) },
    ]);
    const [detection] = scenarioComparisons('s', 7, close);
    expect(detection.significant).toBe(false);
    expect(detection.trialsNeeded).toBeGreaterThan(5);
    const escapes = scenarioComparisons('s', 7, close).find((c) => c.quantity === 'escapes')!;
    expect(escapes).toMatchObject({ significant: false, better: null, trialsNeeded: null, pValue: 1 });
  });

  it('compares false rollbacks and failed requests in a control scenario', () => {
    const control = cells([
      { strategy: 'a', faultType: 'none', trials: range(5, 0, 1).map((trial) => ({ trial, failRate: 0 })) },
      {
        strategy: 'b',
        faultType: 'none',
        trials: range(5, 0, 1).map((trial) => ({ trial, detectedS: 100, recoveredS: 110 })),
      },
    ]);
    expect(scenarioComparisons('c', 7, control).map((c) => `${c.quantity} ${c.test}`)).toEqual([
      'blastRadius mann-whitney',
      'falseRollbacks fisher',
    ]);
  });

  it('is the same for the same seed', () => {
    expect(scenarioComparisons('s', 7, scenario)).toEqual(comparisons);
  });
});
