/**
 * Statistical tolerances for tests of the simulated world: a count is accepted when it is
 * within Z = 4.5 standard deviations of its expectation (two-sided p ≈ 7e-6 for a correct
 * model), plus 1 for the discreteness of counts. The standard deviation always comes from
 * the model's own parameters, so the bound is derived, not tuned.
 */
import { expect } from 'vitest';

export const Z = 4.5;

/** `observed` successes of `n` trials at probability `p`: |k − np| ≤ Z·√(np(1−p)) + 1. */
export function expectBinomial(observed: number, n: number, p: number, what: string): void {
  const sd = Math.sqrt(n * p * (1 - p));
  const bound = Z * sd + 1;
  expect(
    Math.abs(observed - n * p),
    `${what}: ${observed} of ${n}, expected ${(n * p).toFixed(1)} ± ${bound.toFixed(1)}`,
  ).toBeLessThanOrEqual(bound);
}

/** A count with expectation `mean` and variance `variance`: |x − mean| ≤ Z·√variance + 1. */
export function expectCount(observed: number, mean: number, variance: number, what: string): void {
  const bound = Z * Math.sqrt(variance) + 1;
  expect(
    Math.abs(observed - mean),
    `${what}: ${observed}, expected ${mean.toFixed(1)} ± ${bound.toFixed(1)}`,
  ).toBeLessThanOrEqual(bound);
}

/**
 * Two independent estimates of the same quantity with variances va, vb:
 * |a − b| ≤ Z·√(va + vb) + slack.
 */
export function expectAgree(a: number, b: number, va: number, vb: number, what: string, slack = 1): void {
  const bound = Z * Math.sqrt(va + vb) + slack;
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}, allowed ± ${bound.toFixed(1)}`).toBeLessThanOrEqual(bound);
}

/**
 * Two sets of runs of the same quantities (one record per seed, the same keys in each):
 * every quantity's mean agrees between them (expectAgree, variances from the seeds' spread).
 */
export function expectRunsAgree(
  a: readonly Record<string, number>[],
  b: readonly Record<string, number>[],
): void {
  const keys = Object.keys(a[0]);
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) {
    const x = meanAndVarianceOfMean(a.map((r) => r[key]));
    const y = meanAndVarianceOfMean(b.map((r) => r[key]));
    expectAgree(x.mean, y.mean, x.varianceOfMean, y.varianceOfMean, key);
  }
}

/** Sample mean and unbiased variance of the mean (s²/n). */
export function meanAndVarianceOfMean(xs: readonly number[]): { mean: number; varianceOfMean: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const s2 = n > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, varianceOfMean: s2 / n };
}
