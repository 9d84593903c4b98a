/**
 * Runs the CLI in-process for tests and captures what it prints.
 */
import { fileURLToPath } from 'node:url';
import { main } from '../main.js';

/** The package root: fixture paths in tests are relative to it. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `rollout-lab ...args` with `cwd` as the working directory (default: the package root). */
export async function runCli(args: readonly string[], cwd: string = PACKAGE_ROOT): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'rollout-lab', ...args], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
  });
  return { code, stdout, stderr };
}
