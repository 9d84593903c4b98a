/**
 * Runs real service replicas for tests: child processes of src/service/main.ts
 * (transpiled once per test process, see compiled-service.ts) on 127.0.0.1, temp
 * directories for their databases, plain HTTP requests, and a cleanup that leaves no
 * process or file behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach } from 'vitest';
import { compiledServiceMain, removeCompiledService } from './compiled-service.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SERVICE_MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

/** Bound of every wait in these tests, ms: generous, so only a real hang trips it. */
export const DEADLINE_MS = 20_000;

export type Flags = Readonly<Record<string, string | number | boolean | object>>;

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly pid: number;
  /** Resolves when the replica reports ready on stdout. */
  readonly readyLine: Promise<void>;
  readonly exited: Promise<Exit>;
  stderr(): string;
}

export interface Response {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  json(): unknown;
}

/** `--name value` arguments; objects as JSON, `true` as a bare flag. */
export function toArgs(flags: Flags): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(flags)) {
    if (value === true) args.push(`--${name}`);
    else if (value !== false)
      args.push(`--${name}`, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return args;
}

/**
 * The fixture of a test file, to call at its top level: processes and temp directories
 * go after each test (`each`, the default) or after the file (`all`, for replicas started
 * in beforeAll), and the transpiled service after the file.
 */
export function useServiceFixture(scope: 'each' | 'all' = 'each'): ServiceFixture {
  const fx = new ServiceFixture();
  if (scope === 'each') afterEach(() => fx.cleanup());
  afterAll(async () => {
    await fx.cleanup();
    removeCompiledService();
  });
  return fx;
}

/** Processes and directories started by tests; cleanup() kills and removes them. */
export class ServiceFixture {
  private readonly children: ChildProcess[] = [];
  private readonly dirs: string[] = [];

  /** A fresh temp directory, removed by cleanup(). */
  tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-lab-service-'));
    this.dirs.push(dir);
    return dir;
  }

  /** A database path in a fresh temp directory. */
  dbPath(): string {
    return join(this.tempDir(), 'orders.sqlite');
  }

  /** Start the service with `args`; the process is killed by cleanup() if still running. */
  run(args: readonly string[]): { child: ChildProcess; exited: Promise<Exit>; stderr: () => string } {
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('ROLLOUT_LAB_')) delete env[key];
    const child = spawn(process.execPath, [compiledServiceMain(PACKAGE_ROOT, SERVICE_MAIN), ...args], {
      cwd: PACKAGE_ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.children.push(child);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<Exit>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, exited, stderr: () => stderr };
  }

  /** Start a replica and wait for its port line. */
  async start(flags: Flags): Promise<ServiceProcess> {
    const { child, exited, stderr } = this.run(toArgs({ 'p50-ms': 2, 'p99-ms': 5, ...flags }));
    const lines = createInterface({ input: child.stdout! });
    let readySeen: () => void = () => {};
    const readyLine = new Promise<void>((resolve) => {
      readySeen = resolve;
    });
    const first = new Promise<{ port: number; pid: number }>((resolve, reject) => {
      lines.on('line', (line) => {
        const event = JSON.parse(line) as { ready: boolean; port: number; pid: number };
        if (event.ready) readySeen();
        else resolve(event);
      });
      void exited.then((exit) =>
        reject(new Error(`service exited (${exit.code ?? exit.signal}): ${stderr()}`)),
      );
    });
    const { port, pid } = await withDeadline(first, 'the port line');
    return { child, port, pid, readyLine, exited, stderr };
  }

  /** Kill what is still running, wait for it, and remove the temp directories. */
  async cleanup(): Promise<void> {
    const running = this.children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(
      running.map((c) => {
        const gone = new Promise((resolve) => c.once('exit', resolve));
        c.kill('SIGKILL');
        return gone;
      }),
    );
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** One HTTP request on a fresh connection (no keep-alive between tests). */
export function request(
  port: number,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | object } = {},
): Promise<Response> {
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: options.headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Poll `probe` until it returns true, or fail at the deadline. */
export async function waitFor(
  probe: () => Promise<boolean>,
  what: string,
  deadlineMs = DEADLINE_MS,
): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function withDeadline<T>(
  promise: Promise<T>,
  what: string,
  deadlineMs = DEADLINE_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), deadlineMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
