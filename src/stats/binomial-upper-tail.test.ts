import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from './binomial-upper-tail.js';
import { expectClose } from './testing/expect-close.js';

describe('binomialUpperTail', () => {
  // [n, p, k, P(X > k)]: scipy.stats.binom.sf(k, n, p) 1.17.1 (fixtures/stats/reference-py.txt).
  const reference: [number, number, number, number][] = [
    [10, 0.05, 0, 0.4012630607616211],
    [10, 0.05, 1, 0.08613835589931637],
    [10, 0.05, 2, 0.011503557379296871],
    [30, 0.02, 3, 0.0028934812835583325],
    [200, 0.3, 80, 0.0010084110063372223],
    [1000, 0.001, 5, 0.0005880701017629785],
  ];
  it.each(reference)('Bin(%d, %d): P(X > %d) matches SciPy', (n, p, k, expected) => {
    expectClose(binomialUpperTail(n, p, k), expected, 12);
  });

  it('handles the edges', () => {
    expect(binomialUpperTail(10, 0.3, -1)).toBe(1);
    expect(binomialUpperTail(10, 0.3, 10)).toBe(0);
    expect(binomialUpperTail(10, 0, 0)).toBe(0);
    expect(binomialUpperTail(10, 1, 9)).toBe(1);
    expect(() => binomialUpperTail(10, 1.2, 1)).toThrow(RangeError);
  });
});
