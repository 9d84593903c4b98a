/**
 * The postfix modifiers of selectors and subqueries, `offset` and `@`, with Prometheus's
 * rules: only on selectors and subqueries, and each at most once.
 */
import type { AtModifier, Expr } from './ast.js';
import { PromQLError } from './errors.js';

/** `e offset <ms>`; `from`/`to` span the whole modified expression. */
export function withOffset(e: Expr, ms: number, from: number, to: number): Expr {
  const pos = { start: e.pos.start, end: to };
  const twice = () => new PromQLError('offset may not be set multiple times', from);
  switch (e.kind) {
    case 'selector':
      if (e.offsetMs !== 0) throw twice();
      return { ...e, pos, offsetMs: ms };
    case 'matrix':
      if (e.selector.offsetMs !== 0) throw twice();
      return { ...e, pos, selector: { ...e.selector, offsetMs: ms } };
    case 'subquery':
      if (e.offsetMs !== 0) throw twice();
      return { ...e, pos, offsetMs: ms };
    default:
      throw new PromQLError(
        'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
        from,
      );
  }
}

/** `e @ <time>` / `@ start()` / `@ end()`. */
export function withAt(e: Expr, at: AtModifier, from: number, to: number): Expr {
  const pos = { start: e.pos.start, end: to };
  const twice = () => new PromQLError('@ <timestamp> may not be set multiple times', from);
  switch (e.kind) {
    case 'selector':
      if (e.at !== null) throw twice();
      return { ...e, pos, at };
    case 'matrix':
      if (e.selector.at !== null) throw twice();
      return { ...e, pos, selector: { ...e.selector, at } };
    case 'subquery':
      if (e.at !== null) throw twice();
      return { ...e, pos, at };
    default:
      throw new PromQLError(
        '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
        from,
      );
  }
}
