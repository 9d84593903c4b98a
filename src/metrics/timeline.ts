/**
 * Timestamp arrays shared by the series of one store. Scraping gives every series of a
 * target its samples at the same instants, so a store's series can share one array of
 * timestamps, each from the index of its first sample on: half the sample memory, half the
 * arrays to allocate, and a query finds the window of every such series from one search
 * of the shared array (see `SelectorRange`).
 *
 * A series shares a timeline while its timestamps agree with it: appending at index n
 * (index `offset + n` of the timeline) either writes the timestamp, when it is the first
 * series to get that far, or finds the same one already there; a series whose timestamp
 * differs (a missed scrape, a late sample) copies the timestamps it has so far and goes on
 * with its own array. Nothing below a timeline's length is ever written again, so every
 * sharing series keeps exactly its own timestamps.
 */
import type { SampleSlab } from './sample-slab.js';

export class Timeline {
  /** The timestamps, ms, non-decreasing; `length` of them are written. */
  readonly t: Float64Array;
  /** Number of timestamps written: `offset + length` of every sharing series is at most this. */
  length = 0;
  /** The arrays handed out, by offset (the same object for series with the same offset). */
  private readonly views = new Map<number, Float64Array>();

  constructor(t: Float64Array) {
    this.t = t;
  }

  /** The timestamps from index `offset` on, as an array of their own (a view of `t`). */
  from(offset: number): Float64Array {
    let view = this.views.get(offset);
    if (view === undefined) {
      view = offset === 0 ? this.t : this.t.subarray(offset);
      this.views.set(offset, view);
    }
    return view;
  }
}

/** Where a series starts sharing: a timeline, and the index of its first sample there. */
export interface TimelineSpot {
  readonly timeline: Timeline;
  readonly index: number;
}

/** The timelines of one store, and the arrays for sample values. */
export class Timelines {
  readonly slab: SampleSlab;
  /** Every timestamp written to a timeline, where it was first written. */
  private readonly spots = new Map<number, TimelineSpot>();

  constructor(slab: SampleSlab) {
    this.slab = slab;
  }

  /** Where a series whose first sample is at `t` ms shares timestamps: a new timeline if none has `t`. */
  join(t: number): TimelineSpot {
    const spot = this.spots.get(t);
    // Object.is: a start at -0 must not share the timestamp +0 (the map holds them as one).
    if (spot !== undefined && Object.is(spot.timeline.t[spot.index], t)) return spot;
    return { timeline: new Timeline(this.slab.take()), index: 0 };
  }

  /** Forgets every timeline (the store was reset): series join new ones. */
  reset(): void {
    this.spots.clear();
  }

  /** Records that `timeline` got its timestamp `index`, `t` ms. */
  wrote(timeline: Timeline, index: number, t: number): void {
    if (!this.spots.has(t)) this.spots.set(t, { timeline, index });
  }
}
