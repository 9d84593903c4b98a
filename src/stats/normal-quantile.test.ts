import { probit } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal-cdf.js';
import { normalQuantile } from './normal-quantile.js';
import { expectClose } from './testing/expect-close.js';

describe('normalQuantile', () => {
  // [p, Φ⁻¹(p)]: scipy.stats.norm.ppf 1.17.1 (fixtures/stats/reference-py.txt); R 4.2.2
  // qnorm prints the same to 15 digits (reference-r.txt).
  const reference: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-12, -7.034483825301131],
    [0.001, -3.090232306167813],
    [0.025, -1.9599639845400545],
    [0.3, -0.5244005127080409],
    [0.5000001, 2.506628273311648e-7],
    [0.975, 1.959963984540054],
    [0.999999, 4.753424308817087],
  ];
  it.each(reference)('Φ⁻¹(%d) matches SciPy to 12 digits', (p, z) => {
    expectClose(normalQuantile(p), z, 12);
  });

  it('is not simple-statistics’ table lookup (statistics.md trap: probit(0.975) = 1.95716)', () => {
    expect(probit(0.975)).toBeCloseTo(1.95716, 4);
    expectClose(normalQuantile(0.975), 1.959963984540054, 14);
  });

  it('inverts normalCdf', () => {
    for (const p of [1e-200, 1e-9, 0.01, 0.2, 0.45, 0.55, 0.8, 0.99])
      expectClose(normalCdf(normalQuantile(p)), p, 12);
  });

  it('handles the edges', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});
