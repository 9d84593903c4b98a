import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../stats/rng.js';
import { chiSquareCritical } from '../../test-support/chi-square.js';
import { binomial } from './draws.js';
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

/** The reference: every class drawn over every bucket (a multinomial), then the quantile. */
function fullDraw(rng: Rng, q: number, counts: number[], probs: Float64Array[], fixed: Float64Array): number {
  const h = Float64Array.from(fixed);
  counts.forEach((n, c) => {
    let left = n;
    let pLeft = 1;
    for (let k = 0; k < BUCKET_COUNT && left > 0; k++) {
      const x = k === BUCKET_COUNT - 1 ? left : binomial(rng, left, Math.min(1, probs[c][k] / pLeft));
      h[k] += x;
      left -= x;
      pLeft -= probs[c][k];
    }
  });
  return quantileFromBuckets(h, 0, q);
}

/**
 * Two-sample chi-square of equal-size samples of a discrete statistic: cells are its
 * distinct values in order, merged until each holds ≥ 10 of the pooled draws.
 */
function twoSample(a: number[], b: number[]): { statistic: number; df: number } {
  const values = [...new Set([...a, ...b])].sort((x, y) => x - y);
  const index = new Map(values.map((v, i) => [v, i]));
  const ca = new Float64Array(values.length);
  const cb = new Float64Array(values.length);
  for (const x of a) ca[index.get(x)!]++;
  for (const x of b) cb[index.get(x)!]++;
  const cells: [number, number][] = [];
  let oa = 0;
  let ob = 0;
  for (let i = 0; i < values.length; i++) {
    oa += ca[i];
    ob += cb[i];
    if (oa + ob >= 10) {
      cells.push([oa, ob]);
      oa = 0;
      ob = 0;
    }
  }
  if (oa + ob > 0 && cells.length > 0) {
    cells[cells.length - 1][0] += oa;
    cells[cells.length - 1][1] += ob;
  }
  let statistic = 0;
  for (const [x, y] of cells) statistic += (x - y) ** 2 / (x + y);
  return { statistic, df: cells.length - 1 };
}

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
      const b = Array.from({ length: n }, () => fullDraw(rngB, q, counts, probs, fixed));
      const { statistic, df } = twoSample(a, b);
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
