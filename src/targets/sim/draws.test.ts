import { describe, expect, it } from 'vitest';
import { logFactorial } from '../../stats/log-factorial.js';
import { normalQuantile } from '../../stats/normal-quantile.js';
import { createRng } from '../../stats/rng.js';
import { chiSquareCritical, chiSquareVsPmf } from '../../test-support/chi-square.js';
import { binomial, categorical, exponential, NormalSource, poisson } from './draws.js';

/** Sample mean and unbiased variance. */
function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return { mean: m, variance: v / (xs.length - 1) };
}

/**
 * Tolerances at 4.5 standard errors (two-sided p ≈ 7e-6 for a correct generator):
 * SE(mean) = σ/√n; SE(s²) = √((μ₄ − σ⁴)/n) for a distribution with 4th central moment μ₄.
 */
const Z = 4.5;

function expectMoments(
  xs: ArrayLike<number>,
  mean: number,
  variance: number,
  mu4: number,
  what: string,
): void {
  const n = xs.length;
  const got = moments(xs);
  const seMean = Math.sqrt(variance / n);
  const seVar = Math.sqrt((mu4 - variance * variance) / n);
  expect(Math.abs(got.mean - mean), `${what} mean ${got.mean} vs ${mean}`).toBeLessThan(Z * seMean + 1e-12);
  expect(Math.abs(got.variance - variance), `${what} variance ${got.variance} vs ${variance}`).toBeLessThan(
    Z * seVar + 1e-12,
  );
}

function histogram(xs: ArrayLike<number>): number[] {
  const h: number[] = [];
  for (let i = 0; i < xs.length; i++) h[xs[i]] = (h[xs[i]] ?? 0) + 1;
  for (let i = 0; i < h.length; i++) h[i] ??= 0;
  return h;
}

const poissonPmf = (mean: number) => (k: number) => Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
const binomialPmf = (n: number, p: number) => (k: number) =>
  k > n
    ? 0
    : Math.exp(
        logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p),
      );

describe('poisson', () => {
  it('is 0 for a mean that is 0, negative or NaN, and never negative', () => {
    const rng = createRng(1);
    expect(poisson(rng, 0)).toBe(0);
    expect(poisson(rng, -3)).toBe(0);
    expect(poisson(rng, Number.NaN)).toBe(0);
    let min = 0;
    for (let i = 0; i < 10_000; i++) min = Math.min(min, poisson(rng, 31));
    expect(min).toBe(0);
  });

  // Inversion below 30, PTRS from 30: the pmf is checked on both sides of the switch.
  it.each([0.2, 3, 12, 29.9, 30, 45, 80])('matches the pmf at mean %s (chi-square, alpha 0.001)', (mean) => {
    const n = 40_000;
    const rng = createRng(1000 + Math.round(mean * 10));
    const xs = Array.from({ length: n }, () => poisson(rng, mean));
    const maxK = Math.ceil(mean + 8 * Math.sqrt(mean) + 10);
    const { statistic, df } = chiSquareVsPmf(histogram(xs), poissonPmf(mean), maxK, n);
    expect(statistic, `df ${df}`).toBeLessThan(chiSquareCritical(df));
  });

  it('matches each pmf when two means above 30 alternate (the constants kept for the last mean)', () => {
    const n = 40_000;
    const rng = createRng(4242);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < n; i++) {
      a.push(poisson(rng, 40));
      b.push(poisson(rng, 200));
    }
    for (const [xs, mean] of [
      [a, 40],
      [b, 200],
    ] as const) {
      const maxK = Math.ceil(mean + 8 * Math.sqrt(mean) + 10);
      const { statistic, df } = chiSquareVsPmf(histogram(xs), poissonPmf(mean), maxK, n);
      expect(statistic, `mean ${mean}, df ${df}`).toBeLessThan(chiSquareCritical(df));
    }
  });

  // Poisson(λ): mean = variance = λ, μ₄ = λ(1 + 3λ).
  it.each([0.5, 30, 250, 5000, 1e6])('has mean and variance λ at λ = %s', (mean) => {
    const rng = createRng(77 + mean);
    const xs = Float64Array.from({ length: 40_000 }, () => poisson(rng, mean));
    expectMoments(xs, mean, mean, mean * (1 + 3 * mean), `Poisson(${mean})`);
  });
});

describe('binomial', () => {
  it('handles the edges: n ≤ 0, p ≤ 0 → 0; p ≥ 1 → n; never outside [0, n]', () => {
    const rng = createRng(2);
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
    expect(binomial(rng, 10, 1.5)).toBe(10);
    // n·p = 65 and 1 (after symmetry): the BTRD and the inversion paths.
    const bad: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      for (const [n, p] of [
        [130, 0.5],
        [10, 0.9],
      ]) {
        const x = binomial(rng, n, p);
        if (!(Number.isInteger(x) && x >= 0 && x <= n)) bad.push(x);
      }
    }
    expect(bad).toEqual([]);
  });

  // Inversion below n·p = 10, BTRD from 10 — near the switch, with the mode close to and
  // far from 15 (its two acceptance tests), at large n (its Stirling test) — and p > 0.5
  // by symmetry.
  it.each([
    [10, 0.3],
    [50, 0.9],
    [1000, 0.01],
    [100_000, 0.0002],
    [3, 0.5],
    [20, 0.4999],
    [1000, 0.00999],
    [1000, 0.01001],
    [40, 0.25],
    [120, 0.35],
    [200, 0.5],
    [2000, 0.3],
    [50_000, 0.45],
    [1_000_000, 0.001],
    [400, 0.93],
  ])('matches the pmf at n = %s, p = %s (chi-square, alpha 0.001)', (n, p) => {
    const draws = 100_000;
    const rng = createRng(n + Math.round(p * 1000));
    const xs = Array.from({ length: draws }, () => binomial(rng, n, p));
    const { statistic, df } = chiSquareVsPmf(histogram(xs), binomialPmf(n, p), n, draws);
    expect(statistic, `df ${df}`).toBeLessThan(chiSquareCritical(df));
  });

  // Binomial(n, p): mean np, variance npq, μ₄ = npq(1 + 3(n−2)pq).
  it.each([
    [200, 0.2],
    [10_000, 0.5],
    [1e6, 0.001],
    [5000, 0.97],
    [40, 0.1],
  ])('has mean np and variance np(1−p) at n = %s, p = %s', (n, p) => {
    const rng = createRng(n + p);
    const xs = Float64Array.from({ length: 40_000 }, () => binomial(rng, n, p));
    const q = 1 - p;
    expectMoments(xs, n * p, n * p * q, n * p * q * (1 + 3 * (n - 2) * p * q), `Binomial(${n}, ${p})`);
  });
});

describe('exponential', () => {
  // Exp(r): mean 1/r, variance 1/r², μ₄ = 9/r⁴.
  it.each([0.5, 2, 1000])('has mean 1/r and variance 1/r² at r = %s', (rate) => {
    const rng = createRng(5);
    const xs = Float64Array.from({ length: 40_000 }, () => exponential(rng, rate));
    expectMoments(xs, 1 / rate, 1 / rate ** 2, 9 / rate ** 4, `Exp(${rate})`);
  });

  it('falls into 20 equiprobable cells as often as it should (chi-square at 0.1%)', () => {
    // Cell k is [q_k, q_{k+1}) with q_k = −ln(1 − k/20)/r.
    const rate = 3;
    const n = 40_000;
    const rng = createRng(6);
    const counts = new Array<number>(20).fill(0);
    for (let i = 0; i < n; i++)
      counts[Math.min(19, Math.floor(20 * (1 - Math.exp(-rate * exponential(rng, rate)))))]++;
    const { statistic, df } = chiSquareVsPmf(counts, () => 1 / 20, 19, n);
    expect(df).toBe(19);
    expect(statistic).toBeLessThan(chiSquareCritical(df));
  });
});

describe('NormalSource', () => {
  // N(0, 1): μ₄ = 3.
  it('has mean 0 and variance 1', () => {
    const normal = new NormalSource(createRng(8));
    const xs = Float64Array.from({ length: 40_000 }, () => normal.next());
    expectMoments(xs, 0, 1, 3, 'N(0,1)');
  });

  it('falls into 20 equiprobable cells as often as it should (chi-square at 0.1%)', () => {
    const n = 40_000;
    const normal = new NormalSource(createRng(9));
    const bounds = Array.from({ length: 19 }, (_, k) => normalQuantile((k + 1) / 20));
    const counts = new Array<number>(20).fill(0);
    for (let i = 0; i < n; i++) {
      const x = normal.next();
      let k = 0;
      while (k < 19 && x >= bounds[k]) k++;
      counts[k]++;
    }
    const { statistic, df } = chiSquareVsPmf(counts, () => 1 / 20, 19, n);
    expect(statistic).toBeLessThan(chiSquareCritical(df));
  });

  it('gives uncorrelated consecutive values (the cached spare is independent)', () => {
    // Under independence the sample correlation has SE 1/√n.
    const n = 40_000;
    const normal = new NormalSource(createRng(10));
    const xs = Float64Array.from({ length: n + 1 }, () => normal.next());
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += xs[i] * xs[i + 1];
    expect(Math.abs(sxy / n)).toBeLessThan(Z / Math.sqrt(n));
  });
});

describe('categorical', () => {
  it('draws each index with its probability (chi-square at 0.1%)', () => {
    const probs = [0.6, 0.2, 0.15, 0.05];
    const cdf = Float64Array.from([0.6, 0.8, 0.95, 1]);
    const n = 40_000;
    const rng = createRng(11);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[categorical(rng, cdf)]++;
    const { statistic, df } = chiSquareVsPmf(counts, (k) => probs[k], 3, n);
    expect(df).toBe(3);
    expect(statistic).toBeLessThan(chiSquareCritical(df));
  });
});
