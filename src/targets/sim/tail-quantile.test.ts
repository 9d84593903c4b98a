import { describe, expect, it } from 'vitest';
import { createRng } from '../../stats/rng.js';
import { chiSquareCritical, twoSampleChiSquare } from '../../test-support/chi-square.js';
import { fullDrawQuantile } from '../../test-support/latency-draw.js';
import {
  BUCKET_COUNT,
  bucketProbabilities,
  delayedCdf,
  lognormalCdf,
  lognormalFromPercentiles,
  quantileFromBuckets,
} from './latency.js';
import { tailQuantile, tailTable } from './tail-quantile.js';

const latency = lognormalFromPercentiles({ distribution: 'lognormal', p50Ms: 40, p99Ms: 220 });
const plain = bucketProbabilities(lognormalCdf(latency));
const delayed = bucketProbabilities(delayedCdf(latency, 300, 50));

describe('tailQuantile', () => {
  const cases: [string, number, number[], Float64Array[], [number, number][]][] = [
    ['one class, a second at 180 req/s', 0.99, [180], [plain], []],
    ['plain and delayed', 0.99, [120, 60], [plain, delayed], []],
    ['a few requests and timeouts at 1 s', 0.8, [12], [plain], [[7, 2]]],
    ['the median, with the router 503s at 0', 0.5, [40], [plain], [[0, 25]]],
    ['mostly 503s at 0', 0.995, [5], [plain], [[0, 400]]],
    ['a far tail often reached (3000 requests, q = 0.9995)', 0.9995, [3000], [plain], []],
    ['a far tail in both classes', 0.999, [2000, 1000], [plain, delayed], []],
  ];
  it.each(cases)(
    'has the distribution of the full draw: %s (chi-square, alpha 0.001)',
    (_, q, counts, probs, fixedAt) => {
      const fixed = new Float64Array(BUCKET_COUNT);
      for (const [k, n] of fixedAt) fixed[k] = n;
      const n = 20_000;
      const rngA = createRng(11);
      const rngB = createRng(12);
      const td = probs.map(tailTable);
      const a = Array.from({ length: n }, () =>
        tailQuantile(rngA, q, counts[0], td[0], counts[1] ?? 0, td[1] ?? null, fixed, 0),
      );
      const b = Array.from({ length: n }, () => fullDrawQuantile(rngB, q, counts, probs, fixed));
      const { statistic, df } = twoSampleChiSquare(a, b);
      expect(df).toBeGreaterThan(3);
      expect(statistic, `df ${df}`).toBeLessThan(chiSquareCritical(df));
    },
  );

  it('is the full histogram’s quantile when the draw is forced (all mass in one bucket per class)', () => {
    const one = new Float64Array(BUCKET_COUNT);
    one[5] = 1;
    const two = new Float64Array(BUCKET_COUNT);
    two[8] = 1;
    const fixed = new Float64Array(BUCKET_COUNT);
    fixed[0] = 3;
    const h = new Float64Array(BUCKET_COUNT);
    h[0] = 3;
    h[5] = 90;
    h[8] = 7;
    const [td1, td2] = [tailTable(one), tailTable(two)];
    for (const q of [0.5, 0.9, 0.93, 0.99, 1]) {
      expect(tailQuantile(createRng(1), q, 90, td1, 7, td2, fixed, 0)).toBe(quantileFromBuckets(h, 0, q));
    }
    expect(tailQuantile(createRng(1), 0.99, 0, td1, 0, null, new Float64Array(BUCKET_COUNT), 0)).toBe(0);
  });
});
