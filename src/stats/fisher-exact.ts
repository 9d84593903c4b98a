import { logFactorial } from './log-factorial.js';

/** Which departure from independence the test looks for (R's `alternative`). */
export type Alternative = 'two-sided' | 'greater' | 'less';

export interface FisherExactResult {
  readonly pValue: number;
  /** Sample odds ratio a·d / (b·c) (Infinity or NaN when a zero cell makes it so); R reports the conditional MLE instead. */
  readonly oddsRatio: number;
  readonly alternative: Alternative;
}

/**
 * Fisher's exact test for a 2×2 table [[a, b], [c, d]] (rows: groups, e.g. strategies;
 * columns: event / no event): conditional on the margins, a is hypergeometric.
 * "greater" tests odds ratio > 1 (P(X ≥ a)), "less" odds ratio < 1 (P(X ≤ a)); the two-sided
 * p sums the probabilities of all tables no more likely than the observed one, with R's
 * tolerance: P(x) ≤ P(a)·(1 + 1e-7) (as `fisher.test` and SciPy's `fisher_exact`).
 * Cost: O(min(row, column margin)) with a table of log-factorials.
 *
 * Edge cases: a table with a zero margin has one possible table → p = 1. Throws on
 * negative or non-integer counts.
 *
 * @example fisherExact([[3, 1], [1, 3]]) // {pValue: 0.48571428571428566, …} (Fisher's tea-tasting lady: 34/70)
 * @example fisherExact([[3, 1], [1, 3]], 'greater') // {pValue: 0.24285714285714285, …} (17/70)
 */
export function fisherExact(
  table: readonly [readonly [number, number], readonly [number, number]],
  alternative: Alternative = 'two-sided',
): FisherExactResult {
  const [[a, b], [c, d]] = table;
  for (const cell of [a, b, c, d]) {
    if (!Number.isInteger(cell) || cell < 0)
      throw new RangeError(`fisherExact: cells must be non-negative integers`);
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  const oddsRatio = (a * d) / (b * c);
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  const constant =
    logFactorial(row1) + logFactorial(row2) + logFactorial(col1) + logFactorial(n - col1) - logFactorial(n);
  const logP = (x: number): number =>
    constant -
    logFactorial(x) -
    logFactorial(row1 - x) -
    logFactorial(col1 - x) -
    logFactorial(row2 - col1 + x);
  // Probabilities relative to the observed table's, so no tiny numbers are subtracted.
  const observed = logP(a);
  let total = 0;
  let tail = 0;
  for (let x = lo; x <= hi; x++) {
    const relative = Math.exp(logP(x) - observed);
    total += relative;
    if (alternative === 'greater' ? x >= a : alternative === 'less' ? x <= a : relative <= 1 + 1e-7)
      tail += relative;
  }
  const pValue = Math.min(1, tail / total);
  return { pValue, oddsRatio, alternative };
}
