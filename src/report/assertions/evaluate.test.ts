import { describe, expect, it } from 'vitest';
import type { ScenarioCell } from '../comparisons/scenario-comparisons.js';
import { cellStatistics } from '../statistics/cell-statistics.js';
import { cellInput, detectedTrials, type TrialSpec } from '../test-support/journals.js';
import { evaluateAssertions } from './evaluate.js';

const range = (n: number, from: number, step: number) => Array.from({ length: n }, (_, i) => from + i * step);

function cells(
  faultType: string,
  specs: readonly { strategy: string; trials: readonly TrialSpec[] }[],
): ScenarioCell[] {
  return specs.map((spec) => {
    const input = cellInput({ ...spec, faultType, scenario: 's' });
    return { input, statistics: cellStatistics(input, 7) };
  });
}

describe('evaluateAssertions', () => {
  const fault = cells('connectionLeak', [
    // Detected 10 s … 100 s after onset; KM median 55 s, p90 95 s.
    { strategy: 'canary', trials: detectedTrials(range(10, 10, 10), 20) },
    // 3 of 10 detected: the median is never reached.
    {
      strategy: 'rolling',
      trials: [
        ...detectedTrials([30, 60, 90]),
        ...range(7, 3, 1).map((trial) => ({ trial, promotedS: 120 })),
      ],
    },
  ]);
  const run = (...assertions: string[]) => evaluateAssertions('s', 'connectionLeak', assertions, fault);

  it('compares the point estimate and reports it with its interval and n', () => {
    const [p90, median] = run('canary.detection.p90 < 2m', 'canary.detection < 50s');
    expect(p90.status).toBe('passed');
    expect(p90.message).toMatch(/^canary\.detection\.p90 = 1m35s \[95% CI .+\], n = 10; wanted < 2m$/);
    expect(median.status).toBe('failed');
    expect(median.message).toMatch(/^canary\.detection\.median = 55s .*; wanted < 50s$/);
    expect(median.checks).toEqual([
      expect.objectContaining({ strategy: 'canary', passed: false, value: 55_000 }),
    ]);
  });

  it('counts a Kaplan–Meier quantile that is not reached as later than anything', () => {
    const [lt, gt] = run('rolling.detection.median < 1h', 'rolling.detection.median > 1h');
    expect(lt.status).toBe('failed');
    expect(lt.message).toBe('rolling.detection.median = not reached (3/10 detected), n = 10; wanted < 1h');
    expect(gt.status).toBe('passed');
  });

  it('evaluates rates, rollback times and blast radius', () => {
    const results = run(
      'canary.detection.rate > 0.9',
      'rolling.detection.rate > 0.9',
      'rolling.escapes < 0.5',
      'canary.rollback.median <= 20s',
      'canary.blastRadius.median < 1000',
      'canary.controlPlane.p90 < 1m',
    );
    expect(results.map((r) => r.status)).toEqual([
      'passed',
      'failed',
      'failed',
      'passed',
      'passed',
      'passed',
    ]);
    expect(results[2].message).toMatch(
      /^rolling\.escapes\.rate = 70% \[95% CI 40%–89%\], n = 10; wanted < 0\.5$/,
    );
  });

  it('checks every strategy for *, and names the ones that failed', () => {
    const [all] = run('*.detection.rate >= 90%');
    expect(all.status).toBe('failed');
    expect(all.checks.map((c) => [c.strategy, c.passed])).toEqual([
      ['canary', true],
      ['rolling', false],
    ]);
    expect(all.message).toMatch(/^rolling\.detection\.rate = 30% .*; wanted >= 90%$/);
  });

  it('skips a strategy that was not run, and fails closed on what cannot be evaluated', () => {
    const [skipped, invalid, wrongKind] = run(
      'shadow.escapes < 0.1',
      'canary.escapes <<< 0.1',
      'canary.falseRollbacks < 0.1',
    );
    expect(skipped).toMatchObject({
      status: 'skipped',
      message: 'strategy shadow was not run (left out with --strategy?)',
    });
    expect(invalid.status).toBe('error');
    expect(invalid.message).toMatch(/^invalid assertion: /);
    expect(wrongKind.status).toBe('error');
  });

  it('evaluates false rollbacks in a control scenario', () => {
    const control = cells('none', [
      {
        strategy: 'canary',
        trials: range(10, 0, 1).map((trial) => ({
          trial,
          failRate: 0,
          detectedS: trial < 2 ? 100 : null,
          recoveredS: trial < 2 ? 110 : null,
        })),
      },
    ]);
    const [r] = evaluateAssertions('c', 'none', ['canary.falseRollbacks < 0.1'], control);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(
      /^canary\.falseRollbacks\.rate = 20% \[95% CI 5\.7%–51%\], n = 10; wanted < 0\.1$/,
    );
  });
});
