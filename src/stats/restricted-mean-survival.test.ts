import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplan-meier.js';
import { restrictedMeanSurvival } from './restricted-mean-survival.js';
import { maintained } from './testing/aml.js';
import { expectClose } from './testing/expect-close.js';

// R 4.2.2, survival 3.5-3: summary(survfit(...), rmean = H)$table (fixtures/stats/reference-r.txt).
describe('restrictedMeanSurvival', () => {
  it('matches R’s rmean and se(rmean) on the AML maintained group', () => {
    const km = kaplanMeier(maintained.times, maintained.events);
    const h100 = restrictedMeanSurvival(km, 100);
    expectClose(h100.mean, 41.4159090909091, 13);
    expectClose(h100.stdErr, 10.8288647168605, 13);
    const h40 = restrictedMeanSurvival(km, 40);
    expectClose(h40.mean, 28.8977272727273, 13);
    expectClose(h40.stdErr, 3.4675776788916, 13);
  });

  it('matches R on a censored curve with ties', () => {
    // rmean = 14: 8.47142857142857, se 1.45132090232176.
    const km = kaplanMeier(
      [2, 3, 3, 5, 6, 6, 8, 9, 12, 15],
      [true, true, false, true, false, true, true, false, true, false],
    );
    const r = restrictedMeanSurvival(km, 14);
    expectClose(r.mean, 8.47142857142857, 13);
    expectClose(r.stdErr, 1.45132090232176, 13);
  });

  it('is the plain mean without censoring, and 0 at H = 0', () => {
    expect(restrictedMeanSurvival(kaplanMeier([1, 2, 3, 4], [true, true, true, true]), 10).mean).toBe(2.5);
    expect(restrictedMeanSurvival(kaplanMeier([1], [true]), 0).mean).toBe(0);
  });
});
