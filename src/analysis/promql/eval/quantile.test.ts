import { describe, expect, it } from 'vitest';
import { quantile } from './quantile.js';

describe('quantile', () => {
  it('interpolates between the ranks around q·(n−1)', () => {
    expect(quantile(0.5, [4, 1, 3, 2])).toBe(2.5);
    expect(quantile(0, [4, 1, 3, 2])).toBe(1);
    expect(quantile(1, [4, 1, 3, 2])).toBe(4);
    expect(quantile(0.9, [10])).toBe(10);
  });

  it('sorts NaN first, as Prometheus does', () => {
    expect(quantile(0, [1, Number.NaN])).toBeNaN();
    expect(quantile(1, [1, Number.NaN])).toBe(1);
  });

  it('special cases', () => {
    expect(quantile(0.5, [])).toBeNaN();
    expect(quantile(Number.NaN, [1])).toBeNaN();
    expect(quantile(-1, [1])).toBe(Number.NEGATIVE_INFINITY);
    expect(quantile(2, [1])).toBe(Number.POSITIVE_INFINITY);
  });
});
