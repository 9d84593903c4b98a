import { describe, expect, it } from 'vitest';
import { jackknifeAcceleration } from './jackknife-acceleration.js';
import { sample } from './testing/bootstrap-fixture.js';
import { expectClose } from './testing/expect-close.js';

const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;

describe('jackknifeAcceleration', () => {
  it('matches SciPy’s â for the mean (fixtures/stats/reference-py.txt: 0.08594846137683362)', () => {
    expectClose(jackknifeAcceleration([sample], mean), 0.08594846137683362, 12);
  });

  it('for the mean equals the sample skewness / (6√n) (Efron & Tibshirani 1993, §14.3)', () => {
    // For the mean, jackknife values give â = Σ(xᵢ − x̄)³ / (6 (Σ(xᵢ − x̄)²)^{3/2}).
    const x = [1, 2, 3, 10];
    const m = 4;
    const d = x.map((v) => v - m);
    const expected = d.reduce((a, v) => a + v ** 3, 0) / (6 * d.reduce((a, v) => a + v ** 2, 0) ** 1.5);
    expectClose(jackknifeAcceleration([x], mean), expected, 13);
    expect(jackknifeAcceleration([[4, 4, 4]], mean)).toBe(0);
  });
});
