/**
 * Every child process and temporary directory the local backend creates, so that nothing
 * survives the lab: when the lab's process exits for any reason (normal end, uncaught
 * exception, a signal handled by the CLI), the `exit` hook SIGKILLs each child's process
 * group and removes each directory, synchronously. Children are started in their own
 * process group (`detached`) so a kill reaches anything they started, and they also exit
 * by themselves when their stdin pipe closes (the lab died without running the hook:
 * SIGKILL).
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';

const children = new Set<ChildProcess>();
const dirs = new Set<string>();
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    killAllChildren();
    killDirectChildren();
    removeAllDirs();
  });
}

/** Track a child until it exits. Start it with `detached: true` so its group can be killed. */
export function trackChild(child: ChildProcess): void {
  hook();
  if (child.exitCode !== null || child.signalCode !== null) return;
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Track a temporary directory until untrackDir (or the lab's exit, which removes it). */
export function trackDir(dir: string): void {
  hook();
  dirs.add(dir);
}

export function untrackDir(dir: string): void {
  dirs.delete(dir);
}

/** Children still running (for tests and the shutdown path). */
export function liveChildren(): readonly ChildProcess[] {
  return [...children];
}

/** SIGKILL every tracked child's process group (and the child itself), synchronously. */
export function killAllChildren(): void {
  for (const child of children) killGroup(child, 'SIGKILL');
}

/**
 * SIGKILL every direct child process of this one, tracked or not (e.g. k6, which the k6
 * runner spawns itself), found through /proc; nothing on systems without /proc.
 */
export function killDirectChildren(): void {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name, which is in parentheses and may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone meanwhile, or not ours
    }
  }
}

/** Remove every tracked directory, synchronously. */
export function removeAllDirs(): void {
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort at exit
    }
  }
  dirs.clear();
}

/** Send a signal to a child's process group, falling back to the child alone. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}
