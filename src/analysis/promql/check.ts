/**
 * Syntax and static check of a PromQL expression, for scenario validation: parses with
 * the Prometheus grammar and reports the first problem (syntax error, unknown function,
 * wrong argument count or type, a range vector where an instant vector is expected, a
 * feature the lab does not support) with its 0-based character offset.
 */
import { PromQLError } from './errors.js';
import { parsePromQL } from './parse.js';

export interface SyntaxProblem {
  readonly message: string;
  /** 0-based character offset in the expression. */
  readonly offset: number;
}

/** The first problem of `expr`, or null when it would run in the lab. */
export function checkPromQL(expr: string): SyntaxProblem | null {
  try {
    parsePromQL(expr);
    return null;
  } catch (e) {
    if (e instanceof PromQLError) return { message: e.message, offset: e.offset ?? 0 };
    throw e;
  }
}
