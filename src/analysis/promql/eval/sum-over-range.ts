/**
 * `sum [by|without (…)] (f(x[r]))` — a sum of a range function over a range selector, the
 * shape of nearly every analysis query (`sum(rate(…[2m]))`, `sum by (le) (rate(…))`) —
 * evaluated without the intermediate vector: each series' value goes straight into its
 * group's sum.
 *
 * Identical to an AggregateNode (`sum`) over the RangeCallNode: the call computes the same
 * values (its own {@link RangeCallNode.compute}); they are added in the same order
 * (selection order, series without a value skipped) into groups numbered in order of
 * first appearance, the first value of a group assigned and the others added, exactly as
 * the aggregate does; the groups are the aggregate's own (its {@link AggregateNode.groupOf}
 * of the call's output labels). What it saves is per series: the output labels, the
 * vector, and the group look-up (cached per series ref; none at all for a sum without
 * grouping, whose one group is `{}`). When two results could share their labels, which
 * Prometheus reports as an error, it leaves the evaluation to the two nodes.
 */
import type { LabelSet } from '../../../metrics/label-set.js';
import type { AggregateNode } from './aggregate.js';
import { type EvalContext, nextEpoch } from './context.js';
import type { VectorNode } from './nodes.js';
import type { RangeCallNode } from './range-call.js';
import { Vec } from './vector.js';

export class SumOverRangeNode implements VectorNode {
  readonly type = 'vector';
  private readonly aggregate: AggregateNode;
  private readonly call: RangeCallNode;
  private readonly out = new Vec();
  /**
   * The group of each series seen so far, by ref: a function of its labels, so it holds
   * across store resets (an engine kept from trial to trial), where a selection index
   * would not.
   */
  private readonly groupOfRef: (LabelSet | undefined)[] = [];
  /** Per group slot of the current step: its labels and its sum. */
  private groups: LabelSet[] = [];
  private sums = new Float64Array(16);

  /** The one group of every sample when the sum has no grouping clause (`{}`), else null. */
  private readonly onlyGroup: LabelSet | null;

  /**
   * `aggregate` must be a `sum` whose argument is `call`, over a range selector;
   * `onlyGroup` the empty label set when it has no `by` or `without` clause.
   */
  constructor(aggregate: AggregateNode, call: RangeCallNode, onlyGroup: LabelSet | null) {
    this.aggregate = aggregate;
    this.call = call;
    this.onlyGroup = onlyGroup;
  }

  eval(ctx: EvalContext): Vec {
    const call = this.call;
    if (call.mayCollide()) return this.aggregate.eval(ctx);
    const n = call.compute(ctx);
    if (this.onlyGroup !== null) return this.sumAll(n);
    const groupOfRef = this.groupOfRef;
    const source = call.source;
    const has = call.has;
    const values = call.values;
    const epoch = nextEpoch();
    let ngroups = 0;
    for (let i = 0; i < n; i++) {
      if (has[i] === 0) continue;
      const ref = source.ref(i);
      let g = groupOfRef[ref];
      if (g === undefined) {
        g = this.aggregate.groupOf(call.outputLabels(source.labelSet(i)));
        groupOfRef[ref] = g;
      }
      const x = values[i];
      if (g.stamp !== epoch) {
        g.stamp = epoch;
        g.slot = ngroups;
        if (ngroups === this.sums.length) this.grow();
        this.groups[ngroups] = g;
        this.sums[ngroups] = x;
        ngroups++;
      } else this.sums[g.slot] += x;
    }
    const out = this.out.reset();
    for (let s = 0; s < ngroups; s++) out.push(this.groups[s], this.sums[s]);
    return out;
  }

  /** The same for a single group: the first value assigned, the others added in order. */
  private sumAll(n: number): Vec {
    const has = this.call.has;
    const values = this.call.values;
    let any = false;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (has[i] === 0) continue;
      if (any) sum += values[i];
      else {
        sum = values[i];
        any = true;
      }
    }
    const out = this.out.reset();
    if (any) out.push(this.onlyGroup!, sum);
    return out;
  }

  private grow(): void {
    const sums = new Float64Array(this.sums.length * 2);
    sums.set(this.sums);
    this.sums = sums;
  }
}
