import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplan-meier.js';
import { survivalQuantile } from './survival-quantile.js';
import { maintained, nonMaintained } from './testing/aml.js';

// R 4.2.2, survival 3.5-3: quantile(survfit(...), probs) (fixtures/stats/reference-r.txt).
describe('survivalQuantile', () => {
  it('matches R on the AML maintained group (log band): 25/50/75% = 18, 31, 48', () => {
    const km = kaplanMeier(maintained.times, maintained.events);
    expect(survivalQuantile(km, 0.25)).toEqual({ quantile: 18, lower: 13, upper: null, p: 0.25 });
    expect(survivalQuantile(km, 0.5)).toEqual({ quantile: 31, lower: 18, upper: null, p: 0.5 });
    expect(survivalQuantile(km, 0.75)).toEqual({ quantile: 48, lower: 34, upper: null, p: 0.75 });
  });

  it('matches R with the log-log band', () => {
    const km = kaplanMeier(maintained.times, maintained.events, { confType: 'log-log' });
    expect(survivalQuantile(km, 0.25)).toEqual({ quantile: 18, lower: 9, upper: 34, p: 0.25 });
    expect(survivalQuantile(km, 0.5)).toEqual({ quantile: 31, lower: 13, upper: null, p: 0.5 });
  });

  it('matches R on both AML groups', () => {
    // quantile 12, 27, 43; lower 8, 18, 31; upper 30, 48, NA. The log band's upper curve turns
    // back up at 48 (0.4584 at 45, 0.4623 at 48): R's approx reads the lowest crossing value, 48.
    const km = kaplanMeier(
      [...maintained.times, ...nonMaintained.times],
      [...maintained.events, ...nonMaintained.events],
    );
    expect([0.25, 0.5, 0.75].map((p) => survivalQuantile(km, p))).toEqual([
      { quantile: 12, lower: 8, upper: 30, p: 0.25 },
      { quantile: 27, lower: 18, upper: 48, p: 0.5 },
      { quantile: 43, lower: 31, upper: null, p: 0.75 },
    ]);
  });

  it('takes the middle of a flat stretch at exactly p, as R (median of 1, 2, 3, 4 = 2.5)', () => {
    // quantile(survfit(Surv(1:4, rep(1, 4)) ~ 1), 0.5): 2.5, lower 1, upper NA.
    expect(survivalQuantile(kaplanMeier([1, 2, 3, 4], [true, true, true, true]), 0.5)).toEqual({
      quantile: 2.5,
      lower: 1,
      upper: null,
      p: 0.5,
    });
    // A heavily censored curve: quantiles 5, 8, 12; lower 2, 5, 8; upper NA.
    const km = kaplanMeier(
      [2, 3, 3, 5, 6, 6, 8, 9, 12, 15],
      [true, true, false, true, false, true, true, false, true, false],
    );
    expect([0.25, 0.5, 0.75].map((p) => survivalQuantile(km, p).quantile)).toEqual([5, 8, 12]);
    expect([0.25, 0.5, 0.75].map((p) => survivalQuantile(km, p).lower)).toEqual([2, 5, 8]);
  });

  it('is undefined when fewer than half had the event', () => {
    const km = kaplanMeier([5, 10, 10, 10], [true, false, false, false]);
    expect(survivalQuantile(km, 0.5).quantile).toBeNull();
    expect(() => survivalQuantile(km, 2)).toThrow(RangeError);
  });
});
