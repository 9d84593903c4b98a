/**
 * Calibration: under a true null (both samples from one distribution, seeded), each test
 * rejects at most at its nominal α — and not absurdly less — over many simulated
 * comparisons. Tolerances come from binomial acceptance regions on the count of
 * rejections (testing/rate-check.ts), plus a stated allowance where a test is known to be
 * conservative (discrete statistics, continuity corrections).
 */
import { describe, expect, it } from 'vitest';
import { fisherExact } from './fisher-exact.js';
import { logRankTest } from './log-rank-test.js';
import { mannWhitneyU } from './mann-whitney-u.js';
import { mannWhitneyUCounts } from './mann-whitney-u-counts.js';
import { noetherSampleSize } from './noether-sample-size.js';
import { normalQuantile } from './normal-quantile.js';
import { randomExponential } from './random-exponential.js';
import { randomNormal } from './random-normal.js';
import { createRng } from './rng.js';
import { expectRateWithin } from './testing/rate-check.js';

const ALPHA = 0.05;

function draws(n: number, draw: () => number): number[] {
  return Array.from({ length: n }, draw);
}

describe('calibration of tests under the null', () => {
  it('Mann-Whitney, exact (5 vs 7): rejects at exactly its attainable size', () => {
    // The exact test's true size is 2·P(U ≤ c) for the largest such c ≤ α, from the null
    // distribution itself — the simulation must agree with it, not with 0.05.
    const counts = mannWhitneyUCounts(5, 7);
    const total = counts.reduce((a, b) => a + b, 0);
    let cumulative = 0;
    let size = 0;
    for (const c of counts) {
      cumulative += c;
      if (2 * (cumulative / total) > ALPHA) break;
      size = 2 * (cumulative / total);
    }
    const rng = createRng(101);
    const trials = 4000;
    let rejections = 0;
    for (let k = 0; k < trials; k++) {
      const r = mannWhitneyU(
        draws(5, () => randomNormal(rng)),
        draws(7, () => randomNormal(rng)),
      );
      expect(r.method).toBe('exact');
      if (r.pValue <= ALPHA) rejections++;
    }
    expect(size).toBeCloseTo(0.048, 3);
    expectRateWithin(rejections, trials, size, size, 'exact Mann-Whitney size');
  });

  it('Mann-Whitney, normal approximation (20 vs 25, skewed data): size ≤ α', () => {
    const rng = createRng(102);
    const trials = 4000;
    let rejections = 0;
    for (let k = 0; k < trials; k++) {
      const x = draws(20, () => Math.exp(randomNormal(rng)));
      const y = draws(25, () => Math.exp(randomNormal(rng)));
      if (mannWhitneyU(x, y).pValue <= ALPHA) rejections++;
    }
    // The continuity correction makes it slightly conservative (allow down to α − 0.01).
    expectRateWithin(rejections, trials, ALPHA - 0.01, ALPHA, 'asymptotic Mann-Whitney size');
  });

  it('Mann-Whitney with heavy ties (integer scores 0–4, 30 vs 30): tie correction keeps size ≤ α', () => {
    const rng = createRng(103);
    const trials = 4000;
    let rejections = 0;
    const score = () => Math.min(4, Math.floor(randomExponential(rng, 0.8)));
    for (let k = 0; k < trials; k++) {
      const r = mannWhitneyU(draws(30, score), draws(30, score));
      if (r.pValue <= ALPHA) rejections++;
    }
    expectRateWithin(rejections, trials, ALPHA - 0.015, ALPHA, 'tied Mann-Whitney size');
  });

  it('Fisher’s exact test (2×40 trials at a 20% rate): conservative, never above α', () => {
    const rng = createRng(104);
    const trials = 3000;
    let rejections = 0;
    const count = (n: number, p: number) =>
      draws(n, () => (rng.next() < p ? 1 : 0)).reduce((a, b) => a + b, 0);
    for (let k = 0; k < trials; k++) {
      const a = count(40, 0.2);
      const b = count(40, 0.2);
      if (
        fisherExact([
          [a, 40 - a],
          [b, 40 - b],
        ]).pValue <= ALPHA
      )
        rejections++;
    }
    // Conditioning on the margins makes Fisher's test conservative; its size here is
    // known to be well under α (about 0.02–0.035), so only the upper side is sharp.
    expectRateWithin(rejections, trials, 0.01, ALPHA, 'Fisher size');
  });

  it('log-rank (30 vs 30 exponential times, ~30% censored): size ≈ α', () => {
    const rng = createRng(105);
    const trials = 3000;
    let rejections = 0;
    const group = () => {
      const times: number[] = [];
      const events: boolean[] = [];
      for (let i = 0; i < 30; i++) {
        const t = randomExponential(rng, 1);
        const c = 3 * rng.next();
        times.push(Math.min(t, c));
        events.push(t <= c);
      }
      return { times, events };
    };
    for (let k = 0; k < trials; k++) if (logRankTest(group(), group()).pValue <= ALPHA) rejections++;
    expectRateWithin(rejections, trials, ALPHA - 0.01, ALPHA + 0.005, 'log-rank size');
  });

  it('Noether’s sample size delivers its power (P(X < Y) = 0.7 → 33 + 33 trials, power ≈ 0.8)', () => {
    const { perGroup } = noetherSampleSize({ superiority: 0.7 });
    // Normal shift δ with P(X < Y) = Φ(δ/√2) = 0.7.
    const delta = Math.SQRT2 * normalQuantile(0.7);
    const rng = createRng(106);
    const trials = 2000;
    let rejections = 0;
    for (let k = 0; k < trials; k++) {
      const x = draws(perGroup[0], () => randomNormal(rng));
      const y = draws(perGroup[1], () => randomNormal(rng, delta));
      if (mannWhitneyU(x, y).pValue <= ALPHA) rejections++;
    }
    // Noether's formula is a large-sample approximation: allow 0.75–0.87.
    expectRateWithin(rejections, trials, 0.75, 0.87, 'Mann-Whitney power at Noether’s n');
  });
});
