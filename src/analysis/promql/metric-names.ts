/**
 * Which metrics an expression reads, so a simulator can record only those.
 */
import type { Expr } from './ast.js';
import { parsePromQL } from './parse.js';

export function visit(e: Expr, fn: (s: Extract<Expr, { kind: 'selector' }>) => void): void {
  switch (e.kind) {
    case 'selector':
      fn(e);
      return;
    case 'matrix':
      fn(e.selector);
      return;
    case 'subquery':
    case 'paren':
    case 'unary':
      visit(e.expr, fn);
      return;
    case 'binary':
      visit(e.lhs, fn);
      visit(e.rhs, fn);
      return;
    case 'aggregate':
      if (e.param !== null) visit(e.param, fn);
      visit(e.expr, fn);
      return;
    case 'call':
      for (const a of e.args) visit(a, fn);
      return;
    default:
      return;
  }
}

/**
 * The metric names an expression selects (sorted, unique): each selector's identifier or
 * `__name__="…"` matcher. A selector without a fixed name (`{job="api"}`,
 * `{__name__=~"http_.*"}`) contributes nothing: check {@link selectsUnnamedMetrics}.
 * Throws a PromQLError for invalid expressions.
 */
export function metricNamesOf(expr: string): string[] {
  const names = new Set<string>();
  visit(parsePromQL(expr), (s) => {
    if (s.name !== null) names.add(s.name);
  });
  return [...names].sort();
}

/** Whether some selector of `expr` has no fixed metric name (so may read any metric). */
export function selectsUnnamedMetrics(expr: string): boolean {
  let unnamed = false;
  visit(parsePromQL(expr), (s) => {
    if (s.name === null) unnamed = true;
  });
  return unnamed;
}
