import { describe, expect, it } from 'vitest';
import { scenarioComparisons } from './comparisons/scenario-comparisons.js';
import { cellStatistics } from './statistics/cell-statistics.js';
import { cellInput, detectedTrials, type TrialSpec } from './test-support/journals.js';
import { verdictOf } from './verdicts.js';

const range = (n: number, from: number, step: number) => Array.from({ length: n }, (_, i) => from + i * step);

function verdicts(
  specs: readonly { strategy: string; trials: readonly TrialSpec[] }[],
  faultType = 'connectionLeak',
) {
  const cells = specs.map((spec) => {
    const input = cellInput({ ...spec, faultType, scenario: 's' });
    return { input, statistics: cellStatistics(input, 7) };
  });
  const byStrategy = new Map(cells.map((c) => [c.input.strategy, c.statistics]));
  return scenarioComparisons('s', 7, cells).map((c) => verdictOf(c, byStrategy, faultType));
}

describe('verdictOf', () => {
  const found = verdicts([
    { strategy: 'rolling', trials: detectedTrials(range(20, 200, 10), 30) },
    { strategy: 'canary', trials: detectedTrials(range(20, 10, 5), 10) },
    {
      strategy: 'shadow',
      trials: range(20, 0, 1).map((trial) => ({ trial, detectedS: null, promotedS: 100 })),
    },
  ]);
  const sentence = (quantity: string, a: string, b: string) =>
    found.find((v) => v.quantity === quantity && v.a === a && v.b === b)!;

  it('names the faster strategy first, with both medians, the shift and its interval, p and n', () => {
    expect(sentence('detection', 'rolling', 'canary')).toEqual({
      quantity: 'detection',
      a: 'rolling',
      b: 'canary',
      outcome: 'difference',
      sentence:
        'canary detects the connection leak faster than rolling: median 58s vs 4m55s, shift 3m58s [95% CI 3m12s–4m40s], p < 0.001, n = 20 each',
    });
  });

  it('says how many detected by the end when a median is never reached', () => {
    expect(sentence('detection', 'rolling', 'shadow').sentence).toBe(
      'rolling detects the connection leak faster than shadow: median 4m55s vs not reached (0/20 detected); detected by the end of observation 100% vs 0%, p < 0.001, n = 20 each',
    );
  });

  it('counts rollbacks, failed requests and escapes in their own words', () => {
    expect(sentence('rollback', 'rolling', 'canary').sentence).toBe(
      'canary rolls back faster than rolling: median 10s vs 30s, shift 20s [95% CI 20s–20s], p < 0.001, n = 20 rollbacks each',
    );
    expect(sentence('blastRadius', 'rolling', 'shadow').sentence).toMatch(
      /^rolling fails fewer requests than shadow: median failed requests above baseline 1,630 vs 5,200, shift 3,570 \[95% CI [\d,]+–[\d,]+\], p < 0\.001, n = 20 each$/,
    );
    expect(sentence('escapes', 'canary', 'shadow').sentence).toBe(
      'canary lets the connection leak reach all users less often than shadow: 0/20 (0%) vs 20/20 (100%), difference 100 percentage points [95% CI 77–100], p < 0.001, n = 20 each',
    );
  });

  it('says when there is no difference at all', () => {
    expect(sentence('escapes', 'rolling', 'canary')).toMatchObject({
      outcome: 'no-difference',
      sentence:
        'rolling and canary let the connection leak reach all users equally often: 0/20 (0%) vs 0/20 (0%), difference 0 percentage points [95% CI −16–16], p = 1, n = 20 each',
    });
  });

  it('says when there are not enough trials to tell, and about how many would be', () => {
    const close = verdicts([
      { strategy: 'a', trials: detectedTrials([10, 20, 30, 40, 50]) },
      { strategy: 'b', trials: detectedTrials([15, 25, 35, 45, 55]) },
    ]);
    expect(close[0].outcome).toBe('not-enough-trials');
    expect(close[0].sentence).toMatch(
      /^a vs b, detection time: not enough trials to tell — about [\d,]+ per strategy would be needed \(median 30s vs 35s, shift 5s \[95% CI .+\], p = [\d.]+, n = 5 each\)$/,
    );
  });

  it('speaks of the healthy release in a control scenario', () => {
    const control = verdicts(
      [
        { strategy: 'calm', trials: range(30, 0, 1).map((trial) => ({ trial, failRate: 0 })) },
        {
          strategy: 'jumpy',
          trials: range(30, 0, 1).map((trial) => ({ trial, failRate: 0, detectedS: 100, recoveredS: 110 })),
        },
      ],
      'none',
    );
    expect(control.find((v) => v.quantity === 'falseRollbacks')!.sentence).toBe(
      'calm rolls back the healthy release less often than jumpy: 0/30 (0%) vs 30/30 (100%), difference 100 percentage points [95% CI 84–100], p < 0.001, n = 30 each',
    );
  });
});
