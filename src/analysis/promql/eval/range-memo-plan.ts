/**
 * Which range-function calls share a per-series memo ({@link RangeMemo}): calls of the
 * same function over the same range, offset and `@` in one expression, e.g. the two rates
 * of `sum(rate(x{code=~"5.."}[2m])) / sum(rate(x[2m]))`, whose common series are computed
 * once per step. A memo is only read by another call of the same step, and a step belongs
 * to one query, so a call whose signature occurs once in its expression gets no memo:
 * it would pay for recording results that nothing reads.
 */
import { type Call, type Expr, unwrapParens } from '../ast.js';
import { RANGE_KERNELS } from './range-functions.js';

/** Range functions whose result depends only on the window (memoizable per series). */
const PURE_RANGE: ReadonlySet<string> = new Set(
  Object.keys(RANGE_KERNELS).filter((n) => n !== 'quantile_over_time' && n !== 'predict_linear'),
);

/** The memo signature of a range-function call over a range selector, or null. */
export function rangeCallSignature(e: Call): string | null {
  if (!PURE_RANGE.has(e.fn.name)) return null;
  const target = unwrapParens(e.args[e.args.findIndex((a) => a.type === 'matrix')]);
  if (target.kind !== 'matrix') return null;
  const s = target.selector;
  const at = s.at === null ? '' : s.at.kind === 'time' ? String(s.at.ms) : s.at.kind;
  return `${e.fn.name}|${target.rangeMs}|${s.offsetMs}|${at}`;
}

/** The signatures that occur in more than one call of `e`. */
export function sharedRangeCalls(e: Expr): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  const visit = (x: Expr): void => {
    switch (x.kind) {
      case 'number':
      case 'string':
      case 'selector':
      case 'matrix':
        return;
      case 'subquery':
      case 'paren':
      case 'unary':
        visit(x.expr);
        return;
      case 'binary':
        visit(x.lhs);
        visit(x.rhs);
        return;
      case 'aggregate':
        visit(x.expr);
        if (x.param !== null) visit(x.param);
        return;
      case 'call': {
        const signature = rangeCallSignature(x);
        if (signature !== null) {
          if (seen.has(signature)) shared.add(signature);
          seen.add(signature);
        }
        for (const a of x.args) visit(a);
      }
    }
  };
  visit(e);
  return shared;
}
