import { describe, expect, it } from 'vitest';
import { percentileInterval } from './percentile-interval.js';
import { meanReps, medianReps } from './testing/bootstrap-fixture.js';
import { expectClose } from './testing/expect-close.js';

describe('percentileInterval', () => {
  it('matches scipy.stats.quantile of the replicates at α/2, 1 − α/2', () => {
    // fixtures/stats/reference-py.txt: mean replicates, 90% → [40.338233333333335, 65.28756666666666],
    // 95% → [39.29339999999999, 67.05700000000002]; median replicates 95% → [36.83, 59.648499999999984].
    const r90 = percentileInterval(55, meanReps, 0.9);
    expectClose(r90.lower, 40.338233333333335, 12);
    expectClose(r90.upper, 65.28756666666666, 12);
    const r95 = percentileInterval(55, meanReps, 0.95);
    expectClose(r95.lower, 39.29339999999999, 12);
    expectClose(r95.upper, 67.05700000000002, 12);
    expectClose(percentileInterval(53.34, medianReps, 0.95).upper, 59.648499999999984, 12);
    expect(r95.estimate).toBe(55);
  });

  it('keeps the doc example', () => {
    const r = percentileInterval(0.5, [0, 0.25, 0.5, 0.75, 1], 0.5);
    expect([r.lower, r.upper]).toEqual([0.25, 0.75]);
    expect(() => percentileInterval(0, [])).toThrow(RangeError);
  });
});
