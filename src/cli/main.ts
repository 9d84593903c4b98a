/**
 * The rollout-lab command line: argv parsing and dispatch only. Each command lives in
 * commands/<name>.ts and registers itself here with one line.
 */
import { Command, CommanderError } from 'commander';
import { registerCompare } from './commands/compare.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';
import { type CliContext, type CliIO, EXIT, processIO } from './io.js';
import { packageVersion } from './version.js';

/** Adds one command to the program. */
export type CommandRegistration = (program: Command, context: CliContext) => void;

/** The commands, in the order `--help` lists them. To add one: write commands/<name>.ts, add a line. */
const COMMANDS: readonly CommandRegistration[] = [
  registerRun,
  registerReport,
  registerCompare,
  registerValidate,
  registerSchema,
];

const PROGRAM_HELP = `
Describe a service, a release with a fault and the strategies to compare in a scenario
file; the lab rolls the release out with each strategy many times and reports how fast
each detected the fault, rolled back, and how many users were hurt.

Exit codes: 0 ok, 1 failure while running, 2 invalid input (flags or scenario files).

Examples:
  $ rollout-lab validate scenarios/connection-leak.yaml
  $ rollout-lab schema --out scenarios/scenario.schema.json
  $ rollout-lab validate --help`;

/**
 * Run the CLI on `argv` (as process.argv: node, script, then arguments) and return the exit
 * code. Never calls process.exit; all output goes through `io`.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const context: CliContext = {
    io,
    fail: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = new Command('rollout-lab')
    .description('A simulator and chaos-testing lab for deployment strategies.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'explain a command, with examples')
    .helpCommand('help [command]', 'explain a command, with examples')
    .addHelpText('after', PROGRAM_HELP)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(rollout-lab --help lists the commands; rollout-lab <command> --help explains one)');
  for (const register of COMMANDS) register(program, context);
  try {
    await program.parseAsync([...argv], { from: 'node' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help and version exit 0; every other commander error is a usage mistake.
    return error.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
  }
  return exitCode;
}
