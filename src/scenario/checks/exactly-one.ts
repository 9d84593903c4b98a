/**
 * The "exactly one of" rule of Argo-shaped objects (a strategy kind, a step kind, a provider).
 */
import { type Path, type Problem, problem } from '../problem.js';

/**
 * Problems when `value` does not have exactly one of `keys`: with none, at the mapping,
 * naming the keys it may have; with two or more, at the second, naming those it has.
 * `what` names the mapping in the message, e.g. "a strategy".
 */
export function exactlyOne(value: object, keys: readonly string[], path: Path, what: string): Problem[] {
  const record = value as Record<string, unknown>;
  const present = keys.filter((key) => record[key] !== undefined);
  if (present.length === 1) return [];
  const choices = keys.join(', ');
  if (present.length === 0)
    return [problem(path, `${what} needs exactly one of ${choices}; this one has none`)];
  const has = `${present.slice(0, -1).join(', ')} and ${present[present.length - 1]}`;
  return [
    problem(
      [...path, present[1]],
      `${what} has exactly one of ${choices}, but this one has ${has}; keep one`,
      {
        at: 'key',
      },
    ),
  ];
}
