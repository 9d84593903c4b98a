/**
 * Calls of range-vector functions: the kernel applied to each series' window. The result
 * keeps the series' labels minus the metric name (last_over_time keeps the name, as in
 * Prometheus 2.42). Two series that end up with the same labels are an error, across the
 * whole query as Prometheus checks its result matrix.
 */
import type { LabelSet } from '../../../metrics/label-set.js';
import { PromQLError } from '../errors.js';
import type { EvalContext } from './context.js';
import type { RangeSource, ScalarNode, VectorNode } from './nodes.js';
import { RANGE_KERNELS, type RangeKernel, type Window } from './range-functions.js';
import type { RangeMemo, Runtime } from './runtime.js';
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

export class RangeCallNode implements VectorNode {
  readonly type = 'vector';
  private readonly rt: Runtime;
  private readonly kernel: RangeKernel;
  private readonly source: RangeSource;
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
    this.source = source;
    this.param = param;
    this.keepName = name === 'last_over_time';
    this.memo = memo;
  }

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    const p = this.param === null ? 0 : this.param.eval(ctx);
    const src = this.source;
    const n = src.begin(ctx);
    const track = !this.keepName && src.mayCollide();
    const memo = this.memo;
    if (memo !== null) memo.ensure(this.rt.store.size);
    const kernelOptions = this.rt.options.kernel;
    const labels = this.rt.labels;
    for (let i = 0; i < n; i++) {
      let value: number | undefined;
      const ref = memo === null ? -1 : src.ref(i);
      if (ref >= 0 && Math.abs(memo!.stamp[ref]) === ctx.step) {
        if (memo!.stamp[ref] < 0) continue;
        value = memo!.value[ref];
      } else {
        value = src.window(i, this.w) ? this.kernel(this.w, p, ctx.t, kernelOptions) : undefined;
        if (ref >= 0) {
          memo!.stamp[ref] = value === undefined ? -ctx.step : ctx.step;
          memo!.value[ref] = value ?? 0;
        }
        if (value === undefined) continue;
      }
      const ls = src.labelSet(i);
      const outLs = this.keepName ? ls : labels.withoutName(ls);
      if (track) this.collisions.check(ctx, outLs, ls);
      out.push(outLs, value);
    }
    return out;
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
    const n = this.source.begin(ctx);
    for (let i = 0; i < n; i++) {
      if (this.source.window(i, this.w)) return out;
    }
    out.push(this.labels, 1);
    return out;
  }
}
