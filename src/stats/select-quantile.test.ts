import { describe, expect, it } from 'vitest';
import { linearQuantile } from './linear-quantile.js';
import { createRng } from './rng.js';
import { selectQuantile } from './select-quantile.js';

describe('selectQuantile', () => {
  it('gives exactly what sorting and linearQuantile give, with ties, for many sizes and p', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 3000; trial++) {
      const n = 1 + Math.floor(rng.next() * 60);
      // Few distinct values half the time: ties everywhere.
      const distinct = rng.next() < 0.5 ? 1 + Math.floor(rng.next() * 4) : 1000;
      const x = Float64Array.from({ length: n }, () => Math.floor(rng.next() * distinct) * 1.5 - 3);
      for (const p of [0, 0.1, 0.5, 0.9, 0.99, 1]) {
        const expected = linearQuantile(Float64Array.from(x).sort(), p);
        expect(selectQuantile(Float64Array.from(x), p)).toBe(expected);
      }
    }
  });

  it('matches the example and the edge cases of linearQuantile', () => {
    expect(selectQuantile(Float64Array.of(4, 1, 3, 2), 0.9)).toBeCloseTo(3.7, 12);
    expect(selectQuantile(new Float64Array(0), 0.5)).toBeNaN();
    expect(selectQuantile(Float64Array.of(5), 0.5)).toBe(5);
    expect(selectQuantile(Float64Array.of(1, 2), Number.NaN)).toBeNaN();
    expect(selectQuantile(Float64Array.of(3, Number.NaN, 1), 0.5)).toBe(3);
  });
});
