/**
 * `rollout-lab compare DIR_A DIR_B`: how far apart two runs of the same scenarios are —
 * typically `--backend sim` and `--backend local` with the same seed — per scenario ×
 * strategy, on detection and rollback times (medians with bootstrap intervals, and their
 * shift). Reads the runs' journals only. Prints a Markdown table (for docs/fidelity.md).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { compareRuns, comparisonMarkdown } from '../../trials/local-compare.js';
import { type CliContext, EXIT } from '../io.js';

const HELP = `
Examples:
  $ rollout-lab run scenarios/connection-leak.yaml --trials 20 --out reports/leak-sim
  $ rollout-lab run scenarios/connection-leak.yaml --backend local --time-scale 20 --trials 2 --out reports/leak-local
  $ rollout-lab compare reports/leak-sim reports/leak-local`;

export function registerCompare(program: Command, context: CliContext): void {
  program
    .command('compare')
    .summary('how far apart two runs are (fidelity: sim vs local)')
    .description('Compare detection and rollback times of two runs, per scenario × strategy.')
    .argument('<dirA>', 'output folder of the first run (e.g. the simulated one)')
    .argument('<dirB>', 'output folder of the second run (e.g. the local one)')
    .addHelpText('after', HELP)
    .action((dirA: string, dirB: string) => {
      try {
        const rows = compareRuns(resolve(context.io.cwd, dirA), resolve(context.io.cwd, dirB));
        context.io.stdout(comparisonMarkdown(rows));
      } catch (error) {
        context.io.stderr(`rollout-lab compare: ${(error as Error).message}\n`);
        context.fail(EXIT.invalidInput);
      }
    });
}
