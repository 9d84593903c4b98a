/**
 * The lab's in-memory TSDB: the series a real instrumented service would expose (written
 * by the simulator, or scraped from a real `/metrics` page), queried by the PromQL engine.
 * A simulating thread keeps one store per scenario and {@link SeriesStore.reset}s it
 * between trials: a trial creates the same series as the one before, and reviving a series
 * (its arrays, its place in the selections that take it) costs less than creating it.
 *
 * Samples live in growable Float64Arrays (no object per sample): values per series,
 * timestamps shared by the series scraped at the same instants (see {@link Timeline}), so
 * 8 to 16 bytes a sample. Series are found by label matchers, starting from the series of
 * the metric name the matchers require; each distinct list of matchers becomes a live
 * {@link Selection} that is kept current as series are added, so repeated queries never
 * search again.
 */
import type { Labels } from '../analysis/types.js';
import type { Millis } from '../scenario/model.js';
import { type LabelMatcher, matchersKey } from './label-matcher.js';
import { type LabelSet, LabelSetTable, METRIC_NAME } from './label-set.js';
import { SampleSlab } from './sample-slab.js';
import { Selection } from './selection.js';
import { Series } from './series.js';
import { Timelines } from './timeline.js';

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
  /** Every series the store has held, by ref (since its creation, across resets). */
  private readonly known: Series[] = [];
  /** The series since the last reset, in creation order. */
  private readonly current: Series[] = [];
  /** The generation (number of resets) each known series last belonged to, by ref. */
  private generationOf = new Int32Array(1024);
  private generation = 0;
  /** The selections each known series belongs to, by ref. */
  private readonly memberships: Selection[][] = [];
  /** Ref + 1 of the series of each label set, by the set's id in {@link labelSets}; 0 for none. */
  private refBySetId = new Int32Array(1024);
  /**
   * Known refs by metric name ("" for none). Selectors nearly always name their metric, so
   * this is the index: one look-up per new series, where an index of every label would cost
   * one per label.
   */
  private readonly byName = new Map<string, number[]>();
  private readonly selections = new Map<string, Selection>();
  /** The live selections that require a metric name, by that name; the others. */
  private readonly selectionsByName = new Map<string, Selection[]>();
  private readonly unnamedSelections: Selection[] = [];
  private readonly capacity: number;
  private readonly timelines: Timelines;

  constructor(options: SeriesStoreOptions = {}) {
    this.capacity = Math.max(1, options.initialCapacity ?? 64);
    this.timelines = new Timelines(new SampleSlab(this.capacity));
    this.labelSets = options.labelSets ?? new LabelSetTable();
  }

  /** Number of series (since the last reset). */
  get size(): number {
    return this.current.length;
  }

  /** One more than the highest ref handed out: refs index arrays kept across resets. */
  get refLimit(): number {
    return this.known.length;
  }

  /** The series (since the last reset) in creation order. */
  inCreationOrder(): readonly Series[] {
    return this.current;
  }

  /**
   * Empties the store for the next trial: no series, as if new. Label sets keep their
   * refs, and selections stay the same objects, emptied; a series whose labels come again
   * gets its ref, arrays and selections back.
   */
  reset(): void {
    for (const series of this.current) series.clear();
    this.current.length = 0;
    for (const selection of this.selections.values()) selection.clear();
    this.timelines.reset();
    this.generation++;
  }

  /**
   * The id of the series with these labels (`__name__` is the metric name), creating it
   * when new. Labels with empty values are ignored, as Prometheus does. Costs two map
   * look-ups per label when the store's label table has seen this label object's shape
   * before (a sort otherwise) and one more: callers on a hot path should keep the ref.
   */
  ref(labels: Labels): number {
    return this.refOfSet(this.labelSets.fromLabels(labels));
  }

  /** As {@link ref}, for a set interned by this store's {@link labelSets}. */
  refOfSet(given: LabelSet): number {
    // A set of another table (its id means nothing here) stands for this table's equal set.
    const set = given.table === this.labelSets ? given : this.labelSets.intern(given.names, given.values);
    const id = set.id;
    if (id < this.refBySetId.length && this.refBySetId[id] > 0) {
      const ref = this.refBySetId[id] - 1;
      return this.generationOf[ref] === this.generation ? ref : this.revive(ref);
    }
    const ref = this.known.length;
    const series = new Series(ref, set, this.capacity, this.timelines);
    this.known.push(series);
    this.current.push(series);
    if (id >= this.refBySetId.length) this.refBySetId = grown(this.refBySetId, id);
    this.refBySetId[id] = ref + 1;
    if (ref >= this.generationOf.length) this.generationOf = grown(this.generationOf, ref);
    this.generationOf[ref] = this.generation;
    const name = set.get(METRIC_NAME);
    const refs = this.byName.get(name);
    if (refs === undefined) this.byName.set(name, [ref]);
    else refs.push(ref);
    // Only the selections that can take it: a selection requiring another name cannot.
    const joined: Selection[] = [];
    const named = this.selectionsByName.get(name);
    if (named !== undefined)
      for (const selection of named) if (selection.offer(series)) joined.push(selection);
    for (const selection of this.unnamedSelections) if (selection.offer(series)) joined.push(selection);
    this.memberships.push(joined);
    return ref;
  }

  /** A known series after a reset, created again: back at the end of its selections. */
  private revive(ref: number): number {
    const series = this.known[ref];
    this.generationOf[ref] = this.generation;
    this.current.push(series);
    for (const selection of this.memberships[ref]) selection.add(series);
    return ref;
  }

  /**
   * Appends a sample at `t` ms. Timestamps must not decrease within a series (RangeError);
   * a sample at the same timestamp as the previous one replaces it. `ref` must be of a
   * series since the last reset (not checked: this is the scrape's hot path).
   */
  append(ref: number, t: Millis, value: number): void {
    const series = this.known[ref];
    if (series === undefined) throw new RangeError(`unknown series ref ${ref}`);
    series.append(t, value);
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
    const s = this.known[ref];
    if (s === undefined || this.generationOf[ref] !== this.generation)
      throw new RangeError(`unknown series ref ${ref}`);
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
      const name = requiredName(matchers);
      // Every known series it takes joins it for good; those of this generation, in
      // creation order, are its series now.
      for (const ref of name === null ? this.known.keys() : (this.byName.get(name) ?? [])) {
        if (selection.accepts(this.known[ref])) this.memberships[ref].push(selection);
      }
      for (const s of this.current) {
        if ((name === null || s.labelSet.get(METRIC_NAME) === name) && selection.accepts(s)) selection.add(s);
      }
      this.selections.set(key, selection);
      if (name === null) this.unnamedSelections.push(selection);
      else {
        const named = this.selectionsByName.get(name);
        if (named === undefined) this.selectionsByName.set(name, [selection]);
        else named.push(selection);
      }
    }
    return selection;
  }
}

/** A copy of `a` with room for index `index`. */
function grown(a: Int32Array<ArrayBuffer>, index: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(index + 1, 2 * a.length));
  b.set(a);
  return b;
}

/** The metric name a series must have to match (a non-empty `__name__=` matcher), or null. */
function requiredName(matchers: readonly LabelMatcher[]): string | null {
  for (const m of matchers) if (m.name === METRIC_NAME && m.type === '=' && m.value !== '') return m.value;
  return null;
}
