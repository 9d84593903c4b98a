/**
 * One time series: its label set and its samples in growable typed arrays (timestamps in
 * ms, values), plus Prometheus staleness markers. Stale markers are kept as samples
 * flagged in a side array (allocated on the first marker), since a NaN payload cannot be
 * relied on to survive JavaScript numbers.
 */
import type { LabelSet } from './label-set.js';
import type { Timeline, Timelines } from './timeline.js';

/** The timestamps of a store's series before its first sample (it then joins a timeline). */
const NO_SAMPLES = new Float64Array(0);

export class Series {
  readonly ref: number;
  readonly labelSet: LabelSet;
  /**
   * Sample timestamps (ms), non-decreasing; valid up to `length`. In a store, often an
   * array shared with other series (see {@link Timeline}): what lies beyond `length` may
   * be theirs.
   */
  t: Float64Array;
  /** Sample values, parallel to `t`; a stale marker's value is NaN. */
  v: Float64Array;
  /** Number of samples stored. */
  length = 0;
  /** 1 where the sample is a staleness marker; null while the series has none. */
  stale: Uint8Array | null = null;
  /**
   * No sample after this index is below the sample before it (0 when none is): a counter
   * has not reset since. An upper bound — replacing the last sample may leave it too high —
   * so that rate() and friends can skip their reset scan when it is at or before a window.
   */
  lastDecrease = 0;
  /**
   * While the series shares its timestamps: the timeline `t` is a view of, from index
   * `timeOffset` (sample i's timestamp is `timeline.t[timeOffset + i]`); else null.
   */
  timeline: Timeline | null = null;
  timeOffset = 0;
  /** The store's timelines (null for a series of its own). */
  private readonly timelines: Timelines | null;

  /**
   * `timelines`, when given (by a store), supplies the arrays, of its slab's capacity
   * rather than `capacity`: the values at once, the timestamps at the first sample.
   */
  constructor(ref: number, labelSet: LabelSet, capacity: number, timelines?: Timelines) {
    this.ref = ref;
    this.labelSet = labelSet;
    this.timelines = timelines ?? null;
    this.t = timelines === undefined ? new Float64Array(capacity) : NO_SAMPLES;
    this.v = timelines === undefined ? new Float64Array(capacity) : timelines.slab.take();
  }

  /**
   * Forgets every sample (the store was reset): as new, but the values keep their array
   * (with old values past `length`, which nothing reads).
   */
  clear(): void {
    this.length = 0;
    this.stale = null;
    this.lastDecrease = 0;
    this.timeline = null;
    this.timeOffset = 0;
    this.t = this.timelines === null ? this.t : NO_SAMPLES;
  }

  /**
   * Appends a sample at `t` ms. A sample at the same timestamp as the last one replaces
   * it (last write wins); an earlier timestamp is a RangeError.
   */
  append(t: number, value: number): void {
    // The common case, a scrape: another series of the same timeline has written this
    // timestamp already (timelines only hold increasing timestamps, so t is after the
    // last sample), and the series has no staleness markers to keep in step.
    const n = this.length;
    const timeline = this.timeline;
    if (
      timeline !== null &&
      this.stale === null &&
      this.timeOffset + n < timeline.length &&
      Object.is(this.t[n], t)
    ) {
      if (n > 0 && value < this.v[n - 1]) this.lastDecrease = n;
      this.v[n] = value;
      this.length = n + 1;
      return;
    }
    this.put(t, value, false);
  }

  /**
   * Appends a staleness marker at `t` ms: instant selectors at or after `t` no longer
   * return the series (until a later sample arrives); range functions ignore the marker
   * but still see the samples before it.
   */
  markStale(t: number): void {
    this.put(t, Number.NaN, true);
  }

  /** Whether sample `i` is a staleness marker. */
  isStale(i: number): boolean {
    return this.stale !== null && this.stale[i] === 1;
  }

  /** Index of the last sample with timestamp ≤ `t`, or -1. O(log n). */
  lastAtOrBefore(t: number): number {
    const ts = this.t;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Index of the first sample with timestamp ≥ `t` (`length` when none). O(log n). */
  firstAtOrAfter(t: number): number {
    const ts = this.t;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private put(t: number, value: number, stale: boolean): void {
    if (!Number.isFinite(t)) throw new RangeError(`sample timestamp must be finite, got ${t}`);
    const n = this.length;
    if (n > 0) {
      const last = this.t[n - 1];
      if (t < last) {
        throw new RangeError(
          `out-of-order sample for ${this.labelSet.toString()}: t=${t} ms is before the last sample at ${last} ms`,
        );
      }
      if (t === last) {
        if (n > 1 && value < this.v[n - 2]) this.lastDecrease = n - 1;
        this.v[n - 1] = value;
        this.setStale(n - 1, stale);
        return;
      }
      if (value < this.v[n - 1]) this.lastDecrease = n;
    }
    if (n === 0 && this.timelines !== null) this.join(t);
    if (n === this.t.length) this.grow();
    const timeline = this.timeline;
    // Shared timestamps: usually another series has written this one already (`t` is a
    // view of the timeline, so `this.t[n]` is the timeline's entry).
    if (timeline === null) this.t[n] = t;
    else if (this.timeOffset + n === timeline.length) this.extend(timeline, n, t);
    else if (!Object.is(this.t[n], t)) this.leave(n, t);
    this.v[n] = value;
    this.setStale(n, stale);
    this.length = n + 1;
  }

  /** Starts sharing the store's timeline that has `t`, or a new one. */
  private join(t: number): void {
    const spot = this.timelines!.join(t);
    this.timeline = spot.timeline;
    this.timeOffset = spot.index;
    this.t = spot.timeline.from(spot.index);
  }

  /** Writes timestamp `t` at index `n`, the first series to get that far in its timeline. */
  private extend(timeline: Timeline, n: number, t: number): void {
    const at = this.timeOffset + n;
    timeline.t[at] = t;
    timeline.length = at + 1;
    this.timelines!.wrote(timeline, at, t);
  }

  /** Goes on with an array of its own: timestamp `t` at index `n` differs from the timeline's. */
  private leave(n: number, t: number): void {
    const own = new Float64Array(this.t.length);
    own.set(this.t.subarray(0, n));
    own[n] = t;
    this.t = own;
    this.timeline = null;
    this.timeOffset = 0;
  }

  private setStale(i: number, stale: boolean): void {
    if (stale) {
      if (this.stale === null) this.stale = new Uint8Array(this.t.length);
      this.stale[i] = 1;
    } else if (this.stale !== null) {
      this.stale[i] = 0;
    }
  }

  /** Room for twice the samples, in arrays of its own (a shared timeline's view may be shorter than `v`). */
  private grow(): void {
    const n = this.length;
    const capacity = Math.max(8, n * 2);
    const t = new Float64Array(capacity);
    const v = new Float64Array(capacity);
    t.set(this.t.subarray(0, n));
    v.set(this.v.subarray(0, n));
    this.t = t;
    this.v = v;
    this.timeline = null;
    this.timeOffset = 0;
    if (this.stale !== null) {
      const s = new Uint8Array(capacity);
      s.set(this.stale.subarray(0, n));
      this.stale = s;
    }
  }
}
