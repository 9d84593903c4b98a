/**
 * A live selection: the series matching a list of label matchers, sorted by label set as
 * Prometheus's storage returns them. The store keeps it up to date as series are added,
 * so a query engine can hold on to it and never search again.
 */

import type { LabelMatcher } from './label-matcher.js';
import { compareLabelSets } from './label-set.js';
import type { Series } from './series.js';

export class Selection {
  readonly matchers: readonly LabelMatcher[];
  /** The matching series, sorted by label set. Do not mutate. */
  readonly series: Series[] = [];
  /** Incremented whenever `series` changes. */
  version = 0;

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

  /** Adds a series if it matches, keeping label order. */
  offer(series: Series): void {
    if (!this.accepts(series)) return;
    const list = this.series;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareLabelSets(list[mid].labelSet, series.labelSet) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, series);
    this.version++;
  }
}
