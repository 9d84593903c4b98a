/**
 * Where the k6 binary is: an explicit path, else `k6` on PATH, else where
 * `go install go.k6.io/k6@VERSION` puts it ($(go env GOPATH)/bin/k6, or ~/go/bin/k6).
 * The version CI installs is K6_VERSION (.ci/run installs it when k6 is missing).
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The k6 release the lab is tested with, as `go install go.k6.io/k6@K6_VERSION`. */
export const K6_VERSION = 'v1.4.2';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function goBin(): string | undefined {
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    })
      .trim()
      .split(delimiter)[0];
    return gopath ? join(gopath, 'bin') : undefined;
  } catch {
    return undefined;
  }
}

/** The k6 binary to run, or undefined when none is found. An explicit path that is not executable throws. */
export function findK6(explicit?: string): string | undefined {
  if (explicit !== undefined) {
    if (!executable(explicit)) throw new Error(`k6 binary ${explicit} does not exist or is not executable`);
    return explicit;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, 'k6'))) return join(dir, 'k6');
  }
  for (const dir of [goBin(), join(homedir(), 'go', 'bin')]) {
    if (dir && executable(join(dir, 'k6'))) return join(dir, 'k6');
  }
  return undefined;
}
