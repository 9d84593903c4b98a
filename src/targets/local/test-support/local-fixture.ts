/**
 * For tests of the local backend: the service transpiled once per test file
 * (service/test-support/compiled-service.ts), polling with a deadline instead of sleeping,
 * and checks that nothing was left behind (processes by pid, temp directories).
 */
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

/** Pids whose command line contains `needle` (from /proc). */
export function pidsWithCommandLine(needle: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmd.includes(needle) && alive(Number(entry))) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
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
