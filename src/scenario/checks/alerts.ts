/**
 * Checks of spec.alerts beyond the schema.
 */
import type { ScenarioParts } from '../parts.js';
import { type Problem, problem, quote } from '../problem.js';
import { promqlProblems } from './syntax.js';

/** Unique alert names and valid PromQL expressions. */
export function alertProblems(parts: ScenarioParts): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  parts.alerts.forEach((alert, i) => {
    if (!alert) return;
    const path = ['spec', 'alerts', i];
    if (seen.has(alert.name))
      problems.push(problem([...path, 'name'], `duplicate alert name ${quote(alert.name)}`));
    seen.add(alert.name);
    problems.push(...promqlProblems([...path, 'expr'], alert.expr));
  });
  return problems;
}
