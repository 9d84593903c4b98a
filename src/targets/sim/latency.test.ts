import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../stats/normal-cdf.js';
import { normalQuantile } from '../../stats/normal-quantile.js';
import { createRng } from '../../stats/rng.js';
import { NormalSource } from './draws.js';
import {
  BUCKET_BOUNDS_S,
  BUCKET_COUNT,
  BUCKET_LABELS,
  bucketMeansMs,
  bucketOf,
  bucketProbabilities,
  delayedCdf,
  lognormalCdf,
  lognormalFromPercentiles,
  phi,
  phiInverse,
  quantileFromBuckets,
} from './latency.js';

const MODEL = { distribution: 'lognormal', p50Ms: 40, p99Ms: 220 } as const;

/** Per-bucket counts (length 12) from a sparse {index: count}. */
function counts(sparse: Record<number, number>, offset = 0): Float64Array {
  const a = new Float64Array(offset + BUCKET_COUNT);
  for (const [i, c] of Object.entries(sparse)) a[offset + Number(i)] = c;
  return a;
}

describe('lognormalFromPercentiles', () => {
  it.each([
    [40, 220],
    [5, 6],
    [300, 4000],
  ])('reproduces p50 = %s ms and p99 = %s ms', (p50Ms, p99Ms) => {
    const { mu, sigma } = lognormalFromPercentiles({ distribution: 'lognormal', p50Ms, p99Ms });
    // exp(μ + σ·z_q) is the q-quantile; z_0.99 from an independent quantile function.
    expect(Math.exp(mu)).toBeCloseTo(p50Ms, 9);
    expect(Math.exp(mu + sigma * normalQuantile(0.99))).toBeCloseTo(p99Ms, 9);
    const cdf = lognormalCdf({ mu, sigma });
    expect(cdf(p50Ms)).toBeCloseTo(0.5, 6);
    expect(cdf(p99Ms)).toBeCloseTo(0.99, 6);
  });
});

describe('phi and phiInverse', () => {
  it('agree with the stats module to the approximation accuracy', () => {
    for (let x = -6; x <= 6; x += 0.25) expect(Math.abs(phi(x) - normalCdf(x))).toBeLessThan(2e-7);
    for (const p of [1e-6, 0.001, 0.02, 0.3, 0.5, 0.9, 0.99, 0.999999])
      expect(Math.abs(phiInverse(p) - normalQuantile(p))).toBeLessThan(1e-6);
  });
});

describe('bucketOf', () => {
  it('puts a latency on a bound into that bucket (Prometheus `le` is inclusive), just above into the next', () => {
    BUCKET_BOUNDS_S.forEach((bound, i) => {
      const ms = bound * 1000;
      expect(bucketOf(ms)).toBe(i);
      expect(bucketOf(ms * (1 + 1e-9))).toBe(i + 1);
      expect(bucketOf(ms * (1 - 1e-9))).toBe(i);
    });
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(10_000)).toBe(10);
    expect(bucketOf(10_000.001)).toBe(11);
    expect(bucketOf(1e9)).toBe(11);
    expect(BUCKET_LABELS[11]).toBe('+Inf');
    expect(BUCKET_LABELS[0]).toBe('0.005');
  });
});

describe('bucketProbabilities', () => {
  it('are the lognormal CDF differences at the bounds and sum to 1', () => {
    const params = lognormalFromPercentiles(MODEL);
    const cdf = lognormalCdf(params);
    const probs = bucketProbabilities(cdf);
    expect(probs.length).toBe(BUCKET_COUNT);
    let sum = 0;
    let prev = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      expect(probs[i]).toBeGreaterThanOrEqual(0);
      const upper =
        i < BUCKET_BOUNDS_S.length
          ? normalCdf((Math.log(BUCKET_BOUNDS_S[i] * 1000) - params.mu) / params.sigma)
          : 1;
      expect(Math.abs(probs[i] - (upper - prev))).toBeLessThan(1e-6);
      prev = upper;
      sum += probs[i];
    }
    expect(sum).toBeCloseTo(1, 12);
  });

  it('never go negative for a CDF that is not monotone, and still sum to 1', () => {
    const probs = bucketProbabilities((ms) => (ms === 50 ? 0.2 : Math.min(1, ms / 1000)));
    for (const p of probs) expect(p).toBeGreaterThanOrEqual(0);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('delayedCdf', () => {
  it.each([
    [300, 0],
    [300, 100],
    [50, 80],
  ])('matches Monte Carlo of service time + max(0, N(%s, %s²))', (delayMs, jitterMs) => {
    const params = lognormalFromPercentiles(MODEL);
    const cdf = delayedCdf(params, delayMs, jitterMs);
    const rng = createRng(delayMs + jitterMs);
    const normal = new NormalSource(rng);
    const n = 40_000;
    const xs = Float64Array.from({ length: n }, () => {
      const d = delayMs + jitterMs * normal.next();
      return Math.exp(params.mu + params.sigma * normal.next()) + Math.max(0, d);
    }).sort();
    for (const q of [0.05, 0.25, 0.5, 0.75, 0.95, 0.99]) {
      const x = xs[Math.floor(q * n)];
      const empirical = Math.floor(q * n) / n;
      // 4.5 binomial SEs of an empirical CDF, plus the 400-quantile grid's step (≤ 1/400).
      const tolerance = 4.5 * Math.sqrt((q * (1 - q)) / n) + 1 / 400;
      expect(Math.abs(cdf(x) - empirical), `at ${x} ms`).toBeLessThan(tolerance);
    }
  });

  it('shifts every quantile by the delay when there is no jitter', () => {
    // L + d ≤ x ⇔ L ≤ x − d: the p99 of the delayed time is p99 + d = 520 ms.
    const cdf = delayedCdf(lognormalFromPercentiles(MODEL), 300, 0);
    expect(Math.abs(cdf(520) - 0.99)).toBeLessThan(1 / 400);
    expect(cdf(300)).toBe(0);
  });
});

describe('quantileFromBuckets (Prometheus histogram_quantile)', () => {
  // bucketQuantile: rank = q·total; the first bucket whose cumulative count reaches rank;
  // start + (end − start)·(rank − cumulative below)/(bucket count); the first bucket
  // starts at 0; landing in +Inf gives the largest finite bound.
  it.each([
    // {bucket: count}, q, expected ms
    [{ 2: 10, 3: 10 }, 0.5, 25], // rank 10 = cumulative of (10, 25]: its upper bound
    [{ 2: 10, 3: 10 }, 0.25, 17.5], // rank 5: 10 + 15·5/10
    [{ 2: 10, 3: 10 }, 0.99, 49.5], // rank 19.8: 25 + 25·9.8/10
    [{ 0: 4 }, 0.5, 2.5], // first bucket [0, 5]: 5·2/4
    [{ 5: 99, 11: 1 }, 0.99, 250], // rank 99 = cumulative of (100, 250]
    [{ 5: 98, 11: 2 }, 0.99, 10_000], // rank 99 lands in +Inf
    [{ 1: 1, 7: 1 }, 0.9, 900], // rank 1.8: empty buckets skipped; in (500, 1000]: 500 + 500·0.8/1
  ])('%o at q = %s is %s ms', (sparse, q, expected) => {
    expect(quantileFromBuckets(counts(sparse), 0, q)).toBeCloseTo(expected, 9);
    expect(quantileFromBuckets(counts(sparse, 12), 12, q)).toBeCloseTo(expected, 9);
  });

  it('is 0 for no counts', () => {
    expect(quantileFromBuckets(new Float64Array(BUCKET_COUNT), 0, 0.99)).toBe(0);
  });
});

describe('bucketMeansMs', () => {
  it('is the lognormal partial expectation of each bucket, inside the bucket', () => {
    // E[X | a < X ≤ b] = e^{μ+σ²/2}·(Φ((ln b − μ − σ²)/σ) − Φ((ln a − μ − σ²)/σ)) / P(a < X ≤ b).
    const params = lognormalFromPercentiles(MODEL);
    const { mu, sigma } = params;
    const means = bucketMeansMs(lognormalCdf(params));
    const bounds = [0, ...BUCKET_BOUNDS_S.map((b) => b * 1000), 60_000];
    const z = (x: number, shift: number) =>
      x <= 0 ? Number.NEGATIVE_INFINITY : (Math.log(x) - mu - shift) / sigma;
    for (let k = 0; k < BUCKET_COUNT; k++) {
      const lo = bounds[k];
      const hi = bounds[k + 1];
      const mass = normalCdf(z(hi, 0)) - normalCdf(z(lo, 0));
      if (mass < 1e-9) continue;
      expect(means[k]).toBeGreaterThanOrEqual(lo);
      expect(means[k]).toBeLessThanOrEqual(hi);
      const exact =
        (Math.exp(mu + (sigma * sigma) / 2) *
          (normalCdf(z(hi, sigma * sigma)) - normalCdf(z(lo, sigma * sigma)))) /
        mass;
      expect(Math.abs(means[k] - exact) / exact, `bucket ${k}`).toBeLessThan(2e-3);
    }
  });

  it('gives the bucket midpoint where there is no mass, and stays inside for a delayed CDF', () => {
    const means = bucketMeansMs(delayedCdf(lognormalFromPercentiles(MODEL), 300, 0));
    expect(means[0]).toBe(2.5);
    const bounds = [0, ...BUCKET_BOUNDS_S.map((b) => b * 1000), 60_000];
    for (let k = 0; k < BUCKET_COUNT; k++) {
      expect(means[k]).toBeGreaterThanOrEqual(bounds[k]);
      expect(means[k]).toBeLessThanOrEqual(bounds[k + 1]);
    }
  });
});
