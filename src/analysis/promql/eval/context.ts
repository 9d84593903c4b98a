/**
 * What a node needs to evaluate: the evaluation time, the query's bounds (for
 * `@ start()` / `@ end()`), and stamps that identify the step and the query (for caches
 * that must not outlive either).
 */
export interface EvalContext {
  /** Evaluation timestamp, ms. */
  readonly t: number;
  /** The query's start and end, ms (both the evaluation time for instant queries). */
  readonly start: number;
  readonly end: number;
  /** Unique per evaluation step (across queries). */
  readonly step: number;
  /** Unique per query. */
  readonly query: number;
}

let epoch = 0;

/**
 * A fresh stamp for marking label sets (`LabelSet.stamp`) during one pass over a vector:
 * duplicate detection and grouping without allocating a map.
 */
export function nextEpoch(): number {
  epoch += 1;
  return epoch;
}
