/**
 * Small scenarios written inline in tests.
 */

import { formatScenarioErrors } from '../errors.js';
import { validateScenarioText } from '../load.js';
import type { Scenario } from '../model.js';

/** The spec of a minimal valid scenario, to which tests add or replace keys (YAML lines). */
export const MINIMAL_SPEC = `
  service:
    replicas: 10
    latency: {p50Ms: 40, p99Ms: 220}
  traffic:
    rps: 100
  release:
    fault: {type: none}
  strategies: [recreate]
`;

/** A whole scenario document around `spec` (YAML, indented by two spaces). */
export function scenarioText(spec: string, name = 'inline'): string {
  return `apiVersion: rollout-lab/v1\nkind: Scenario\nmetadata:\n  name: ${name}\nspec:${spec}`;
}

/** Load an inline scenario that must be valid; fails the test with the errors otherwise. */
export function loadInline(spec: string, file = '/virtual/scenarios/inline.yaml'): Scenario {
  const result = validateScenarioText(scenarioText(spec), file);
  if (!result.ok) throw new Error(`expected a valid scenario:\n${formatScenarioErrors(result.errors)}`);
  return result.scenario;
}

/** The printed errors of an inline scenario that must be invalid. */
export function errorsOf(spec: string, file = 'inline.yaml'): string[] {
  const result = validateScenarioText(scenarioText(spec), file);
  if (result.ok) throw new Error('expected errors, but the scenario is valid');
  return formatScenarioErrors(result.errors).trimEnd().split('\n');
}
