/**
 * Range selectors over the store: each matching series' samples in the window
 * [t − offset − range, t − offset] (Prometheus 2) or with the lower bound excluded
 * (Prometheus 3), staleness markers left out.
 *
 * Finding the windows: the series that share their timestamps (the store's timelines)
 * get theirs by arithmetic from one binary search of the shared timestamps per step;
 * the others walk on from where their window was at the previous evaluation (queries
 * mostly move forward a little), or search.
 */
import { type LabelSet, METRIC_NAME } from '../../../metrics/label-set.js';
import type { Selection } from '../../../metrics/selection.js';
import type { Series } from '../../../metrics/series.js';
import type { Timeline } from '../../../metrics/timeline.js';
import type { VectorSelector } from '../ast.js';
import type { EvalContext } from './context.js';
import { goSeconds } from './go-math.js';
import type { RangeSource } from './nodes.js';
import type { Window } from './range-functions.js';
import { baseTime, type Runtime } from './runtime.js';

export class SelectorRange implements RangeSource {
  readonly type = 'matrix';
  readonly rangeMs: number;
  private readonly rangeSeconds: number;
  readonly ast: VectorSelector;
  private readonly rt: Runtime;
  private readonly selection: Selection;
  /** The selection's live list of series (the same array for good; it only grows). */
  private readonly series: readonly Series[];
  private start = 0;
  private end = 0;
  private scratchT = new Float64Array(64);
  private scratchV = new Float64Array(64);
  /** The selector fixes the metric name, so dropping it cannot make two series collide. */
  private readonly nameFixed: boolean;
  /**
   * Labels without the name of the first `collideChecked` selected series, since the
   * selection was last emptied (`collideClears`, its count of clears then).
   */
  private readonly withoutNames = new Set<LabelSet>();
  private collideChecked = 0;
  private collides = false;
  private collideClears = 0;
  private readonly leftOpen: boolean;
  /** Per candidate: index of its last sample at or before the previous window's end. */
  private hint: Int32Array = new Int32Array(0);
  /** Per candidate: index of the first sample inside the previous window. */
  private loHint: Int32Array = new Int32Array(0);
  private hintVersion = -1;
  /** The window [`foundLo`, `foundHi`) {@link search} found (empty when `foundHi` ≤ `foundLo`). */
  private foundLo = 0;
  private foundHi = 0;
  /**
   * The shared timeline (see the store's Timeline) searched last this step, at which
   * length, and its window [`timelineLo`, `timelineHi`): a series sharing it from index
   * `offset` has the window [max(lo, offset), min(hi, offset + length)) − offset, since its
   * timestamps are the timeline's from `offset` on. One search for all of them.
   */
  private timeline: Timeline | null = null;
  private timelineLength = -1;
  private timelineLo = 0;
  private timelineHi = 0;

  constructor(rt: Runtime, ast: VectorSelector, rangeMs: number) {
    this.rt = rt;
    this.ast = ast;
    this.rangeMs = rangeMs;
    this.rangeSeconds = goSeconds(rangeMs);
    this.selection = rt.store.select(ast.matchers);
    this.series = this.selection.series;
    this.leftOpen = rt.options.leftOpen;
    this.nameFixed = ast.matchers.some((m) => m.name === METRIC_NAME && m.type === '=' && m.value !== '');
  }

  begin(ctx: EvalContext, w: Window): number {
    this.end = baseTime(this.ast.at, ctx) - this.ast.offsetMs;
    this.start = this.end - this.rangeMs;
    w.rangeStart = this.start;
    w.rangeEnd = this.end;
    w.rangeMs = this.rangeMs;
    w.rangeSeconds = this.rangeSeconds;
    this.timeline = null;
    const sel = this.selection;
    if (this.hintVersion !== sel.version) {
      // The selection only grows: keep the hints of the series already in it.
      this.hint = grown(this.hint, sel.series.length);
      this.loHint = grown(this.loHint, sel.series.length);
      this.hintVersion = sel.version;
    }
    return sel.series.length;
  }

  window(i: number, w: Window): boolean {
    const s = this.series[i];
    const timeline = s.timeline;
    let lo: number;
    let hi: number;
    if (timeline !== null) {
      this.findTimelineWindow(timeline);
      const offset = s.timeOffset;
      lo = Math.max(this.timelineLo, offset) - offset;
      hi = Math.min(this.timelineHi, offset + s.length) - offset;
    } else {
      this.search(i, s);
      lo = this.foundLo;
      hi = this.foundHi;
    }
    if (lo >= hi) return false;
    if (s.stale === null) {
      w.t = s.t;
      w.v = s.v;
      w.lo = lo;
      w.hi = hi;
      w.noDecrease = s.lastDecrease <= lo;
      return true;
    }
    w.noDecrease = false;
    return this.withoutStale(s, lo, hi, w);
  }

  /**
   * The timeline the candidates share (the first one's that shares one: nearly all share
   * the same), its window searched for this step: [{@link sharedLo}, {@link sharedHi}) of
   * its timestamps. Null when no candidate shares a timeline.
   */
  sharedTimeline(): Timeline | null {
    for (const s of this.series) {
      const timeline = s.timeline;
      if (timeline === null) continue;
      this.findTimelineWindow(timeline);
      return timeline;
    }
    return null;
  }

  /** The window {@link sharedTimeline} found: its first timestamp's index. */
  get sharedLo(): number {
    return this.timelineLo;
  }

  /** One past its last. */
  get sharedHi(): number {
    return this.timelineHi;
  }

  /** The series of the candidates, by index (the selection's live list). */
  get candidates(): readonly Series[] {
    return this.series;
  }

  /**
   * The window of a shared timeline's timestamps: searched once per step, and again only
   * if the timeline has grown since.
   */
  private findTimelineWindow(timeline: Timeline): void {
    if (timeline !== this.timeline || timeline.length !== this.timelineLength) this.searchTimeline(timeline);
  }

  /** The window of a shared timeline's timestamps, by binary search. */
  private searchTimeline(timeline: Timeline): void {
    const ts = timeline.t;
    const open = this.leftOpen;
    const start = this.start;
    const end = this.end;
    // hi: the number of timestamps at or before the end.
    let lo = 0;
    let hi = timeline.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid] <= end) lo = mid + 1;
      else hi = mid;
    }
    const last = lo;
    // lo: the number of those before the start (at or before it when left-open).
    lo = 0;
    hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (open ? ts[mid] <= start : ts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    this.timeline = timeline;
    this.timelineLength = timeline.length;
    this.timelineLo = lo;
    this.timelineHi = last;
  }

  /** Finds candidate i's window into `foundLo` and `foundHi`, starting from its hints. */
  private search(i: number, s: Series): void {
    const ts = s.t;
    const end = this.end;
    const n = s.length;
    // Queries mostly move forward a little: walk on from the last position, else search.
    let last = this.hint[i];
    if (last < n && ts[last] <= end) {
      while (last + 1 < n && ts[last + 1] <= end) last++;
    } else last = s.lastAtOrBefore(end);
    if (last < 0) {
      this.foundLo = 0;
      this.foundHi = 0;
      return;
    }
    this.hint[i] = last;
    const hi = last + 1;
    // First sample inside the window: walk on from the last position, else search [0, hi).
    const start = this.start;
    let lo = this.loHint[i];
    const open = this.leftOpen;
    if (lo <= hi && (lo === 0 || (open ? ts[lo - 1] <= start : ts[lo - 1] < start))) {
      while (lo < hi && (open ? ts[lo] <= start : ts[lo] < start)) lo++;
    } else {
      lo = 0;
      let top = hi;
      while (lo < top) {
        const mid = (lo + top) >>> 1;
        if (open ? ts[mid] <= start : ts[mid] < start) lo = mid + 1;
        else top = mid;
      }
    }
    this.loHint[i] = lo;
    this.foundLo = lo;
    this.foundHi = hi;
  }

  labelSet(i: number): LabelSet {
    return this.series[i].labelSet;
  }

  ref(i: number): number {
    return this.series[i].ref;
  }

  /**
   * Never when the selector fixes the metric name (`x{…}`): the store's series are
   * distinct, so with one name they differ in their other labels. Otherwise checked
   * incrementally: the selection only grows, and a collision stays (until the store is
   * reset).
   */
  mayCollide(): boolean {
    if (this.nameFixed) return false;
    const selection = this.selection;
    if (selection.clears !== this.collideClears) {
      // The store was reset: the selection holds another trial's series.
      this.collideClears = selection.clears;
      this.withoutNames.clear();
      this.collideChecked = 0;
      this.collides = false;
    }
    const series = selection.series;
    for (; this.collideChecked < series.length; this.collideChecked++) {
      const key = this.rt.labels.withoutName(series[this.collideChecked].labelSet);
      if (this.withoutNames.has(key)) this.collides = true;
      this.withoutNames.add(key);
    }
    return this.collides;
  }

  /** Copies the window's samples minus staleness markers into scratch arrays. */
  private withoutStale(s: Series, lo: number, hi: number, w: Window): boolean {
    if (this.scratchT.length < hi - lo) {
      this.scratchT = new Float64Array(hi - lo);
      this.scratchV = new Float64Array(hi - lo);
    }
    const stale = s.stale!;
    let n = 0;
    for (let j = lo; j < hi; j++) {
      if (stale[j] === 1) continue;
      this.scratchT[n] = s.t[j];
      this.scratchV[n] = s.v[j];
      n++;
    }
    if (n === 0) return false;
    w.t = this.scratchT;
    w.v = this.scratchV;
    w.lo = 0;
    w.hi = n;
    return true;
  }
}

/** `hints` extended with zeros to `length` entries (the same array when long enough). */
function grown(hints: Int32Array, length: number): Int32Array {
  if (hints.length >= length) return hints;
  const out = new Int32Array(Math.max(length, hints.length * 2));
  out.set(hints);
  return out;
}
