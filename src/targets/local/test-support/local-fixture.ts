/**
 * For tests of the local backend: the service transpiled once per test file
 * (service/test-support/compiled-service.ts), polling with a deadline instead of sleeping,
 * and checks that nothing was left behind (processes by pid, temp directories).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { compiledServiceMain } from '../../../service/test-support/compiled-service.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The transpiled service's main.js (built on first call; removeCompiledService() deletes it). */
export function serviceMain(): string {
  return compiledServiceMain(
    PACKAGE_ROOT,
    fileURLToPath(new URL('../../../service/main.ts', import.meta.url)),
  );
}

/** Poll `check` every 10 ms until it holds; throws naming `what` after the deadline. */
export async function until(check: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
  const end = performance.now() + deadlineMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Whether a process is alive (and not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

/** A `rollout-lab` run in a child process, and what it wrote on stderr so far. */
export interface CliRun {
  readonly child: ChildProcess;
  stderr(): string;
}

/**
 * `rollout-lab …args` in a child process, from source (`node --import tsx
 * src/cli/entry.ts`: what bin/rollout-lab.js runs once built, so no build step and no stale
 * dist/), with TMPDIR=runTmp so that every process and file of the run can be found, and
 * replicas running the transpiled service (ROLLOUT_LAB_SERVICE_MAIN).
 */
export function spawnCliRun(args: readonly string[], runTmp: string): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, TMPDIR: runTmp, ROLLOUT_LAB_SERVICE_MAIN: serviceMain() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  child.stdout!.resume();
  return { child, stderr: () => stderr };
}

/** A process's command line, '' when it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Live pids whose /proc/PID/`file` (read as text) passes `match`; unreadable ones are skipped. */
function pidsWhere(file: string, match: (text: string) => boolean): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (match(readFileSync(`/proc/${entry}/${file}`, 'utf8')) && alive(Number(entry)))
        out.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

/** Pids whose command line contains `needle` (from /proc). */
export function pidsWithCommandLine(needle: string): number[] {
  return pidsWhere('cmdline', (cmd) => cmd.replaceAll('\0', ' ').includes(needle));
}

/** Pids whose environment holds the entry `needle` (e.g. `TMPDIR=…` given to a run: its children inherit it). */
export function pidsWithEnvironment(needle: string): number[] {
  return pidsWhere('environ', (env) => env.split('\0').includes(needle));
}

/**
 * The live processes of a run started by spawnCliRun: their command line holds runTmp
 * (replicas' --db, k6's script) or their environment TMPDIR=runTmp (every child inherits it).
 */
export function pidsOfRun(runTmp: string): number[] {
  return [...new Set([...pidsWithCommandLine(runTmp), ...pidsWithEnvironment(`TMPDIR=${runTmp}`)])];
}

/** TCP ports in LISTEN state, optionally only those of sockets owned by `pids` (from /proc). */
export function listeningPorts(pids?: readonly number[]): Set<number> {
  let inodes: Set<string> | null = null;
  if (pids) {
    inodes = new Set();
    for (const pid of pids) {
      try {
        for (const fd of readdirSync(`/proc/${pid}/fd`)) {
          try {
            const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
            if (m) inodes.add(m[1]);
          } catch {
            // closed meanwhile
          }
        }
      } catch {
        // process gone
      }
    }
  }
  const ports = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue; // 0A = LISTEN
      if (inodes && !inodes.has(f[9])) continue;
      ports.add(Number.parseInt(f[1].split(':')[1], 16));
    }
  }
  return ports;
}

/** Temp directories of local trials (rollout-lab-local-*) now in the system temp dir. */
export function localTempDirs(root = tmpdir()): string[] {
  return readdirSync(root).filter((d) => d.startsWith('rollout-lab-local-'));
}
