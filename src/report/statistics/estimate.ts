/**
 * The shapes of the report's numbers. Every one is plain JSON (null where a value does
 * not exist — never NaN or Infinity), so results.json can hold it as it is.
 */

/** A point estimate with its two-sided 95% interval; null where it does not exist. */
export interface Estimate {
  readonly estimate: number | null;
  /** null: not estimable (too few data). */
  readonly lower: number | null;
  /** null: open to the right (e.g. a Kaplan–Meier band that never reaches the level). */
  readonly upper: number | null;
}

/** A rate x/n with its Wilson interval. */
export interface Rate {
  readonly successes: number;
  readonly n: number;
  /** x/n; null when n = 0. */
  readonly estimate: number | null;
  readonly lower: number;
  readonly upper: number;
  /** When x = 0: the one-sided 95% upper bound 1 − 0.05^{1/n} (about 3/n); otherwise null. */
  readonly zeroEventUpper: number | null;
}

/** The confidence level of every interval in the report. */
export const CONFIDENCE = 0.95;

/** null for anything that is not a finite number. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

/** An Estimate from possibly non-finite numbers. */
export function estimateOf(estimate: number | null, lower: number | null, upper: number | null): Estimate {
  return { estimate: finiteOrNull(estimate), lower: finiteOrNull(lower), upper: finiteOrNull(upper) };
}
