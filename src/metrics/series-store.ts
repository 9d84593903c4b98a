/**
 * The lab's in-memory TSDB, created fresh for each simulated trial: the series a real
 * instrumented service would expose (written by the simulator, or scraped from a real
 * `/metrics` page), queried by the PromQL engine.
 *
 * Samples live in growable Float64Arrays per series (16 bytes a sample, no object per
 * sample). Series are found by label matchers through an inverted index; each distinct
 * list of matchers becomes a live {@link Selection} that is kept current as series are
 * added, so repeated queries never search again.
 */
import type { Labels } from '../analysis/types.js';
import type { Millis } from '../scenario/model.js';
import { type LabelMatcher, matchersKey } from './label-matcher.js';
import { type LabelSet, LabelSetTable } from './label-set.js';
import { SampleSlab } from './sample-slab.js';
import { Selection } from './selection.js';
import { Series } from './series.js';

export interface SeriesStoreOptions {
  /** Samples each new series has room for before its arrays grow (doubling). Default 64. */
  readonly initialCapacity?: number;
  /**
   * An intern table to share with other stores (label sets are immutable values): many
   * simulated trials create the same series, and interning them once saves the work.
   */
  readonly labelSets?: LabelSetTable;
}

export class SeriesStore {
  /** Interned label sets of the series and of everything the engine derives from them. */
  readonly labelSets: LabelSetTable;
  private readonly all: Series[] = [];
  private readonly byKey = new Map<string, number>();
  /** Inverted index: refs in creation order by label pair id (see {@link LabelPairIds}). */
  private readonly postings: (number[] | undefined)[] = [];
  private readonly selections = new Map<string, Selection>();
  private readonly capacity: number;
  private readonly slab: SampleSlab;

  constructor(options: SeriesStoreOptions = {}) {
    this.capacity = Math.max(1, options.initialCapacity ?? 64);
    this.slab = new SampleSlab(this.capacity);
    this.labelSets = options.labelSets ?? new LabelSetTable();
  }

  /** Number of series. */
  get size(): number {
    return this.all.length;
  }

  /**
   * The id of the series with these labels (`__name__` is the metric name), creating it
   * when new. Labels with empty values are ignored, as Prometheus does. Costs a sort and a
   * map lookup: callers on a hot path should keep the ref.
   */
  ref(labels: Labels): number {
    const set = this.labelSets.fromLabels(labels);
    const known = this.byKey.get(set.key);
    if (known !== undefined) return known;
    const ref = this.all.length;
    const series = new Series(ref, set, this.capacity, this.slab);
    this.all.push(series);
    this.byKey.set(set.key, ref);
    const pairs = this.labelSets.pairs.of(set);
    const postings = this.postings;
    // Grow by pushing: a write far past the end would turn the array into a dictionary.
    while (postings.length < this.labelSets.pairs.size) postings.push(undefined);
    for (let i = 0; i < pairs.length; i++) {
      const refs = postings[pairs[i]];
      if (refs === undefined) postings[pairs[i]] = [ref];
      else refs.push(ref);
    }
    for (const selection of this.selections.values()) selection.offer(series);
    return ref;
  }

  /**
   * Appends a sample at `t` ms. Timestamps must not decrease within a series (RangeError);
   * a sample at the same timestamp as the previous one replaces it.
   */
  append(ref: number, t: Millis, value: number): void {
    this.series(ref).append(t, value);
  }

  /**
   * Appends a Prometheus staleness marker at `t` ms: the series has ended. Instant
   * selectors at or after `t` stop returning it; range functions still use its earlier
   * samples. A later `append` brings the series back.
   */
  markStale(ref: number, t: Millis): void {
    this.series(ref).markStale(t);
  }

  /** The series with this ref (its arrays are live: read, do not write). */
  series(ref: number): Series {
    const s = this.all[ref];
    if (s === undefined) throw new RangeError(`unknown series ref ${ref}`);
    return s;
  }

  /** The labels of a series. */
  labels(ref: number): Labels {
    return this.series(ref).labelSet.labels;
  }

  /** The interned label set of a series. */
  labelSet(ref: number): LabelSet {
    return this.series(ref).labelSet;
  }

  /**
   * The live selection of series matching every matcher, in creation order (as
   * Prometheus's head block returns them). The same matchers (in any order) return the
   * same object, kept current as series are added.
   */
  select(matchers: readonly LabelMatcher[]): Selection {
    const key = matchersKey(matchers);
    let selection = this.selections.get(key);
    if (selection === undefined) {
      selection = new Selection(matchers);
      const list = selection.series;
      for (const ref of this.candidates(matchers)) {
        const s = this.all[ref];
        if (selection.accepts(s)) list.push(s);
      }
      this.selections.set(key, selection);
    }
    return selection;
  }

  /** Refs that may match: the shortest postings list of a non-empty equality matcher. */
  private candidates(matchers: readonly LabelMatcher[]): Iterable<number> {
    let best: readonly number[] | undefined;
    for (const m of matchers) {
      if (m.type !== '=' || m.value === '') continue;
      const pair = this.labelSets.pairs.find(m.name, m.value);
      const refs = (pair < 0 ? undefined : this.postings[pair]) ?? [];
      if (best === undefined || refs.length < best.length) best = refs;
    }
    return best ?? this.all.keys();
  }
}
