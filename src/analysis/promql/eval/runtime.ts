/**
 * What every node of one engine shares: the store, the interned label sets, the
 * semantics options, and the per-series memo of range functions (so that
 * `rate(x{a="b"}[2m])` and `rate(x[2m])` in one query compute each series once).
 */
import type { LabelSetTable } from '../../../metrics/label-set.js';
import type { SeriesStore } from '../../../metrics/series-store.js';
import type { AtModifier } from '../ast.js';
import type { EvalContext } from './context.js';
import type { KernelOptions } from './range-functions.js';

export interface RuntimeOptions {
  /** How far back an instant selector looks for a sample, ms. */
  readonly lookbackMs: number;
  /** Prometheus 3: range windows and the lookback exclude their lower bound. */
  readonly leftOpen: boolean;
  /** Regex `.` also matches `\n` (Prometheus 3). */
  readonly dotMatchesNewline: boolean;
  /** Subquery resolution when the query gives none, ms. */
  readonly subqueryStepMs: number;
  readonly kernel: KernelOptions;
}

/** Results of one range function over one selector, by series ref, for one step. */
export class RangeMemo {
  /** `step` when `value` holds the result of that step, `-step` when there was none. */
  stamp = new Float64Array(0);
  value = new Float64Array(0);

  ensure(size: number): void {
    if (this.stamp.length >= size) return;
    const n = Math.max(size, this.stamp.length * 2, 64);
    const stamp = new Float64Array(n);
    const value = new Float64Array(n);
    stamp.set(this.stamp);
    value.set(this.value);
    this.stamp = stamp;
    this.value = value;
  }
}

export class Runtime {
  readonly store: SeriesStore;
  readonly labels: LabelSetTable;
  readonly options: RuntimeOptions;
  private readonly memos = new Map<string, RangeMemo>();
  private steps = 0;
  private queries = 0;

  constructor(store: SeriesStore, options: RuntimeOptions) {
    this.store = store;
    this.labels = store.labelSets;
    this.options = options;
  }

  memo(signature: string): RangeMemo {
    let m = this.memos.get(signature);
    if (m === undefined) {
      m = new RangeMemo();
      this.memos.set(signature, m);
    }
    return m;
  }

  /** A context for a new query evaluated first at `t`. */
  queryContext(t: number, start: number, end: number): EvalContext {
    this.queries += 1;
    return { t, start, end, step: this.nextStep(), query: this.queries };
  }

  /** The same query at another time (a range query's next step, a subquery's inner step). */
  stepContext(ctx: EvalContext, t: number): EvalContext {
    return { t, start: ctx.start, end: ctx.end, step: this.nextStep(), query: ctx.query };
  }

  private nextStep(): number {
    this.steps += 1;
    return this.steps;
  }
}

/** The time a selector or subquery is evaluated at, before its offset: `@` or the step's time. */
export function baseTime(at: AtModifier, ctx: EvalContext): number {
  if (at === null) return ctx.t;
  switch (at.kind) {
    case 'time':
      return at.ms;
    case 'start':
      return ctx.start;
    default:
      return ctx.end;
  }
}
