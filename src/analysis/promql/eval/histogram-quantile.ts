/**
 * histogram_quantile(φ, v) over classic histograms: v's samples are grouped by their
 * labels without `le` (so two histograms differing only in metric name stay apart); each
 * group's buckets (`le` parsed as Go's ParseFloat; samples without a valid `le` are
 * skipped) give one quantile through {@link bucketQuantile}, labelled without `__name__`
 * and `le`. Groups come out in order of first appearance; two groups with the same output
 * labels are Prometheus's duplicate-labelset error.
 */
import type { LabelSet } from '../../../metrics/label-set.js';
import { parseGoFloat } from '../literals.js';
import { bucketQuantile } from './bucket-quantile.js';
import { type EvalContext, nextEpoch } from './context.js';
import type { ScalarNode, VectorNode } from './nodes.js';
import type { Runtime } from './runtime.js';
import { assertUniqueLabels } from './unique.js';
import { Vec } from './vector.js';

const LE: ReadonlySet<string> = new Set(['le']);

export class HistogramQuantileNode implements VectorNode {
  readonly type = 'vector';
  private readonly out = new Vec();
  /** Per input label set: its bucket bound (NaN-free; undefined = skip) and group. */
  private readonly bound = new Map<LabelSet, number | null>();
  private readonly groupOf = new Map<LabelSet, LabelSet>();
  private groups: LabelSet[] = [];
  private slotOfSample = new Int32Array(64);
  private counts = new Int32Array(16);
  private upper = new Float64Array(64);
  private cum = new Float64Array(64);

  constructor(
    private readonly rt: Runtime,
    private readonly q: ScalarNode,
    private readonly arg: VectorNode,
  ) {}

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    const q = this.q.eval(ctx);
    const vec = this.arg.eval(ctx);
    const n = vec.n;
    if (this.slotOfSample.length < n) {
      this.slotOfSample = new Int32Array(n * 2);
      this.upper = new Float64Array(n * 2);
      this.cum = new Float64Array(n * 2);
    }
    // Assign each sample with a valid `le` to its group (first-seen order).
    const epoch = nextEpoch();
    let groups = 0;
    for (let i = 0; i < n; i++) {
      const ls = vec.ls[i];
      const le = this.boundOf(ls);
      if (le === null) {
        this.slotOfSample[i] = -1;
        continue;
      }
      const g = this.group(ls);
      if (g.stamp !== epoch) {
        g.stamp = epoch;
        g.slot = groups;
        this.groups[groups] = g;
        if (this.counts.length <= groups) this.counts = new Int32Array(groups * 2 + 2);
        this.counts[groups] = 0;
        groups++;
      }
      this.slotOfSample[i] = g.slot;
      this.counts[g.slot]++;
    }
    if (groups === 0) return out;
    // Lay the buckets out group after group.
    const offsets = new Int32Array(groups + 1);
    for (let g = 0; g < groups; g++) offsets[g + 1] = offsets[g] + this.counts[g];
    const fill = offsets.slice(0, groups);
    for (let i = 0; i < n; i++) {
      const g = this.slotOfSample[i];
      if (g < 0) continue;
      const at = fill[g]++;
      this.upper[at] = this.bound.get(vec.ls[i]) as number;
      this.cum[at] = vec.v[i];
    }
    for (let g = 0; g < groups; g++) {
      const labels = this.rt.labels.withoutName(this.groups[g]);
      out.push(labels, bucketQuantile(q, this.upper, this.cum, offsets[g], this.counts[g]));
    }
    assertUniqueLabels(out);
    return out;
  }

  private boundOf(ls: LabelSet): number | null {
    let b = this.bound.get(ls);
    if (b === undefined) {
      const raw = ls.names.includes('le') ? parseGoFloat(ls.get('le')) : undefined;
      b = raw === undefined ? null : raw;
      this.bound.set(ls, b);
    }
    return b;
  }

  private group(ls: LabelSet): LabelSet {
    let g = this.groupOf.get(ls);
    if (g === undefined) {
      g = this.rt.labels.drop(ls, LE);
      this.groupOf.set(ls, g);
    }
    return g;
  }
}
