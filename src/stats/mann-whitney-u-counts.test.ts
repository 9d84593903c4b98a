import { describe, expect, it } from 'vitest';
import { mannWhitneyUCounts } from './mann-whitney-u-counts.js';
import { expectClose } from './testing/expect-close.js';

describe('mannWhitneyUCounts', () => {
  it('matches R’s dwilcox × choose(m + n, m)', () => {
    // R 4.2.2 (fixtures/stats/reference-r.txt): dwilcox(0:4, 2, 2) * choose(4, 2)
    expect([...mannWhitneyUCounts(2, 2)]).toEqual([1, 1, 2, 1, 1]);
    // dwilcox(0:20, 4, 5) * choose(9, 4)
    expect([...mannWhitneyUCounts(4, 5)]).toEqual([
      1, 1, 2, 3, 5, 6, 8, 9, 11, 11, 12, 11, 11, 9, 8, 6, 5, 3, 2, 1, 1,
    ]);
    expect([...mannWhitneyUCounts(5, 4)]).toEqual([...mannWhitneyUCounts(4, 5)]);
  });

  it('gives R’s pwilcox', () => {
    // pwilcox(c(3, 10, 25), 6, 8) → 0.00233100233100233 0.04062604062604063 0.57409257409257408
    const counts = mannWhitneyUCounts(6, 8);
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBe(3003);
    const cdf = (k: number) => counts.slice(0, k + 1).reduce((a, b) => a + b, 0) / total;
    expectClose(cdf(3), 0.00233100233100233, 14);
    expectClose(cdf(10), 0.04062604062604063, 14);
    expectClose(cdf(25), 0.57409257409257408, 14);
  });

  it('sums to C(m + n, m) for larger samples and handles an empty one', () => {
    const counts = mannWhitneyUCounts(8, 40);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(377348994); // C(48, 8)
    expect([...mannWhitneyUCounts(0, 5)]).toEqual([1]);
  });
});
