/**
 * What a command may touch of the outside world, so tests can run the CLI in-process.
 */

export interface CliIO {
  /** Write to standard output (results). */
  readonly stdout: (text: string) => void;
  /** Write to standard error (errors, diagnostics). */
  readonly stderr: (text: string) => void;
  /** Base of relative paths in arguments. */
  readonly cwd: string;
}

/** The process's own streams and working directory. */
export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}

/** Exit codes of rollout-lab. */
export const EXIT = {
  ok: 0,
  /** Something failed while running (a bug, an unreadable output path). */
  failure: 1,
  /** Invalid input: a bad flag, argument or scenario. Nothing was run or written. */
  invalidInput: 2,
} as const;

/** Shared by main and the commands: the IO and the exit code being built up. */
export interface CliContext {
  readonly io: CliIO;
  /** Raise the exit code (the worst outcome of a command wins). */
  fail(code: number): void;
}
