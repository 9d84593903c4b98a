import { describe, expect, it } from 'vitest';
import { powerTwoProportions } from './power-two-proportions.js';
import { expectClose } from './testing/expect-close.js';

describe('powerTwoProportions', () => {
  it('matches R’s power.prop.test(n, p1, p2)$power', () => {
    // R 4.2.2 (fixtures/stats/reference-r.txt): n = 2318, .01 vs .02 → 0.79997212333924;
    // n = 500, .10 vs .15 → 0.667030628606175.
    expectClose(powerTwoProportions(0.01, 0.02, 2318), 0.79997212333924, 12);
    expectClose(powerTwoProportions(0.1, 0.15, 500), 0.667030628606175, 12);
  });

  it('is α/2 with no difference and grows with n', () => {
    expectClose(powerTwoProportions(0.1, 0.1, 1000), 0.025, 12);
    expect(powerTwoProportions(0.1, 0.15, 1000)).toBeGreaterThan(powerTwoProportions(0.1, 0.15, 500));
  });
});
