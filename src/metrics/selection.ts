/**
 * A live selection: the series matching a list of label matchers, in the order they were
 * created — the order Prometheus's engine gets them from its head block (it selects
 * unsorted, and the head's postings are in series-id order). The order matters for exact
 * floating-point sums and for ties. The store keeps the selection up to date as series are
 * added, so a query engine can hold on to it and never search again.
 */
import type { LabelMatcher } from './label-matcher.js';
import type { Series } from './series.js';

export class Selection {
  readonly matchers: readonly LabelMatcher[];
  /** The matching series in creation order. Do not mutate. */
  readonly series: Series[] = [];
  /** Incremented whenever `series` changes. */
  version = 0;
  /**
   * Incremented when it is emptied (a store reset): what a reader worked out from the
   * series by their index in `series` no longer holds.
   */
  clears = 0;

  constructor(matchers: readonly LabelMatcher[]) {
    this.matchers = matchers;
  }

  /** Whether every matcher accepts the series (a missing label reads as ""). */
  accepts(series: Series): boolean {
    const ls = series.labelSet;
    for (const m of this.matchers) {
      if (!m.matches(ls.get(m.name))) return false;
    }
    return true;
  }

  /** Adds a new series (the newest of the store) if it matches; returns whether it did. */
  offer(series: Series): boolean {
    if (!this.accepts(series)) return false;
    this.add(series);
    return true;
  }

  /** Adds a series known to match (the newest of the store). */
  add(series: Series): void {
    this.series.push(series);
    this.version++;
  }

  /** Empties it (the store was reset). */
  clear(): void {
    this.series.length = 0;
    this.version++;
    this.clears++;
  }
}
