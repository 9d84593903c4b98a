import { cumulativeStdNormalProbability } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal-cdf.js';
import { expectClose } from './testing/expect-close.js';

describe('normalCdf', () => {
  // [z, Φ(z)]: scipy.stats.norm.cdf 1.17.1 (fixtures/stats/reference-py.txt), which agree
  // with R 4.2.2 pnorm (reference-r.txt) to the digits R prints.
  const reference: [number, number][] = [
    [-37, 5.7255712225239266e-300],
    [-20, 2.7536241186061556e-89],
    [-8, 6.22096057427174e-16],
    [-5, 2.866515718791933e-7],
    [-2.5, 0.006209665325776132],
    [-2.0, 0.022750131948179195],
    [-1.2, 0.11506967022170822],
    [0.3, 0.6179114221889526],
    [1.96, 0.9750021048517795],
    [4, 0.9999683287581669],
  ];
  it.each(reference)('Φ(%d) matches SciPy to 13 digits', (z, p) => {
    expectClose(normalCdf(z), p, 13);
  });

  it('keeps symmetry Φ(−z) = 1 − Φ(z) and the tails of the statistics.md trap', () => {
    // statistics.md: Φ(−5) = 2.87e-7, where simple-statistics' table lookup says 0.001.
    expectClose(normalCdf(-5), 2.866515718791933e-7, 13);
    expect(cumulativeStdNormalProbability(-5)).toBeCloseTo(0.001, 6);
    for (const z of [0.1, 0.7, 1.5, 2.49, 2.51, 3.3]) expectClose(normalCdf(-z), 1 - normalCdf(z), 12);
  });

  it('handles the edges', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(9)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});
