/**
 * Turns a checked expression tree into executable nodes bound to one engine's store.
 * Types were checked by the parser, so the casts here only restate them.
 */
import type { LabelSet, LabelSetTable } from '../../../metrics/label-set.js';
import { METRIC_NAME } from '../../../metrics/label-set.js';
import { type Call, type Expr, unwrapParens } from '../ast.js';
import { notSupported } from '../errors.js';
import { AggregateNode } from './aggregate.js';
import {
  NegateNode,
  NegateScalarNode,
  ScalarBinaryNode,
  VectorScalarNode,
  VectorVectorNode,
} from './binary.js';
import { HistogramQuantileNode } from './histogram-quantile.js';
import {
  AbsentNode,
  ConstantNode,
  clampOf,
  DateNode,
  MATH_FUNCTIONS,
  roundOf,
  ScalarOfNode,
  SortNode,
  TimeNode,
  TimestampNode,
  TransformNode,
  VectorOfNode,
} from './instant-call.js';
import { LabelJoinNode, LabelReplaceNode } from './label-functions.js';
import type { Node, RangeSource, ScalarNode, StringNode, VectorNode } from './nodes.js';
import { AbsentOverTimeNode, RangeCallNode } from './range-call.js';
import { RANGE_KERNELS } from './range-functions.js';
import { rangeCallSignature, sharedRangeCalls } from './range-memo-plan.js';
import type { Runtime } from './runtime.js';
import { SelectorNode } from './selector.js';
import { SelectorRange } from './selector-range.js';
import { SubqueryRange } from './subquery.js';
import { SumOverRangeNode } from './sum-over-range.js';

const DATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'days_in_month',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'hour',
  'minute',
  'month',
  'year',
]);

/**
 * The nodes of `e`. `shared`: the signatures of the range-function calls that occur more
 * than once in the whole expression (worked out from `e` on the outermost call).
 */
export function plan(rt: Runtime, e: Expr, shared: ReadonlySet<string> = sharedRangeCalls(e)): Node {
  switch (e.kind) {
    case 'number':
      return new ConstantNode(e.value);
    case 'string':
      return { type: 'string', value: e.value } satisfies StringNode;
    case 'selector':
      return new SelectorNode(rt, e);
    case 'matrix':
      return new SelectorRange(rt, e.selector, e.rangeMs);
    case 'subquery':
      return new SubqueryRange(rt, e, plan(rt, e.expr, shared) as VectorNode);
    case 'paren':
      return plan(rt, e.expr, shared);
    case 'unary': {
      const inner = plan(rt, e.expr, shared);
      if (e.op === '+') return inner;
      return inner.type === 'scalar' ? new NegateScalarNode(inner) : new NegateNode(rt, inner as VectorNode);
    }
    case 'binary': {
      const l = plan(rt, e.lhs, shared);
      const r = plan(rt, e.rhs, shared);
      if (l.type === 'scalar' && r.type === 'scalar') return new ScalarBinaryNode(e.op, l, r);
      if (l.type === 'vector' && r.type === 'scalar') return new VectorScalarNode(rt, e, l, r, false);
      if (l.type === 'scalar' && r.type === 'vector') return new VectorScalarNode(rt, e, r, l, true);
      return new VectorVectorNode(rt, e, l as VectorNode, r as VectorNode);
    }
    case 'aggregate': {
      const expr = plan(rt, e.expr, shared) as VectorNode;
      if (e.op === 'count_values') {
        return new AggregateNode(rt, e, expr, null, (plan(rt, e.param!, shared) as StringNode).value);
      }
      const param = e.param === null ? null : (plan(rt, e.param, shared) as ScalarNode);
      const aggregate = new AggregateNode(rt, e, expr, param, null);
      if (e.op === 'sum' && expr instanceof RangeCallNode && expr.source instanceof SelectorRange) {
        const onlyGroup = e.grouping.length === 0 && !e.without ? rt.labels.empty : null;
        return new SumOverRangeNode(aggregate, expr, onlyGroup);
      }
      return aggregate;
    }
    case 'call':
      return planCall(rt, e, shared);
  }
}

function planCall(rt: Runtime, e: Call, shared: ReadonlySet<string>): Node {
  const name = e.fn.name;
  const args = e.args;
  const vectorArg = () => plan(rt, args[0], shared) as VectorNode;
  const scalarArgs = (from: number) => args.slice(from).map((a) => plan(rt, a, shared) as ScalarNode);
  const stringArg = (i: number) => (plan(rt, args[i], shared) as StringNode).value;

  if (name in RANGE_KERNELS) {
    const m = args.findIndex((a) => a.type === 'matrix');
    const source = plan(rt, args[m], shared) as RangeSource;
    const param = args.length > 1 ? (plan(rt, args[1 - m], shared) as ScalarNode) : null;
    const signature = rangeCallSignature(e);
    const memo = signature !== null && shared.has(signature) ? rt.memo(signature) : null;
    return new RangeCallNode(rt, name, source, param, memo);
  }
  if (name in MATH_FUNCTIONS) {
    const f = MATH_FUNCTIONS[name];
    return new TransformNode(rt, vectorArg(), [], () => f);
  }
  if (DATE_FUNCTIONS.has(name)) return new DateNode(rt, name, args.length === 0 ? null : vectorArg());
  switch (name) {
    case 'absent_over_time':
      return new AbsentOverTimeNode(
        plan(rt, args[0], shared) as RangeSource,
        absentLabels(rt.labels, args[0]),
      );
    case 'absent':
      return new AbsentNode(vectorArg(), absentLabels(rt.labels, args[0]));
    case 'clamp':
      return new TransformNode(rt, vectorArg(), scalarArgs(1), clampOf);
    case 'clamp_min':
      return new TransformNode(rt, vectorArg(), scalarArgs(1), (p) => (x) => Math.max(p[0], x));
    case 'clamp_max':
      return new TransformNode(rt, vectorArg(), scalarArgs(1), (p) => (x) => Math.min(p[0], x));
    case 'round':
      return new TransformNode(rt, vectorArg(), scalarArgs(1), roundOf);
    case 'timestamp':
      return new TimestampNode(rt, vectorArg(), unwrapParens(args[0]).kind === 'selector');
    case 'scalar':
      return new ScalarOfNode(vectorArg());
    case 'vector':
      return new VectorOfNode(plan(rt, args[0], shared) as ScalarNode, rt.labels.empty);
    case 'time':
      return new TimeNode();
    case 'pi':
      return new ConstantNode(Math.PI);
    case 'histogram_quantile':
      return new HistogramQuantileNode(
        rt,
        plan(rt, args[0], shared) as ScalarNode,
        plan(rt, args[1], shared) as VectorNode,
      );
    case 'sort':
    case 'sort_desc':
      return new SortNode(vectorArg(), name === 'sort_desc');
    case 'label_replace':
      return new LabelReplaceNode(rt, vectorArg(), stringArg(1), stringArg(2), stringArg(3), stringArg(4));
    case 'label_join':
      return new LabelJoinNode(
        rt,
        vectorArg(),
        stringArg(1),
        stringArg(2),
        args.slice(3).map((_, i) => stringArg(i + 3)),
      );
    default:
      throw notSupported(`function ${name}`, e.pos.start);
  }
}

/**
 * The labels `absent()` and `absent_over_time()` report: the selector's equality
 * matchers, except the metric name and any label matched more than once or otherwise.
 */
export function absentLabels(labels: LabelSetTable, arg: Expr): LabelSet {
  const e = unwrapParens(arg);
  const selector = e.kind === 'selector' ? e : e.kind === 'matrix' ? e.selector : null;
  if (selector === null) return labels.empty;
  const out: Record<string, string> = {};
  const has = new Set<string>();
  for (const m of selector.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !has.has(m.name)) {
      out[m.name] = m.value;
      has.add(m.name);
    } else delete out[m.name];
  }
  return labels.fromLabels(out);
}
