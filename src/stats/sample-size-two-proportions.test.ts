import { describe, expect, it } from 'vitest';
import { sampleSizeTwoProportions } from './sample-size-two-proportions.js';

describe('sampleSizeTwoProportions', () => {
  it('reproduces statistics.md: 1% → 2% at α .05, power .8 (2,318 per arm; one-sided 1,826)', () => {
    // R 4.2.2 power.prop.test(p1 = .01, p2 = .02, power = .8)$n = 2318.16467728155;
    // alternative = "one.sided": 1825.89902190354 (fixtures/stats/reference-r.txt).
    // statistics.md rounds 2318.16 to 2,318; "at least" that many is 2,319.
    expect(sampleSizeTwoProportions(0.01, 0.02)).toBe(2319);
    expect(sampleSizeTwoProportions(0.01, 0.02, { sided: 1 })).toBe(1826);
  });

  it('matches R’s power.prop.test for another design', () => {
    // power.prop.test(p1 = .05, p2 = .15, power = .9, sig.level = .01)$n = 265.345628790734
    expect(sampleSizeTwoProportions(0.05, 0.15, { alpha: 0.01, power: 0.9 })).toBe(266);
    expect(sampleSizeTwoProportions(0.15, 0.05, { alpha: 0.01, power: 0.9 })).toBe(266);
  });

  it('is ~6× the 381 of the margin-of-error formula statistics.md warns about', () => {
    expect(sampleSizeTwoProportions(0.01, 0.02) / 381).toBeGreaterThan(6);
  });

  it('rejects impossible designs', () => {
    expect(() => sampleSizeTwoProportions(0.1, 0.1)).toThrow(RangeError);
    expect(() => sampleSizeTwoProportions(0, 0.1)).toThrow(RangeError);
  });
});
