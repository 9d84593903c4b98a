/**
 * `rollout-lab schema`: print or write the JSON Schema of scenario files.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { scenarioJsonSchemaText } from '../../scenario/json-schema.js';
import { type CliContext, EXIT } from '../io.js';

const HELP = `
The schema is generated from the same definitions that validate scenarios, so an editor
that reads it completes and checks keys, enums and types as you type. Rules that span
fields (shares summing to 1, template and alert names that resolve) are only checked by
rollout-lab validate.

Examples:
  $ rollout-lab schema > scenario.schema.json
  $ rollout-lab schema --out scenarios/scenario.schema.json
  then, first line of a scenario file:
  # yaml-language-server: $schema=../scenarios/scenario.schema.json`;

/** Registers `schema [--out FILE]`. */
export function registerSchema(program: Command, context: CliContext): void {
  program
    .command('schema')
    .summary('print the JSON Schema of scenario files, for editors')
    .description('Print the JSON Schema of scenario files (for editors), or write it to a file.')
    .option('-o, --out <file>', 'write the schema to FILE instead of standard output')
    .addHelpText('after', HELP)
    .action((options: { out?: string }) => {
      const text = scenarioJsonSchemaText();
      if (options.out === undefined) {
        context.io.stdout(text);
        return;
      }
      try {
        writeFileSync(resolve(context.io.cwd, options.out), text);
      } catch (error) {
        context.io.stderr(
          `rollout-lab schema: cannot write ${options.out}: ${error instanceof Error ? error.message : error}\n`,
        );
        context.fail(EXIT.failure);
      }
    });
}
