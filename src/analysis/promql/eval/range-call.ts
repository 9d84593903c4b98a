/**
 * Calls of range-vector functions: the kernel applied to each series' window. The result
 * keeps the series' labels minus the metric name (last_over_time keeps the name, as in
 * Prometheus 2.42). Two series that end up with the same labels are an error, across the
 * whole query as Prometheus checks its result matrix.
 *
 * The values are computed first, per candidate, into reused typed arrays (which
 * SumOverRangeNode reads directly), then the vector is made. The hot loop avoids boxing
 * numbers: no variable holds "a number or undefined", and rate, increase and delta, the
 * functions nearly every query uses, call their kernel directly and get its value through
 * a typed-array slot.
 */
import type { LabelSet } from '../../../metrics/label-set.js';
import { PromQLError } from '../errors.js';
import type { EvalContext } from './context.js';
import { extrapolatedRateInto, extrapolationOf } from './extrapolated-rate.js';
import type { RangeSource, ScalarNode, VectorNode } from './nodes.js';
import { RANGE_KERNELS, type RangeKernel, type Window } from './range-functions.js';
import type { RangeMemo, Runtime } from './runtime.js';
import { SelectorRange } from './selector-range.js';
import { DUPLICATE_LABELSET } from './unique.js';
import { Vec } from './vector.js';

function emptyWindow(): Window {
  return {
    t: new Float64Array(0),
    v: new Float64Array(0),
    lo: 0,
    hi: 0,
    rangeStart: 0,
    rangeEnd: 0,
    rangeMs: 0,
    rangeSeconds: 0,
    noDecrease: false,
  };
}

/**
 * Remembers which source series produced each output label set during one query, to
 * raise Prometheus's duplicate-labelset error.
 */
export class CollisionTracker {
  private query = -1;
  private readonly seen = new Map<LabelSet, unknown>();

  check(ctx: EvalContext, out: LabelSet, source: unknown): void {
    if (ctx.query !== this.query) {
      this.seen.clear();
      this.query = ctx.query;
    }
    const prior = this.seen.get(out);
    if (prior === undefined) this.seen.set(out, source);
    else if (prior !== source) throw new PromQLError(DUPLICATE_LABELSET);
  }
}

/** rate, increase and delta: (isCounter, isRate) of Prometheus's extrapolatedRate. */
const EXTRAPOLATED: Readonly<Record<string, readonly [boolean, boolean]>> = {
  rate: [true, true],
  increase: [true, false],
  delta: [false, false],
};

export class RangeCallNode implements VectorNode {
  readonly type = 'vector';
  readonly source: RangeSource;
  /** Per candidate of the last {@link compute}: 1 when the function has a value there. */
  has = new Uint8Array(64);
  /** Per candidate of the last {@link compute}: the value (0 where it has none). */
  values = new Float64Array(64);
  private readonly rt: Runtime;
  private readonly kernel: RangeKernel;
  /** For rate, increase and delta, their extrapolatedRate flags (called directly), else null. */
  private readonly extrapolated: readonly [isCounter: boolean, isRate: boolean] | null;
  /** The last value the function computed (a typed-array slot, so the number is not boxed). */
  private readonly result = new Float64Array(1);
  private readonly param: ScalarNode | null;
  private readonly keepName: boolean;
  private readonly memo: RangeMemo | null;
  private readonly out = new Vec();
  private readonly w = emptyWindow();
  private readonly collisions = new CollisionTracker();

  constructor(
    rt: Runtime,
    name: string,
    source: RangeSource,
    param: ScalarNode | null,
    memo: RangeMemo | null,
  ) {
    this.rt = rt;
    this.kernel = RANGE_KERNELS[name];
    this.extrapolated = EXTRAPOLATED[name] ?? null;
    this.source = source;
    this.param = param;
    this.keepName = name === 'last_over_time';
    this.memo = memo;
  }

  eval(ctx: EvalContext): Vec {
    const n = this.compute(ctx);
    const out = this.out.reset();
    const src = this.source;
    const track = this.mayCollide();
    const has = this.has;
    for (let i = 0; i < n; i++) {
      if (has[i] === 0) continue;
      const ls = src.labelSet(i);
      const outLs = this.outputLabels(ls);
      if (track) this.collisions.check(ctx, outLs, ls);
      out.push(outLs, this.values[i]);
    }
    return out;
  }

  /** The labels of a candidate's result: without the metric name but for last_over_time. */
  outputLabels(ls: LabelSet): LabelSet {
    return this.keepName ? ls : this.rt.labels.withoutName(ls);
  }

  /** Whether two results may share their labels (Prometheus's duplicate-labelset error). */
  mayCollide(): boolean {
    return !this.keepName && this.source.mayCollide();
  }

  /**
   * Applies the function to every candidate series of this step, into {@link has} and
   * {@link values}; returns the number of candidates. With a memo, a series already
   * computed this step by another call is copied, and what is computed is recorded.
   */
  compute(ctx: EvalContext): number {
    const p = this.param === null ? 0 : this.param.eval(ctx);
    const n = this.source.begin(ctx, this.w);
    if (this.has.length < n) {
      this.has = new Uint8Array(n * 2);
      this.values = new Float64Array(n * 2);
    }
    if (this.memo !== null) this.memo.ensure(this.rt.store.refLimit);
    if (this.extrapolated !== null)
      this.computeRates(n, ctx.step, this.extrapolated[0], this.extrapolated[1]);
    else this.computeKernels(n, ctx.step, p, ctx.t);
    return n;
  }

  /**
   * {@link compute} for rate, increase and delta, which call their kernel directly: a
   * loop small enough for the compiler to inline the window search and the kernel.
   *
   * Most series of a selector share their sample times (one timeline) and have all of its
   * samples in the window: their first and last times and count are the same, so is the
   * extrapolation, and unless a counter may have reset in the window or hit its zero
   * point, the value is (last − first) × the one factor, read straight from the series'
   * values — the same operations on the same numbers as the kernel's. The others, and those
   * exceptions, go through the window and the kernel.
   */
  private computeRates(n: number, step: number, isCounter: boolean, isRate: boolean): void {
    const src = this.source;
    const w = this.w;
    const has = this.has;
    const values = this.values;
    const memo = this.memo;
    const options = this.rt.options.kernel;
    const result = this.result;
    // The shared window [lo, hi) of the timeline, its extrapolation factor, and whether
    // that factor may be clamped for a counter whose first value is at least its increase.
    const selector = src instanceof SelectorRange ? src : null;
    const shared = selector === null ? null : selector.sharedTimeline();
    const lo = shared === null ? 0 : selector!.sharedLo;
    const hi = shared === null ? 0 : selector!.sharedHi;
    const fast = shared !== null && hi - lo >= 2;
    let factor = 0;
    let clampsLarge = true;
    if (fast) {
      const e = extrapolationOf(shared.t[lo], shared.t[hi - 1], hi - lo, w, isRate, options.zeroClampFirst);
      factor = e.factor;
      clampsLarge = e.clampsLargeCounters;
    }
    const series = selector === null ? null : selector.candidates;
    for (let i = 0; i < n; i++) {
      const ref = memo === null ? -1 : src.ref(i);
      if (ref >= 0 && Math.abs(memo!.stamp[ref]) === step) {
        has[i] = memo!.stamp[ref] > 0 ? 1 : 0;
        values[i] = memo!.value[ref];
        continue;
      }
      let present = false;
      let value = 0;
      let done = false;
      if (fast) {
        const s = series![i];
        const offset = s.timeOffset;
        if (s.timeline === shared && s.stale === null && offset <= lo && offset + s.length >= hi) {
          const first = s.v[lo - offset];
          const increase = s.v[hi - 1 - offset] - first;
          const resetOrClamp =
            isCounter &&
            (s.lastDecrease > lo - offset ||
              (increase > 0 && first >= 0 && (first < increase || clampsLarge)));
          if (!resetOrClamp) {
            present = true;
            value = increase * factor;
            done = true;
          }
        }
      }
      if (!done) {
        present = src.window(i, w) && w.hi - w.lo >= 2;
        if (present) extrapolatedRateInto(w, isCounter, isRate, options, result);
        // A number in every case (0 when absent), never undefined: a variable that may hold
        // either is boxed, which would allocate once per series.
        value = present ? result[0] : 0;
      }
      has[i] = present ? 1 : 0;
      values[i] = value;
      if (ref >= 0) {
        memo!.stamp[ref] = present ? step : -step;
        memo!.value[ref] = value;
      }
    }
  }

  /** {@link compute} for the other functions, through their kernel. */
  private computeKernels(n: number, step: number, p: number, t: number): void {
    const src = this.source;
    const w = this.w;
    const has = this.has;
    const values = this.values;
    const memo = this.memo;
    for (let i = 0; i < n; i++) {
      const ref = memo === null ? -1 : src.ref(i);
      if (ref >= 0 && Math.abs(memo!.stamp[ref]) === step) {
        has[i] = memo!.stamp[ref] > 0 ? 1 : 0;
        values[i] = memo!.value[ref];
        continue;
      }
      const present = src.window(i, w) && this.applyKernel(p, t);
      const value = present ? this.result[0] : 0;
      has[i] = present ? 1 : 0;
      values[i] = value;
      if (ref >= 0) {
        memo!.stamp[ref] = present ? step : -step;
        memo!.value[ref] = value;
      }
    }
  }

  /** The kernel of the window in `w` into `result[0]`; false when it has no value. */
  private applyKernel(p: number, t: number): boolean {
    const value = this.kernel(this.w, p, t, this.rt.options.kernel);
    if (value === undefined) return false;
    this.result[0] = value;
    return true;
  }
}

/**
 * absent_over_time: 1 with the labels of the selector's equality matchers when no series
 * has a sample in the window, nothing otherwise.
 */
export class AbsentOverTimeNode implements VectorNode {
  readonly type = 'vector';
  private readonly source: RangeSource;
  private readonly labels: LabelSet;
  private readonly out = new Vec();
  private readonly w = emptyWindow();

  constructor(source: RangeSource, labels: LabelSet) {
    this.source = source;
    this.labels = labels;
  }

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    const n = this.source.begin(ctx, this.w);
    for (let i = 0; i < n; i++) {
      if (this.source.window(i, this.w)) return out;
    }
    out.push(this.labels, 1);
    return out;
  }
}
