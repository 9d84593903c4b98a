/**
 * The JSON Schema of scenario files, generated from the zod definitions, for editors
 * (e.g. `# yaml-language-server: $schema=../scenarios/scenario.schema.json`).
 */
import { z } from 'zod';
import { ScenarioDocument } from './schema.js';

/**
 * The schema of what users write (`io: 'input'`: fields with defaults are optional).
 * Rules across fields (shares summing to 1, references that resolve) are only checked by
 * `rollout-lab validate`.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ScenarioDocument, { io: 'input' }) as Record<string, unknown>;
}

/** The schema as the text of scenarios/scenario.schema.json: 2-space JSON and a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
