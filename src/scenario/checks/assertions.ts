/**
 * Checks of spec.assert: each assertion follows the grammar of src/report/assertions
 * (docs/assertions.md), names a strategy of the scenario (or *), and asks for a quantity
 * that exists for this release (false rollbacks only with fault type none, detection,
 * escapes, rollback and recovery only with a fault). Errors point inside the string.
 */
import { assertionScenarioProblem, parseAssertion } from '../../report/assertions/grammar.js';
import { type Problem, problem } from '../problem.js';

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;

/** The strategy names of spec.strategies, read even from entries that are otherwise invalid. */
function strategyNames(spec: unknown): string[] {
  const list = field(spec, 'strategies');
  if (!Array.isArray(list)) return [];
  return list
    .map((s) => (typeof s === 'string' ? s : field(s, 'name')))
    .filter((n): n is string => typeof n === 'string');
}

/** Every problem of spec.assert in the raw scenario document (entries that are not strings are the schema's). */
export function assertionProblems(document: unknown): Problem[] {
  const spec = field(document, 'spec');
  const assertions = field(spec, 'assert');
  if (!Array.isArray(assertions)) return [];
  const strategies = strategyNames(spec);
  const faultType = field(field(field(spec, 'release'), 'fault'), 'type');
  const problems: Problem[] = [];
  assertions.forEach((text, i) => {
    if (typeof text !== 'string') return;
    const path = ['spec', 'assert', i];
    const parsed = parseAssertion(text);
    if (!parsed.ok) {
      problems.push(problem(path, `invalid assertion: ${parsed.message}`, { offset: parsed.offset }));
      return;
    }
    const misfit = assertionScenarioProblem(
      parsed.assertion,
      strategies,
      typeof faultType === 'string' ? faultType : undefined,
    );
    if (misfit !== undefined) {
      problems.push(
        problem(path, `invalid assertion: ${misfit}`, { offset: text.length - text.trimStart().length }),
      );
    }
  });
  return problems;
}
