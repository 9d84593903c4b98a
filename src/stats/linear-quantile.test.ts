import { describe, expect, it } from 'vitest';
import { linearQuantile } from './linear-quantile.js';
import { expectClose } from './testing/expect-close.js';

describe('linearQuantile', () => {
  // numpy.percentile([7, 1, 3.5, 9.25, 2, 11, 4], q) (default "linear"), fixtures/stats/reference-py.txt.
  const sorted = [7.0, 1.0, 3.5, 9.25, 2.0, 11.0, 4.0].sort((a, b) => a - b);
  const reference: [number, number][] = [
    [0, 1.0],
    [0.1, 1.6],
    [0.25, 2.75],
    [0.5, 4.0],
    [0.9, 9.950000000000001],
    [0.975, 10.737499999999999],
    [1, 11.0],
  ];
  it.each(reference)('p = %d matches NumPy', (p, q) => {
    expectClose(linearQuantile(sorted, p), q, 14);
  });

  it('handles the edges', () => {
    expect(linearQuantile([], 0.5)).toBeNaN();
    expect(linearQuantile([3], 0.7)).toBe(3);
    expect(linearQuantile([1, 2], 1.5)).toBeNaN();
  });
});
