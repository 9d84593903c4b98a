import { describe, expect, it } from 'vitest';
import { createRng } from '../../stats/rng.js';
import { chiSquareCritical, twoSampleChiSquare } from '../../test-support/chi-square.js';
import { fullDrawQuantile } from '../../test-support/latency-draw.js';
import {
  BUCKET_COUNT,
  bucketProbabilities,
  lognormalCdf,
  lognormalFromPercentiles,
  quantileFromBuckets,
} from './latency.js';
import { aliasTable, QuantileDistributions } from './quantile-distribution.js';

const latency = lognormalFromPercentiles({ distribution: 'lognormal', p50Ms: 40, p99Ms: 220 });
const plain = bucketProbabilities(lognormalCdf(latency));

/** Every way n requests can fall into the buckets, with its probability: the quantile's exact distribution. */
function enumerated(q: number, n: number, probs: Float64Array): Map<number, number> {
  const out = new Map<number, number>();
  const h = new Float64Array(BUCKET_COUNT);
  const visit = (i: number, p: number) => {
    if (p === 0) return;
    if (i === n) {
      const value = quantileFromBuckets(h, 0, q);
      out.set(value, (out.get(value) ?? 0) + p);
      return;
    }
    for (let k = 0; k < BUCKET_COUNT; k++) {
      h[k]++;
      visit(i + 1, p * probs[k]);
      h[k]--;
    }
  };
  visit(0, 1);
  return out;
}

describe('QuantileDistributions', () => {
  it.each([
    [0.99, 1],
    [0.99, 2],
    [0.99, 4],
    [0.5, 3],
    [0.5, 4], // a rank that is a whole number
    [0.8, 4],
  ])(
    'gives the exact distribution of the q = %s quantile of %i requests (every histogram enumerated)',
    (q, n) => {
      const exact = enumerated(q, n, plain);
      // Half of the mass as rare outcomes, drawn apart: the mixture must be the same.
      const table = new QuantileDistributions(q, plain, n > 2 ? 0.5 : undefined).probabilities(n);
      let total = 0;
      for (const [value, p] of table) {
        total += p;
        expect(exact.has(value), `value ${value}`).toBe(true);
      }
      expect(total).toBeCloseTo(1, 12);
      for (const [value, p] of exact) expect(table.get(value) ?? 0, `value ${value}`).toBeCloseTo(p, 12);
    },
  );

  it.each([
    [0.99, 180, undefined],
    [0.8, 12, undefined],
    [0.9995, 3000, undefined],
    [0.99, 180, 0.3], // 30% of the mass drawn as rare outcomes
  ])(
    'draws like the full histogram: q = %s of %i requests, rare mass %s (two-sample chi-square, alpha 0.001)',
    (q, n, rare) => {
      const d = new QuantileDistributions(q, plain, rare);
      const draws = 20_000;
      const rngA = createRng(21);
      const rngB = createRng(22);
      const a = Array.from({ length: draws }, () => d.draw(rngA, n));
      const b = Array.from({ length: draws }, () => fullDrawQuantile(rngB, q, [n], [plain]));
      const { statistic, df } = twoSampleChiSquare(a, b);
      expect(df).toBeGreaterThan(3);
      expect(statistic, `df ${df}`).toBeLessThan(chiSquareCritical(df));
    },
  );

  it('covers whole request counts from 1 to 4096', () => {
    const d = new QuantileDistributions(0.99, plain);
    expect([0, 1, 4096, 4097, 2.5].map((n) => d.covers(n))).toEqual([false, true, true, false, false]);
  });
});

describe('aliasTable', () => {
  it('gives each outcome its weight’s share', () => {
    const w = [5, 1e-9, 3, 0, 2, 0.5];
    const { keep, alias } = aliasTable(w);
    const m = w.length;
    const got = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      got[i] += keep[i] / m;
      got[alias[i]] += (1 - keep[i]) / m;
    }
    const total = w.reduce((a, b) => a + b, 0);
    for (const [i, x] of w.entries()) expect(got[i]).toBeCloseTo(x / total, 14);
  });
});
