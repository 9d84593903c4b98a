/**
 * `rollout-lab run SCENARIO…`: every scenario × strategy, N seeded trials each, spread
 * over the machine's cores; journals and results.json in the output folder, a summary
 * table on stdout.
 */

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { buildResults } from '../../report/results-json.js';
import { summaryTable } from '../../report/summary-table.js';
import { writeReport } from '../../report/write-report.js';
import { formatScenarioErrors, ScenarioValidationError } from '../../scenario/errors.js';
import { loadScenarios } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/model.js';
import { planRun } from '../../trials/plan.js';
import { runPlan } from '../../trials/runner.js';
import { type CliContext, EXIT } from '../io.js';
import { progressBar } from '../progress.js';
import { packageVersion } from '../version.js';
import { reportSummary } from './report.js';

const HELP = `
Each trial is one rollout on a simulated clock: the service runs steady for the scenario's
lead-in, the release starts, the strategy's analysis and alert rules watch it, and the
trial ends a little after the rollout comes to rest (or at the scenario's duration).
Trials are seeded: the same seed gives byte-identical output, however many cores run it.

Writes, in the output folder:
  results.json   every trial's fault onset, detection time, rollback time, blast radius,
                 escape and false rollback, one entry per scenario × strategy, and the
                 report's statistics
  journals/      every trial's events and per-second traffic tallies (gzipped JSON lines)
  report.html    the report (see rollout-lab report --help), with report.md and, when a
                 scenario has spec.assert, junit.xml; exit code 1 when an assertion fails

Examples:
  $ rollout-lab run scenarios/connection-leak.yaml --trials 50 --seed 7 --out reports/leak
  $ rollout-lab run scenarios/*.yaml --strategy canary --strategy rolling
  $ rollout-lab run scenarios/latency-injection.yaml --fidelity request --jobs 1`;

function positiveInt(name: string, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value))
      throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
    const n = Number(value);
    if (n < 1 || n > max) throw new InvalidArgumentError(`${name} must be between 1 and ${max}, got ${n}`);
    return n;
  };
}

function seedArg(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 32 - 1) {
    throw new InvalidArgumentError(`--seed must be a whole number from 0 to ${2 ** 32 - 1}, got "${value}"`);
  }
  return Number(value);
}

function collectStrategy(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface RunFlags {
  strategy: string[];
  trials?: number;
  seed?: number;
  out: string;
  fidelity?: 'request' | 'tick';
  jobs?: number;
  progress: boolean;
}

export function registerRun(program: Command, context: CliContext): void {
  program
    .command('run')
    .summary('roll each scenario out with each strategy, many seeded trials')
    .description('Run N seeded trials of every scenario × strategy on the simulated backend.')
    .argument('<scenarios...>', 'scenario files (YAML)')
    .option(
      '-s, --strategy <name>',
      'only this strategy (repeat for several); default: all',
      collectStrategy,
      [],
    )
    .option(
      '-n, --trials <n>',
      "trials per scenario × strategy (default: the scenario's)",
      positiveInt('--trials', 100_000),
    )
    .option('--seed <s>', "base seed for every scenario (default: each scenario's)", seedArg)
    .option('-o, --out <dir>', 'output folder', 'reports/run')
    .addOption(
      new Option('--fidelity <f>', "simulate every request or per second (default: the scenario's)").choices([
        'request',
        'tick',
      ]),
    )
    .option('-j, --jobs <n>', 'worker threads (default: the number of cores)', positiveInt('--jobs', 256))
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', HELP)
    .action(async (files: string[], flags: RunFlags) => {
      const io = context.io;
      let scenarios: Scenario[];
      try {
        scenarios = loadScenarios(files, { cwd: io.cwd });
      } catch (error) {
        if (!(error instanceof ScenarioValidationError)) throw error;
        io.stderr(formatScenarioErrors(error.errors));
        context.fail(EXIT.invalidInput);
        return;
      }
      const known = new Set(scenarios.flatMap((s) => s.strategies.map((x) => x.name)));
      const unknown = flags.strategy.filter((s) => !known.has(s));
      if (unknown.length > 0) {
        io.stderr(
          `rollout-lab run: no scenario has strategy ${unknown.map((s) => `"${s}"`).join(', ')}; the scenarios have: ${[...known].join(', ')}\n`,
        );
        context.fail(EXIT.invalidInput);
        return;
      }
      const plan = planRun(scenarios, flags.strategy, flags.trials ?? null);
      const outDir = resolve(io.cwd, flags.out);
      // Journals of an earlier run in the same folder would be mixed into a rebuilt report.
      rmSync(join(outDir, 'journals'), { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
      const jobs = flags.jobs ?? availableParallelism();
      const bar = flags.progress ? progressBar(process.stderr, 'trials') : null;
      const started = performance.now();
      const measures = await runPlan({
        plan,
        seed: flags.seed ?? null,
        fidelity: flags.fidelity ?? null,
        outDir,
        jobs,
        onProgress: bar ? (done, total) => bar.update(done, total) : undefined,
      });
      bar?.done();
      const results = buildResults(plan, measures, {
        generator: `rollout-lab ${packageVersion()}`,
        backend: 'sim',
        fidelity: flags.fidelity ?? null,
        seed: flags.seed ?? null,
        cwd: io.cwd,
      });
      writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
      io.stdout(summaryTable(results));
      const seconds = (performance.now() - started) / 1000;
      io.stderr(
        `${plan.totalTrials} trials in ${seconds.toFixed(1)}s on ${jobs} worker${jobs === 1 ? '' : 's'}; results in ${join(flags.out, 'results.json')}\n`,
      );
      // The report is rebuilt from the journals just written, as `rollout-lab report` would.
      const written = await writeReport(outDir);
      io.stderr(reportSummary(written, flags.out));
      if (written.report.assertionsFailed) context.fail(EXIT.failure);
    });
}
