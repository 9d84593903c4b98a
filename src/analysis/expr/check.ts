/**
 * Check of an Argo (expr-lang) condition, for scenario validation: the syntax, and what
 * the type check rejects whatever the measurement's `result` turns out to be (an unknown
 * name, `"a" + 1`, a function outside the supported subset). Problems that depend on the
 * result (`result[0]` on an empty vector) only show when a measurement is evaluated.
 */
import type { Node } from './ast.js';
import { check } from './checker.js';
import { ExprFailure } from './errors.js';
import { ANY } from './nature.js';
import { parse } from './parser.js';

export interface SyntaxProblem {
  readonly message: string;
  /** 0-based character offset in the expression. */
  readonly offset: number;
}

/** null when `source` is a valid condition; else the first problem and where it is. */
export function checkCondition(source: string): SyntaxProblem | null {
  try {
    const tree: Node = parse(source);
    check(tree, ANY);
    return null;
  } catch (e) {
    if (e instanceof ExprFailure) return { message: e.message, offset: e.offset };
    return { message: e instanceof Error ? e.message : String(e), offset: 0 };
  }
}
