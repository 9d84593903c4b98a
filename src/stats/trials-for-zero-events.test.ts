import { describe, expect, it } from 'vitest';
import { trialsForZeroEvents } from './trials-for-zero-events.js';
import { zeroEventUpperBound } from './zero-event-upper-bound.js';

describe('trialsForZeroEvents', () => {
  it('needs 59 clean control runs to certify < 5% at 95% (statistics.md: “about 60”)', () => {
    // ln(0.05)/ln(0.95) = 58.40 → 59; scipy.stats.beta.ppf(0.95, 1, 59) = 0.0495 < 0.05 while n = 58 gives > 0.05.
    expect(trialsForZeroEvents(0.05)).toBe(59);
    expect(zeroEventUpperBound(59).exact).toBeLessThan(0.05);
    expect(zeroEventUpperBound(58).exact).toBeGreaterThan(0.05);
  });

  it('is the inverse of zeroEventUpperBound', () => {
    for (const [rate, confidence] of [
      [0.01, 0.95],
      [0.001, 0.99],
      [0.2, 0.9],
    ]) {
      const n = trialsForZeroEvents(rate, confidence);
      expect(zeroEventUpperBound(n, confidence).exact).toBeLessThanOrEqual(rate);
      expect(zeroEventUpperBound(n - 1, confidence).exact).toBeGreaterThan(rate);
    }
    expect(trialsForZeroEvents(0.01)).toBe(299);
    expect(() => trialsForZeroEvents(0)).toThrow(RangeError);
  });
});
