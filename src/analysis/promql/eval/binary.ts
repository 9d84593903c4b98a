/**
 * Binary operators with Prometheus 2.42's semantics.
 *
 * - Arithmetic (`+ - * / % ^`) drops the metric name; `atan2` keeps it (as 2.42 does).
 * - Comparisons filter, keeping the vector sample's own value and labels; with `bool` they
 *   return 0/1 and drop the metric name. Between scalars `bool` is required.
 * - Vector/vector operands match on their labels without the metric name, or on the
 *   `on(…)` labels, or ignoring the `ignoring(…)` ones. One-to-one by default;
 *   `group_left`/`group_right` make the other side the "one" side, whose labels listed in
 *   the group clause are copied over. Duplicates on the "one" side, or two matches in
 *   one-to-one mode, are errors with Prometheus's messages.
 * - `and`, `or`, `unless` are set operations on the same match signatures.
 */
import { type LabelSet, METRIC_NAME } from '../../../metrics/label-set.js';
import type { Binary, BinaryOp, VectorMatching } from '../ast.js';
import { PromQLError } from '../errors.js';
import { type EvalContext, nextEpoch } from './context.js';
import { goPow } from './go-math.js';
import type { ScalarNode, VectorNode } from './nodes.js';
import type { Runtime } from './runtime.js';
import { assertUniqueLabels, DUPLICATE_LABELSET } from './unique.js';
import { Vec } from './vector.js';

/** The arithmetic result of `l op r` (comparisons give 1/0). */
export function arithmetic(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      return l % r;
    case '^':
      return goPow(l, r);
    case 'atan2':
      return Math.atan2(l, r);
    case '==':
      return l === r ? 1 : 0;
    case '!=':
      return l !== r ? 1 : 0;
    case '>':
      return l > r ? 1 : 0;
    case '<':
      return l < r ? 1 : 0;
    case '>=':
      return l >= r ? 1 : 0;
    case '<=':
      return l <= r ? 1 : 0;
    default:
      throw new PromQLError(`operator "${op}" not allowed for scalar operations`);
  }
}

const COMPARISONS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
const DROPS_NAME: ReadonlySet<BinaryOp> = new Set(['+', '-', '*', '/', '%', '^']);

export class ScalarBinaryNode implements ScalarNode {
  readonly type = 'scalar';
  constructor(
    private readonly op: BinaryOp,
    private readonly lhs: ScalarNode,
    private readonly rhs: ScalarNode,
  ) {}

  eval(ctx: EvalContext): number {
    const l = this.lhs.eval(ctx);
    return arithmetic(this.op, l, this.rhs.eval(ctx));
  }
}

/** A vector and a scalar; `scalarLeft` when the scalar is the left operand. */
export class VectorScalarNode implements VectorNode {
  readonly type = 'vector';
  private readonly out = new Vec();
  private readonly comparison: boolean;
  private readonly dropName: boolean;

  constructor(
    private readonly rt: Runtime,
    private readonly ast: Binary,
    private readonly vector: VectorNode,
    private readonly scalar: ScalarNode,
    private readonly scalarLeft: boolean,
  ) {
    this.comparison = COMPARISONS.has(ast.op);
    this.dropName = DROPS_NAME.has(ast.op) || ast.returnBool;
  }

  eval(ctx: EvalContext): Vec {
    let vec: Vec;
    let s: number;
    if (this.scalarLeft) {
      s = this.scalar.eval(ctx);
      vec = this.vector.eval(ctx);
    } else {
      vec = this.vector.eval(ctx);
      s = this.scalar.eval(ctx);
    }
    const out = this.out.reset();
    const { op, returnBool } = this.ast;
    const labels = this.rt.labels;
    for (let i = 0; i < vec.n; i++) {
      const x = vec.v[i];
      let value = this.scalarLeft ? arithmetic(op, s, x) : arithmetic(op, x, s);
      if (this.comparison) {
        if (returnBool) {
          /* value is already 1 or 0 */
        } else if (value === 0) continue;
        else value = x;
      }
      out.push(this.dropName ? labels.withoutName(vec.ls[i]) : vec.ls[i], value);
    }
    assertUniqueLabels(out);
    return out;
  }
}

/** Maps label sets to their match signature, reusing the last input's answers. */
class Signatures {
  private readonly cache = new Map<LabelSet, LabelSet>();
  private readonly names: ReadonlySet<string>;
  private lastIn: LabelSet[] = [];
  private lastSig: LabelSet[] = [];
  private lastN = -1;
  sig: LabelSet[] = [];

  constructor(
    private readonly rt: Runtime,
    private readonly matching: VectorMatching,
  ) {
    const names = new Set(matching.labels);
    if (!matching.on) names.add(METRIC_NAME);
    this.names = names;
  }

  /** Fills `sig` for the vector; returns it. */
  of(vec: Vec): LabelSet[] {
    if (vec.n === this.lastN) {
      let same = true;
      for (let i = 0; i < vec.n; i++) {
        if (vec.ls[i] !== this.lastIn[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastSig;
    }
    for (let i = 0; i < vec.n; i++) {
      const ls = vec.ls[i];
      let sig = this.cache.get(ls);
      if (sig === undefined) {
        sig = this.matching.on ? this.rt.labels.keep(ls, this.names) : this.rt.labels.drop(ls, this.names);
        this.cache.set(ls, sig);
      }
      this.lastIn[i] = ls;
      this.lastSig[i] = sig;
    }
    this.lastN = vec.n;
    return this.lastSig;
  }
}

export class VectorVectorNode implements VectorNode {
  readonly type = 'vector';
  private readonly out = new Vec();
  private readonly matching: VectorMatching;
  private readonly lhsSigs: Signatures;
  private readonly rhsSigs: Signatures;
  private readonly result = new Map<LabelSet, Map<LabelSet, LabelSet>>();
  private lastMany: LabelSet | null = null;
  private lastOne: LabelSet | null = null;
  private lastResult: LabelSet | null = null;
  private readonly comparison: boolean;
  private readonly dropName: boolean;
  private matched = new Uint8Array(16);
  private readonly inserted = new Map<LabelSet, number>();

  constructor(
    private readonly rt: Runtime,
    private readonly ast: Binary,
    private readonly lhs: VectorNode,
    private readonly rhs: VectorNode,
  ) {
    this.matching = ast.matching!;
    this.lhsSigs = new Signatures(rt, this.matching);
    this.rhsSigs = new Signatures(rt, this.matching);
    this.comparison = COMPARISONS.has(ast.op);
    this.dropName = DROPS_NAME.has(ast.op);
  }

  eval(ctx: EvalContext): Vec {
    const l = this.lhs.eval(ctx);
    const r = this.rhs.eval(ctx);
    const out = this.out.reset();
    switch (this.ast.op) {
      case 'and':
        this.and(l, r, out);
        break;
      case 'or':
        this.or(l, r, out);
        break;
      case 'unless':
        this.unless(l, r, out);
        break;
      default:
        this.binop(l, r, out);
    }
    assertUniqueLabels(out);
    return out;
  }

  private and(l: Vec, r: Vec, out: Vec): void {
    if (l.n === 0 || r.n === 0) return;
    const ls = this.lhsSigs.of(l);
    const rs = this.rhsSigs.of(r);
    const epoch = nextEpoch();
    for (let j = 0; j < r.n; j++) rs[j].stamp = epoch;
    for (let i = 0; i < l.n; i++) if (ls[i].stamp === epoch) out.push(l.ls[i], l.v[i]);
  }

  private or(l: Vec, r: Vec, out: Vec): void {
    if (l.n === 0 || r.n === 0) {
      const only = l.n === 0 ? r : l;
      for (let i = 0; i < only.n; i++) out.push(only.ls[i], only.v[i]);
      return;
    }
    const ls = this.lhsSigs.of(l);
    const rs = this.rhsSigs.of(r);
    const epoch = nextEpoch();
    for (let i = 0; i < l.n; i++) {
      ls[i].stamp = epoch;
      out.push(l.ls[i], l.v[i]);
    }
    for (let j = 0; j < r.n; j++) if (rs[j].stamp !== epoch) out.push(r.ls[j], r.v[j]);
  }

  private unless(l: Vec, r: Vec, out: Vec): void {
    if (l.n === 0 || r.n === 0) {
      for (let i = 0; i < l.n; i++) out.push(l.ls[i], l.v[i]);
      return;
    }
    const ls = this.lhsSigs.of(l);
    const rs = this.rhsSigs.of(r);
    const epoch = nextEpoch();
    for (let j = 0; j < r.n; j++) rs[j].stamp = epoch;
    for (let i = 0; i < l.n; i++) if (ls[i].stamp !== epoch) out.push(l.ls[i], l.v[i]);
  }

  private binop(l: Vec, r: Vec, out: Vec): void {
    if (l.n === 0 || r.n === 0) return;
    const m = this.matching;
    const swapped = m.card === 'one-to-many';
    const many = swapped ? r : l;
    const one = swapped ? l : r;
    const manySigs = (swapped ? this.rhsSigs : this.lhsSigs).of(many);
    const oneSigs = (swapped ? this.lhsSigs : this.rhsSigs).of(one);
    const epoch = nextEpoch();
    for (let j = 0; j < one.n; j++) {
      const sig = oneSigs[j];
      if (sig.stamp === epoch) this.duplicateOnOneSide(one.ls[j], one.ls[sig.slot], swapped);
      sig.stamp = epoch;
      sig.slot = j;
    }
    const oneToOne = m.card === 'one-to-one';
    if (oneToOne) {
      if (this.matched.length < one.n) this.matched = new Uint8Array(one.n * 2);
      for (let j = 0; j < one.n; j++) this.matched[j] = 0;
    } else this.inserted.clear();
    const { op, returnBool } = this.ast;
    for (let i = 0; i < many.n; i++) {
      const sig = manySigs[i];
      if (sig.stamp !== epoch) continue;
      const j = sig.slot;
      const vl = swapped ? one.v[j] : many.v[i];
      const vr = swapped ? many.v[i] : one.v[j];
      let value = arithmetic(op, vl, vr);
      if (this.comparison) {
        if (!returnBool) {
          if (value === 0) continue;
          value = vl;
        }
      }
      let metric = this.resultMetric(many.ls[i], one.ls[j]);
      if (returnBool) metric = this.rt.labels.withoutName(metric);
      if (oneToOne) {
        if (this.matched[j] === 1) {
          throw new PromQLError(
            'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
          );
        }
        this.matched[j] = 1;
      } else {
        if (this.inserted.get(metric) === j) {
          throw new PromQLError('multiple matches for labels: grouping labels must ensure unique matches');
        }
        this.inserted.set(metric, j);
      }
      out.push(metric, value);
    }
  }

  private duplicateOnOneSide(current: LabelSet, earlier: LabelSet, swapped: boolean): never {
    const m = this.matching;
    const names = new Set(m.labels);
    const matched = m.on
      ? this.rt.labels.keep(current, names)
      : this.rt.labels.drop(current, new Set([...names, METRIC_NAME]));
    throw new PromQLError(
      `found duplicate series for the match group ${matched.toString()} on the ${swapped ? 'left' : 'right'} ` +
        `hand-side of the operation: [${current.toString()}, ${earlier.toString()}];` +
        'many-to-many matching not allowed: matching labels must be unique on one side',
    );
  }

  /** The labels of a result sample, from the "many" side's and the "one" side's labels. */
  private resultMetric(manyLs: LabelSet, oneLs: LabelSet): LabelSet {
    // The same pair as last time (one sample on each side, step after step): no look-up.
    if (manyLs === this.lastMany && oneLs === this.lastOne) return this.lastResult!;
    const res = this.resultMetricOf(manyLs, oneLs);
    this.lastMany = manyLs;
    this.lastOne = oneLs;
    this.lastResult = res;
    return res;
  }

  private resultMetricOf(manyLs: LabelSet, oneLs: LabelSet): LabelSet {
    let inner = this.result.get(manyLs);
    if (inner === undefined) {
      inner = new Map();
      this.result.set(manyLs, inner);
    }
    let res = inner.get(oneLs);
    if (res === undefined) {
      const labels = this.rt.labels;
      const m = this.matching;
      res = manyLs;
      if (this.dropName) res = labels.withoutName(res);
      if (m.card === 'one-to-one') {
        res = m.on ? labels.keep(res, new Set(m.labels)) : labels.drop(res, new Set(m.labels));
      }
      for (const name of m.include) res = labels.with(res, name, oneLs.get(name));
      inner.set(oneLs, res);
    }
    return res;
  }
}

/** Unary minus on a vector: negates and drops the metric name. */
export class NegateNode implements VectorNode {
  readonly type = 'vector';
  private readonly out = new Vec();
  private query = -1;
  private readonly seen = new Map<LabelSet, LabelSet>();

  constructor(
    private readonly rt: Runtime,
    private readonly arg: VectorNode,
  ) {}

  eval(ctx: EvalContext): Vec {
    const vec = this.arg.eval(ctx);
    const out = this.out.reset();
    if (ctx.query !== this.query) {
      this.seen.clear();
      this.query = ctx.query;
    }
    for (let i = 0; i < vec.n; i++) {
      const ls = this.rt.labels.withoutName(vec.ls[i]);
      const prior = this.seen.get(ls);
      if (prior === undefined) this.seen.set(ls, vec.ls[i]);
      else if (prior !== vec.ls[i]) throw new PromQLError(DUPLICATE_LABELSET);
      out.push(ls, -vec.v[i]);
    }
    assertUniqueLabels(out);
    return out;
  }
}

export class NegateScalarNode implements ScalarNode {
  readonly type = 'scalar';
  constructor(private readonly arg: ScalarNode) {}

  eval(ctx: EvalContext): number {
    return -this.arg.eval(ctx);
  }
}
