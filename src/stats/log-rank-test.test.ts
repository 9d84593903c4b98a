import { describe, expect, it } from 'vitest';
import { logRankTest } from './log-rank-test.js';
import { maintained, nonMaintained } from './testing/aml.js';
import { expectClose } from './testing/expect-close.js';

describe('logRankTest', () => {
  it('matches R’s survdiff and lifelines on the AML data', () => {
    // R 4.2.2 survdiff(Surv(time, status) ~ x, data = aml): chisq 3.3963886989776,
    // observed 7, 11, expected 10.6893359923007, 7.31066400769928, var 4.00755074593873;
    // lifelines 0.30.3 logrank_test: statistic 3.3963886989776024, p 0.0653393220405049.
    const r = logRankTest(maintained, nonMaintained);
    expectClose(r.chiSquare, 3.3963886989776, 13);
    expect(r.observed).toEqual([7, 11]);
    expectClose(r.expected[0], 10.6893359923007, 13);
    expectClose(r.expected[1], 7.31066400769928, 13);
    expectClose(r.variance, 4.00755074593873, 13);
    expectClose(r.pValue, 0.0653393220405049, 12);
    expect(r.z).toBeLessThan(0); // maintained relapses later: fewer events than expected
  });

  it('matches R on a second data set with tied times', () => {
    // survdiff on g (reference.R): chisq 2.43252583907983, obs 5, 6, exp 7.3209706959707, var 2.21453144916744.
    const a = {
      times: [3, 5, 7, 9, 11, 11, 13, 15],
      events: [true, false, true, true, false, true, true, false],
    };
    const b = { times: [2, 4, 4, 6, 8, 10, 12], events: [true, true, true, false, true, true, true] };
    const r = logRankTest(a, b);
    expectClose(r.chiSquare, 2.43252583907983, 13);
    expectClose(r.expected[0], 7.3209706959707, 13);
    expectClose(r.variance, 2.21453144916744, 13);
  });

  it('has no evidence without events', () => {
    const r = logRankTest({ times: [1], events: [false] }, { times: [2], events: [false] });
    expect(r.pValue).toBe(1);
    expect(() => logRankTest({ times: [], events: [] }, { times: [1], events: [true] })).toThrow(RangeError);
  });
});
