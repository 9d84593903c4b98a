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
import { serviceMainPath } from '../../targets/local/service-main.js';
import { findK6, K6_VERSION } from '../../traffic/k6/k6-binary.js';
import { runLocalPlan } from '../../trials/local-runner.js';
import { onInterrupt, signalExitCode } from '../../trials/local-signals.js';
import { planRun, type RunPlan } from '../../trials/plan.js';
import { cellKey, type MeasuresByCell, measuresByCell, runPlan } from '../../trials/runner.js';
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
  $ rollout-lab run scenarios/latency-injection.yaml --fidelity request --jobs 1

With --backend local, each trial runs for real on this machine, one after another: the
synthetic service's replicas as processes on 127.0.0.1, the lab's router, a load
generator and the lab's scraper, with the same controller, analysis and alert rules.
--time-scale N compresses the scenario's timeline (pauses, intervals, scrape interval,
startup, lead-in, observation, fault ramps) N times; request rates and latencies stay
real (results.json and the report say the run was scaled). Ctrl-C or SIGTERM stops the
run: the trial in progress is journaled as interrupted and nothing is left running.
  $ rollout-lab run scenarios/connection-leak.yaml --backend local --trials 3 --time-scale 10 --strategy canary`;

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

function timeScaleArg(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n >= 1 && n <= 1000)) {
    throw new InvalidArgumentError(`--time-scale must be a number from 1 to 1000, got "${value}"`);
  }
  return n;
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
  backend: 'sim' | 'local';
  timeScale: number;
  load: 'builtin' | 'k6';
}

export function registerRun(program: Command, context: CliContext): void {
  program
    .command('run')
    .summary('roll each scenario out with each strategy, many seeded trials')
    .description(
      'Run N seeded trials of every scenario × strategy on the simulated backend, or on real processes (--backend local).',
    )
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
    .addOption(
      new Option('--backend <b>', 'simulated, or real processes on this machine')
        .choices(['sim', 'local'])
        .default('sim'),
    )
    .option('--time-scale <n>', 'local: compress the scenario timeline n times (1–1000)', timeScaleArg, 1)
    .addOption(
      new Option('--load <g>', 'local: the load generator').choices(['builtin', 'k6']).default('builtin'),
    )
    .addHelpText('after', HELP)
    .action(async (files: string[], flags: RunFlags, command: Command) => {
      const io = context.io;
      const localOnly = ['timeScale', 'load'].filter((o) => command.getOptionValueSource(o) === 'cli');
      if (flags.backend !== 'local' && localOnly.length > 0) {
        io.stderr(
          `rollout-lab run: ${localOnly.map((o) => (o === 'timeScale' ? '--time-scale' : '--load')).join(' and ')} ${localOnly.length === 1 ? 'applies' : 'apply'} to --backend local only\n`,
        );
        context.fail(EXIT.invalidInput);
        return;
      }
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
      if (flags.backend === 'local') {
        await runLocal(context, plan, flags, outDir);
        return;
      }
      const jobs = flags.jobs ?? availableParallelism();
      const bar = flags.progress ? progressBar(process.stderr, 'trials') : null;
      const started = performance.now();
      const measured = await runPlan({
        plan,
        seed: flags.seed ?? null,
        fidelity: flags.fidelity ?? null,
        outDir,
        jobs,
        onProgress: bar ? (done, total) => bar.update(done, total) : undefined,
      });
      bar?.done();
      const results = buildResults(plan, measuresByCell(measured), {
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
      // The report of the journals just written, as `rollout-lab report` would build it;
      // the workers already measured each stored journal the report's way, so the journals
      // are not decoded a second time (the same values: run.test.ts checks the bytes).
      const byName = new Map(plan.scenarios.map((sc, i) => [sc.name, i]));
      const written = await writeReport(outDir, (scenario, strategy) =>
        measured.get(cellKey(byName.get(scenario) ?? -1, strategy)),
      );
      io.stderr(reportSummary(written, flags.out));
      if (written.report.assertionsFailed) context.fail(EXIT.failure);
    });
}

/**
 * The local backend: trials one after another on real processes, a progress line on
 * stderr, journals written per trial; results.json says `backend: "local"` and the time
 * scale. Ctrl-C/SIGTERM: the run stops, results.json covers the trials completed, the
 * report is skipped, and the exit code is 130/143.
 */
async function runLocal(context: CliContext, plan: RunPlan, flags: RunFlags, outDir: string): Promise<void> {
  const io = context.io;
  if (flags.load === 'k6' && findK6() === undefined) {
    io.stderr(
      `rollout-lab run: --load k6: k6 not found (install it: go install go.k6.io/k6@${K6_VERSION})\n`,
    );
    context.fail(EXIT.invalidInput);
    return;
  }
  const serviceMain = serviceMainPath();
  const interrupt = onInterrupt();
  const started = performance.now();
  const tty = process.stderr.isTTY === true;
  let result: Awaited<ReturnType<typeof runLocalPlan>>;
  try {
    result = await runLocalPlan({
      plan,
      seed: flags.seed ?? null,
      outDir,
      timeScale: flags.timeScale,
      serviceMain,
      load: flags.load,
      signal: interrupt.signal,
      onProgress: (line, trialDone) => {
        if (!flags.progress) return;
        if (tty) process.stderr.write(`\r${line}\x1b[K${trialDone ? '\n' : ''}`);
        else if (trialDone) io.stderr(`${line}\n`);
      },
    });
  } finally {
    interrupt.dispose();
  }
  writeLocalResults(context, plan, result.measures, flags, outDir);
  const seconds = (performance.now() - started) / 1000;
  io.stderr(
    `${result.completed} local trials in ${seconds.toFixed(1)}s (time scale ×${flags.timeScale}); results in ${join(flags.out, 'results.json')}\n`,
  );
  const signal = interrupt.received();
  if (result.interrupted && signal) {
    io.stderr(
      `rollout-lab run: interrupted by ${signal}; journals so far in ${join(flags.out, 'journals')}\n`,
    );
    context.fail(signalExitCode(signal));
    return;
  }
  const written = await writeReport(outDir);
  io.stderr(reportSummary(written, flags.out));
  if (written.report.assertionsFailed) context.fail(EXIT.failure);
}

function writeLocalResults(
  context: CliContext,
  plan: RunPlan,
  measures: MeasuresByCell,
  flags: RunFlags,
  outDir: string,
): void {
  const results = buildResults(plan, measures, {
    generator: `rollout-lab ${packageVersion()}`,
    backend: 'local',
    // Shown as the report's "fidelity": a scaled real run says so.
    fidelity: `real processes, time scaled ×${flags.timeScale}`,
    seed: flags.seed ?? null,
    cwd: context.io.cwd,
  });
  const scaled = {
    ...results,
    timeScale: flags.timeScale,
    timeScaleNote:
      flags.timeScale === 1
        ? 'real time'
        : `scenario timeline compressed ${flags.timeScale}×: times are scenario time; request rates and latencies are real, so each scenario second carries 1/${flags.timeScale} of the scenario's requests`,
  };
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(scaled, null, 2)}\n`);
  context.io.stdout(summaryTable(results));
}
