/**
 * One time series: its label set and its samples in growable typed arrays (timestamps in
 * ms, values), plus Prometheus staleness markers. Stale markers are kept as samples
 * flagged in a side array (allocated on the first marker), since a NaN payload cannot be
 * relied on to survive JavaScript numbers.
 */
import type { LabelSet } from './label-set.js';
import type { SampleSlab } from './sample-slab.js';

export class Series {
  readonly ref: number;
  readonly labelSet: LabelSet;
  /** Sample timestamps (ms), non-decreasing; valid up to `length`. */
  t: Float64Array;
  /** Sample values, parallel to `t`; a stale marker's value is NaN. */
  v: Float64Array;
  /** Number of samples stored. */
  length = 0;
  /** 1 where the sample is a staleness marker; null while the series has none. */
  stale: Uint8Array | null = null;

  /** `slab`, when given, supplies the initial arrays (of its capacity, not `capacity`). */
  constructor(ref: number, labelSet: LabelSet, capacity: number, slab?: SampleSlab) {
    this.ref = ref;
    this.labelSet = labelSet;
    this.t = slab === undefined ? new Float64Array(capacity) : slab.take();
    this.v = slab === undefined ? new Float64Array(capacity) : slab.take();
  }

  /**
   * Appends a sample at `t` ms. A sample at the same timestamp as the last one replaces
   * it (last write wins); an earlier timestamp is a RangeError.
   */
  append(t: number, value: number): void {
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
        this.v[n - 1] = value;
        this.setStale(n - 1, stale);
        return;
      }
    }
    if (n === this.t.length) this.grow();
    this.t[n] = t;
    this.v[n] = value;
    this.setStale(n, stale);
    this.length = n + 1;
  }

  private setStale(i: number, stale: boolean): void {
    if (stale) {
      if (this.stale === null) this.stale = new Uint8Array(this.t.length);
      this.stale[i] = 1;
    } else if (this.stale !== null) {
      this.stale[i] = 0;
    }
  }

  private grow(): void {
    const capacity = Math.max(8, this.t.length * 2);
    const t = new Float64Array(capacity);
    const v = new Float64Array(capacity);
    t.set(this.t);
    v.set(this.v);
    this.t = t;
    this.v = v;
    if (this.stale !== null) {
      const s = new Uint8Array(capacity);
      s.set(this.stale);
      this.stale = s;
    }
  }
}
