import { describe, expect, it } from 'vitest';
import { expectClose } from './testing/expect-close.js';
import { zeroEventUpperBound } from './zero-event-upper-bound.js';

describe('zeroEventUpperBound', () => {
  // [n, confidence, bound]: scipy.stats.beta.ppf(confidence, 1, n), the Clopper–Pearson
  // upper limit for 0 events (fixtures/stats/reference-py.txt).
  const reference: [number, number, number][] = [
    [1, 0.95, 0.95],
    [20, 0.95, 0.13910834066826516],
    [59, 0.95, 0.04950760988822693],
    [100, 0.95, 0.029513049607039925],
    [300, 0.99, 0.015233347889841823],
  ];
  it.each(reference)('n = %d at %d matches SciPy', (n, confidence, bound) => {
    expectClose(zeroEventUpperBound(n, confidence).exact, bound, 11);
  });

  it('gives the rule of three at 95% (statistics.md: 1 − 0.05^{1/n} ≈ 3/n)', () => {
    const b = zeroEventUpperBound(100);
    expectClose(b.ruleOfThree, -Math.log(0.05) / 100, 15);
    expect(b.ruleOfThree).toBeCloseTo(0.03, 3);
    expect(zeroEventUpperBound(0).exact).toBe(1);
  });
});
