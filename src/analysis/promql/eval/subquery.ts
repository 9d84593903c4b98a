/**
 * A subquery (`expr[range:step]`) as a range source: the inner expression evaluated at
 * every multiple of the step inside the window [t − offset − range, t − offset] (the
 * lower bound excluded in Prometheus 3), assembled into one series per label set.
 * Inner results are remembered per timestamp for the rest of the query, so a range query
 * computes each inner step once however many outer steps' windows contain it.
 */
import type { LabelSet } from '../../../metrics/label-set.js';
import type { Subquery } from '../ast.js';
import type { EvalContext } from './context.js';
import { goSeconds } from './go-math.js';
import type { RangeSource, VectorNode } from './nodes.js';
import type { Window } from './range-functions.js';
import { baseTime, type Runtime } from './runtime.js';
import { Vec } from './vector.js';

class Points {
  t = new Float64Array(16);
  v = new Float64Array(16);
  n = 0;

  push(t: number, v: number): void {
    if (this.n === this.t.length) {
      const nt = new Float64Array(this.n * 2);
      const nv = new Float64Array(this.n * 2);
      nt.set(this.t);
      nv.set(this.v);
      this.t = nt;
      this.v = nv;
    }
    this.t[this.n] = t;
    this.v[this.n] = v;
    this.n++;
  }
}

export class SubqueryRange implements RangeSource {
  readonly type = 'matrix';
  readonly rangeMs: number;
  private readonly rangeSeconds: number;
  private readonly rt: Runtime;
  private readonly ast: Subquery;
  private readonly inner: VectorNode;
  private readonly byLabels = new Map<LabelSet, Points>();
  private order: LabelSet[] = [];
  private memoQuery = -1;
  private readonly memo = new Map<number, Vec>();
  private start = 0;
  private end = 0;

  constructor(rt: Runtime, ast: Subquery, inner: VectorNode) {
    this.rt = rt;
    this.ast = ast;
    this.inner = inner;
    this.rangeMs = ast.rangeMs;
    this.rangeSeconds = goSeconds(ast.rangeMs);
  }

  begin(ctx: EvalContext, w: Window): number {
    if (ctx.query !== this.memoQuery) {
      this.memo.clear();
      this.memoQuery = ctx.query;
    }
    this.end = baseTime(this.ast.at, ctx) - this.ast.offsetMs;
    this.start = this.end - this.rangeMs;
    w.rangeStart = this.start;
    w.rangeEnd = this.end;
    w.rangeMs = this.rangeMs;
    w.rangeSeconds = this.rangeSeconds;
    const step = this.ast.stepMs > 0 ? this.ast.stepMs : this.rt.options.subqueryStepMs;
    // The first multiple of the step at or after the window start (after it, left-open).
    let first = Math.ceil(this.start / step) * step;
    if (this.rt.options.leftOpen && first === this.start) first += step;
    for (const p of this.byLabels.values()) p.n = 0;
    this.order = [];
    for (let t = first; t <= this.end; t += step) {
      const vec = this.evalAt(ctx, t);
      for (let i = 0; i < vec.n; i++) {
        const ls = vec.ls[i];
        let p = this.byLabels.get(ls);
        if (p === undefined) {
          p = new Points();
          this.byLabels.set(ls, p);
        }
        if (p.n === 0) this.order.push(ls);
        p.push(t, vec.v[i]);
      }
    }
    return this.order.length;
  }

  window(i: number, w: Window): boolean {
    const p = this.byLabels.get(this.order[i])!;
    if (p.n === 0) return false;
    w.t = p.t;
    w.v = p.v;
    w.lo = 0;
    w.hi = p.n;
    w.noDecrease = false;
    return true;
  }

  labelSet(i: number): LabelSet {
    return this.order[i];
  }

  ref(_i: number): number {
    return -1;
  }

  mayCollide(): boolean {
    return true;
  }

  private evalAt(ctx: EvalContext, t: number): Vec {
    let vec = this.memo.get(t);
    if (vec === undefined) {
      vec = new Vec().copyFrom(this.inner.eval(this.rt.stepContext(ctx, t)));
      this.memo.set(t, vec);
    }
    return vec;
  }
}
