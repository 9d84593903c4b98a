/**
 * `rollout-lab validate FILE…`: check scenario files completely, run nothing, write nothing.
 */
import type { Command } from 'commander';
import { formatScenarioErrors } from '../../scenario/errors.js';
import { validateScenarioFile } from '../../scenario/load.js';
import { type CliContext, EXIT } from '../io.js';

const HELP = `
Every file is checked in full: YAML syntax, unknown or missing keys, types, enums,
durations, then the rules across fields (shares summing to 1, rps or profile, template
and alert names, Argo's metric rules, PromQL and condition syntax) and the traffic profile
files they refer to. Each mistake is printed as file:line:col: message, with what would
be valid there. A valid file prints "ok FILE (N strategies: …)".

Exits 2 if any file is invalid, 0 if all are valid.

Examples:
  $ rollout-lab validate scenarios/connection-leak.yaml
  $ rollout-lab validate scenarios/*.yaml`;

/** Registers `validate <files...>`. */
export function registerValidate(program: Command, context: CliContext): void {
  program
    .command('validate')
    .summary('check scenario files and report every mistake')
    .description('Check scenario files completely and report every mistake, without running anything.')
    .argument('<files...>', 'scenario files (YAML)')
    .addHelpText('after', HELP)
    .action((files: string[]) => {
      const names = new Map<string, string>();
      for (const file of files) {
        const result = validateScenarioFile(file, { cwd: context.io.cwd });
        if (!result.ok) {
          context.io.stderr(formatScenarioErrors(result.errors));
          context.fail(EXIT.invalidInput);
          continue;
        }
        const { scenario } = result;
        const first = names.get(scenario.name);
        if (first !== undefined) {
          context.io.stderr(
            `${file}: metadata.name ${JSON.stringify(scenario.name)} is also the name of ${first}; scenario names must be unique\n`,
          );
          context.fail(EXIT.invalidInput);
          continue;
        }
        names.set(scenario.name, file);
        const count = scenario.strategies.length;
        const list = scenario.strategies.map((s) => s.name).join(', ');
        context.io.stdout(`ok ${file} (${count} ${count === 1 ? 'strategy' : 'strategies'}: ${list})\n`);
      }
    });
}
