import { describe, expect, it } from 'vitest';
import { bucketQuantile } from './bucket-quantile.js';

const INF = Number.POSITIVE_INFINITY;

/** φ-quantile of [upper bound, cumulative count] pairs, in any order. */
function q(phi: number, buckets: [number, number][]): number {
  const upper = Float64Array.from(buckets.map((b) => b[0]));
  const counts = Float64Array.from(buckets.map((b) => b[1]));
  return bucketQuantile(phi, upper, counts, 0, buckets.length);
}

const h: [number, number][] = [
  [0.1, 5],
  [0.25, 8],
  [0.5, 9],
  [INF, 10],
];

describe('bucketQuantile (Prometheus 2.42)', () => {
  it('interpolates linearly inside the bucket holding rank φ·count, from 0 in the first', () => {
    // φ = 0.5: rank 5 falls in (0, 0.1] holding 5: 0 + 0.1 · 5/5.
    expect(q(0.5, h)).toBe(0.1);
    // φ = 0.75: rank 7.5 falls in (0.1, 0.25] holding 3; 2.5 into it: 0.1 + 0.15 · 2.5/3.
    expect(q(0.75, h)).toBeCloseTo(0.225, 15);
    // φ = 0.9: rank 9 is the top of (0.25, 0.5].
    expect(q(0.9, h)).toBe(0.5);
    expect(q(0, h)).toBe(0);
  });

  it('answers with the highest finite bound when the rank falls in the +Inf bucket', () => {
    expect(q(0.95, h)).toBe(0.5);
    expect(q(1, h)).toBe(0.5);
  });

  it('takes the buckets in any order', () => {
    expect(q(0.75, [...h].reverse())).toBeCloseTo(0.225, 15);
  });

  it('has special cases for φ outside [0, 1], checked first', () => {
    expect(q(-0.1, h)).toBe(Number.NEGATIVE_INFINITY);
    expect(q(1.1, h)).toBe(INF);
    expect(q(Number.NaN, h)).toBeNaN();
    expect(q(-1, [[0.1, 1]])).toBe(Number.NEGATIVE_INFINITY);
  });

  it('is NaN without a +Inf bucket, with fewer than two buckets, or with no observations', () => {
    expect(
      q(0.5, [
        [0.1, 5],
        [0.5, 9],
      ]),
    ).toBeNaN();
    expect(q(0.5, [[INF, 10]])).toBeNaN();
    expect(
      q(0.5, [
        [0.1, 0],
        [INF, 0],
      ]),
    ).toBeNaN();
  });

  it('merges buckets with equal bounds', () => {
    // Two (0.1] buckets of 2 and 3 make one of 5.
    expect(
      q(0.5, [
        [0.1, 2],
        [0.1, 3],
        [INF, 10],
      ]),
    ).toBe(0.1);
    // One +Inf bucket left after merging: fewer than two buckets.
    expect(
      q(0.5, [
        [INF, 2],
        [INF, 3],
      ]),
    ).toBeNaN();
  });

  it('raises a bucket that counts less than a lower one (the monotonicity fix)', () => {
    // 5, 4, 10 becomes 5, 5, 10; rank 5 is then in the first bucket.
    expect(
      q(0.5, [
        [0.1, 5],
        [0.25, 4],
        [INF, 10],
      ]),
    ).toBe(0.1);
    // Rank 7 skips the emptied (0.1, 0.25] and lands in +Inf.
    expect(
      q(0.7, [
        [0.1, 5],
        [0.25, 4],
        [INF, 10],
      ]),
    ).toBe(0.25);
  });

  it('returns a first bound ≤ 0 as is, without interpolating from 0', () => {
    expect(
      q(0.25, [
        [-1, 2],
        [INF, 4],
      ]),
    ).toBe(-1);
    expect(
      q(0.25, [
        [0, 2],
        [INF, 4],
      ]),
    ).toBe(0);
  });

  it('reads a slice of shared arrays', () => {
    const upper = Float64Array.from([9, 9, 0.1, 0.25, INF]);
    const counts = Float64Array.from([9, 9, 5, 8, 10]);
    expect(bucketQuantile(0.75, upper, counts, 2, 3)).toBeCloseTo(0.225, 15);
  });
});
