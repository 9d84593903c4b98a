/**
 * Syntax checks of the query and condition strings inside a scenario, pointing at the
 * offending character.
 */
import { checkCondition } from '../../analysis/expr/check.js';
import { checkPromQL } from '../../analysis/promql/check.js';
import { type Path, type Problem, problem } from '../problem.js';

/** A problem when `expr` (at `path`) is not valid PromQL. */
export function promqlProblems(path: Path, expr: string): Problem[] {
  const found = checkPromQL(expr);
  return found ? [problem(path, `invalid PromQL: ${found.message}`, { offset: found.offset })] : [];
}

/** A problem when `source` (at `path`) is not a valid Argo (expr-lang) condition. */
export function conditionProblems(path: Path, source: string): Problem[] {
  const found = checkCondition(source);
  return found ? [problem(path, `invalid condition: ${found.message}`, { offset: found.offset })] : [];
}
