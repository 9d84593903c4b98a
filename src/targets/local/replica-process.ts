/**
 * One replica of the synthetic service as a child process: `node <service main> …flags`,
 * in its own process group, stdin a pipe it watches (it exits when the lab goes away),
 * stdout read for its `{"ready":false,"port":N,"pid":P}` line. The process is tracked by
 * child-registry.ts from the moment it is spawned.
 *
 * Termination is graceful as a kubelet does it: SIGTERM, then SIGKILL once the grace
 * period is over.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { killGroup, trackChild } from './child-registry.js';
import { assertLoopbackHost } from './router/loopback.js';

export interface ReplicaExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ReplicaSpawnOptions {
  /** The service's entry script (dist/service/main.js). */
  readonly main: string;
  /** Flags after the script. */
  readonly args: readonly string[];
  /** Kept for diagnostics: the last lines of stderr. */
  readonly stderrLines?: number;
}

export class ReplicaProcess {
  readonly child: ChildProcess;
  /** Resolves with the port once the replica listens; rejects if it exits first. */
  readonly listening: Promise<number>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ReplicaExit>;
  exit: ReplicaExit | null = null;
  port: number | null = null;
  private stderrTail: string[] = [];

  constructor(options: ReplicaSpawnOptions) {
    const hostIndex = options.args.indexOf('--host');
    if (hostIndex >= 0) assertLoopbackHost(options.args[hostIndex + 1] ?? '', 'replica bind address');
    this.child = spawn(process.execPath, [options.main, ...options.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    trackChild(this.child);
    const keep = options.stderrLines ?? 20;
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > keep) this.stderrTail.shift();
    });
    // A closed stdin is the replica's signal to exit; errors on it (EPIPE) mean it is gone.
    this.child.stdin!.on('error', () => {});
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
      this.child.once('error', () => {
        this.exit ??= { code: -1, signal: null };
        resolve(this.exit);
      });
    });
    this.listening = new Promise((resolve, reject) => {
      const lines = createInterface({ input: this.child.stdout! });
      lines.on('line', (line) => {
        if (this.port !== null) return;
        try {
          const msg = JSON.parse(line) as { port?: unknown };
          if (typeof msg.port === 'number') {
            this.port = msg.port;
            resolve(msg.port);
          }
        } catch {
          // not a status line
        }
      });
      void this.exited.then((e) => reject(new Error(`replica exited before listening (${describe(e)})`)));
    });
    this.listening.catch(() => {});
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === null;
  }

  /** The last lines the replica wrote on stderr. */
  stderr(): string {
    return this.stderrTail.join('\n');
  }

  /** SIGTERM, then SIGKILL after `graceMs` (real ms); resolves when the process is gone. */
  async terminate(graceMs: number): Promise<ReplicaExit> {
    if (this.exit) return this.exit;
    killGroup(this.child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), Math.max(0, graceMs));
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL at once; resolves when the process is gone. */
  kill(): Promise<ReplicaExit> {
    killGroup(this.child, 'SIGKILL');
    return this.exited;
  }
}

export function describe(exit: ReplicaExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}
