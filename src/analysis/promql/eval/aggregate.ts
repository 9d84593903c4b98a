/**
 * Aggregation operators (`sum by (le) (…)`, `topk(3, …)`, …) with Prometheus 2.42's
 * arithmetic: plain summation for sum, an incremental mean for avg, Welford for
 * stddev/stdvar, NaN-replacing min/max, container/heap selection for topk/bottomk.
 *
 * Output labels: `by (l…)` keeps exactly those labels (the metric name only if listed),
 * `without (l…)` drops them and the metric name, no clause gives `{}`; topk and bottomk
 * keep each sample's own labels. Groups come out in order of first appearance.
 */
import { type LabelSet, METRIC_NAME } from '../../../metrics/label-set.js';
import type { Aggregate } from '../ast.js';
import { PromQLError } from '../errors.js';
import { formatGoFloat, isValidLabelName } from '../literals.js';
import { type EvalContext, nextEpoch } from './context.js';
import type { ScalarNode, VectorNode } from './nodes.js';
import { quantile } from './quantile.js';
import type { Runtime } from './runtime.js';
import { Vec } from './vector.js';

/** Go's `%v` of a float64, for messages. */
function goFormatV(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Number.POSITIVE_INFINITY) return '+Inf';
  if (f === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(f).replace(/e([+-])(\d)$/, 'e$10$2');
}

interface HeapItem {
  ls: LabelSet;
  v: number;
}

/** Go's `container/heap` over a slice with a `less` function. */
function heapUp(h: HeapItem[], j: number, less: (a: HeapItem, b: HeapItem) => boolean): void {
  for (;;) {
    const i = Math.trunc((j - 1) / 2);
    if (i === j || !less(h[j], h[i])) break;
    [h[i], h[j]] = [h[j], h[i]];
    j = i;
  }
}

function heapDown(h: HeapItem[], i0: number, n: number, less: (a: HeapItem, b: HeapItem) => boolean): void {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n || j1 < 0) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2], h[j1])) j = j2;
    if (!less(h[j], h[i])) break;
    [h[i], h[j]] = [h[j], h[i]];
    i = j;
  }
}

function heapPop(h: HeapItem[], less: (a: HeapItem, b: HeapItem) => boolean): void {
  const n = h.length - 1;
  [h[0], h[n]] = [h[n], h[0]];
  heapDown(h, 0, n, less);
  h.pop();
}

function heapPush(h: HeapItem[], item: HeapItem, less: (a: HeapItem, b: HeapItem) => boolean): void {
  h.push(item);
  heapUp(h, h.length - 1, less);
}

/** topk's heap order: NaN is smallest. */
const lessTop = (a: HeapItem, b: HeapItem): boolean => Number.isNaN(a.v) || a.v < b.v;
/** bottomk's heap order: NaN is "largest" kept out first. */
const lessBottom = (a: HeapItem, b: HeapItem): boolean => Number.isNaN(a.v) || a.v > b.v;

export class AggregateNode implements VectorNode {
  readonly type = 'vector';
  private readonly rt: Runtime;
  private readonly ast: Aggregate;
  private readonly expr: VectorNode;
  private readonly param: ScalarNode | null;
  private readonly valueLabel: string | null;
  private readonly grouping: ReadonlySet<string>;
  private readonly out = new Vec();
  // Per group slot.
  private groups: LabelSet[] = [];
  private value = new Float64Array(16);
  private mean = new Float64Array(16);
  private count = new Float64Array(16);
  private lists: HeapItem[][] = [];
  private values: number[][] = [];
  // The last input's labels and their groups, reused while the input's labels repeat.
  private lastIn: LabelSet[] = [];
  private lastGroup: LabelSet[] = [];
  private lastN = -1;

  constructor(
    rt: Runtime,
    ast: Aggregate,
    expr: VectorNode,
    param: ScalarNode | null,
    valueLabel: string | null,
  ) {
    this.rt = rt;
    this.ast = ast;
    this.expr = expr;
    this.param = param;
    this.valueLabel = valueLabel;
    const grouping = new Set(ast.grouping);
    if (ast.without) grouping.add(METRIC_NAME);
    this.grouping = grouping;
  }

  eval(ctx: EvalContext): Vec {
    const p = this.param === null ? 0 : this.param.eval(ctx);
    const vec = this.expr.eval(ctx);
    const out = this.out.reset();
    const op = this.ast.op;
    let k = 0;
    if (op === 'topk' || op === 'bottomk') {
      if (!(p <= 2 ** 63 && p >= -(2 ** 63))) {
        throw new PromQLError(`Scalar value ${goFormatV(p)} overflows int64`);
      }
      k = Math.trunc(p);
      if (k < 1) return out;
    }
    if (op === 'count_values' && !isValidLabelName(this.valueLabel!)) {
      throw new PromQLError(`invalid label name "${this.valueLabel}"`);
    }
    const n = vec.n;
    const epoch = nextEpoch();
    let ngroups = 0;
    const reuse = op !== 'count_values' && this.sameInput(vec);
    const isSum = op === 'sum';
    for (let i = 0; i < n; i++) {
      const x = vec.v[i];
      let g: LabelSet;
      if (reuse) g = this.lastGroup[i];
      else {
        g = op === 'count_values' ? this.countValuesGroup(vec.ls[i], x) : this.groupOf(vec.ls[i]);
        this.lastIn[i] = vec.ls[i];
        this.lastGroup[i] = g;
      }
      if (g.stamp !== epoch) {
        g.stamp = epoch;
        g.slot = ngroups;
        this.ensure(ngroups + 1);
        this.groups[ngroups] = g;
        this.start(ngroups, vec.ls[i], x);
        ngroups++;
      } else if (isSum) this.value[g.slot] += x;
      else this.add(g.slot, vec.ls[i], x, k);
    }
    this.lastN = op === 'count_values' ? -1 : n;
    for (let s = 0; s < ngroups; s++) this.emit(s, out, p);
    return out;
  }

  private sameInput(vec: Vec): boolean {
    if (vec.n !== this.lastN) return false;
    for (let i = 0; i < vec.n; i++) if (vec.ls[i] !== this.lastIn[i]) return false;
    return true;
  }

  /** The group of a sample with these labels (not for count_values). */
  groupOf(ls: LabelSet): LabelSet {
    // keep and drop are memoized by the label table.
    const labels = this.rt.labels;
    if (this.ast.without) return labels.drop(ls, this.grouping);
    return this.grouping.size > 0 ? labels.keep(ls, this.grouping) : labels.empty;
  }

  private countValuesGroup(ls: LabelSet, x: number): LabelSet {
    const labels = this.rt.labels;
    const withValue = labels.with(ls, this.valueLabel!, formatGoFloat(x));
    if (this.ast.without) return labels.drop(withValue, this.grouping);
    return labels.keep(withValue, new Set([...this.grouping, this.valueLabel!]));
  }

  private ensure(size: number): void {
    if (this.value.length >= size) return;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(size * 2);
      b.set(a);
      return b;
    };
    this.value = grow(this.value);
    this.mean = grow(this.mean);
    this.count = grow(this.count);
  }

  /** The first sample of a group. */
  private start(s: number, ls: LabelSet, x: number): void {
    this.value[s] = x;
    this.mean[s] = x;
    this.count[s] = 1;
    switch (this.ast.op) {
      case 'stddev':
      case 'stdvar':
        this.value[s] = 0;
        break;
      case 'group':
        this.value[s] = 1;
        break;
      case 'topk':
      case 'bottomk':
        this.lists[s] = [{ ls, v: x }];
        break;
      case 'quantile':
        this.values[s] = [x];
        break;
    }
  }

  private add(s: number, ls: LabelSet, x: number, k: number): void {
    switch (this.ast.op) {
      case 'sum':
        this.value[s] += x;
        break;
      case 'avg': {
        const count = ++this.count[s];
        const mean = this.mean[s];
        if (mean === Number.POSITIVE_INFINITY || mean === Number.NEGATIVE_INFINITY) {
          if ((x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY) && mean > 0 === x > 0) break;
          if (Number.isFinite(x)) break;
        }
        this.mean[s] = mean + (x / count - mean / count);
        break;
      }
      case 'max':
        if (this.value[s] < x || Number.isNaN(this.value[s])) this.value[s] = x;
        break;
      case 'min':
        if (this.value[s] > x || Number.isNaN(this.value[s])) this.value[s] = x;
        break;
      case 'count':
      case 'count_values':
        this.count[s]++;
        break;
      case 'stddev':
      case 'stdvar': {
        const count = ++this.count[s];
        const delta = x - this.mean[s];
        this.mean[s] += delta / count;
        this.value[s] += delta * (x - this.mean[s]);
        break;
      }
      case 'topk':
      case 'bottomk': {
        const h = this.lists[s];
        const top = this.ast.op === 'topk';
        const head = h[0].v;
        if (h.length < k || (top ? head < x : head > x) || Number.isNaN(head)) {
          const less = top ? lessTop : lessBottom;
          if (h.length === k) {
            if (k === 1) {
              h[0] = { ls, v: x };
              break;
            }
            heapPop(h, less);
          }
          heapPush(h, { ls, v: x }, less);
        }
        break;
      }
      case 'quantile':
        this.values[s].push(x);
        break;
    }
  }

  private emit(s: number, out: Vec, p: number): void {
    const g = this.groups[s];
    switch (this.ast.op) {
      case 'avg':
        out.push(g, this.mean[s]);
        return;
      case 'count':
      case 'count_values':
        out.push(g, this.count[s]);
        return;
      case 'stdvar':
        out.push(g, this.value[s] / this.count[s]);
        return;
      case 'stddev':
        out.push(g, Math.sqrt(this.value[s] / this.count[s]));
        return;
      case 'quantile':
        out.push(g, quantile(p, this.values[s]));
        return;
      case 'topk':
      case 'bottomk': {
        const h = this.lists[s];
        const top = this.ast.op === 'topk';
        // Best first (highest for topk, lowest for bottomk), NaN last; ties keep heap order.
        const sorted = h
          .map((item, i) => ({ item, i }))
          .sort((a, b) => {
            const x = a.item.v;
            const y = b.item.v;
            if (Number.isNaN(x) || Number.isNaN(y))
              return (Number.isNaN(x) ? 1 : 0) - (Number.isNaN(y) ? 1 : 0);
            if (x !== y) return top ? y - x : x - y;
            return a.i - b.i;
          });
        for (const { item } of sorted) out.push(item.ls, item.v);
        return;
      }
      default:
        out.push(g, this.value[s]);
    }
  }
}
