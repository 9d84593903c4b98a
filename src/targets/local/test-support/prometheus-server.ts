/**
 * A real Prometheus (Debian's /usr/bin/prometheus, 2.42) for cross-checks: a generated
 * config scraping given loopback targets, bound to 127.0.0.1 on a free port, a temp
 * storage dir, `--web.enable-lifecycle` so that `POST /-/quit` stops it; the temp dir is
 * removed and the process reaped on stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Labels } from '../../../analysis/types.js';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export function prometheusInstalled(): boolean {
  return existsSync(PROMETHEUS_BIN);
}

/** A free TCP port on 127.0.0.1 (bound and released: good enough for a test). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface PromSample {
  readonly labels: Labels;
  readonly value: number;
}

export class PrometheusServer {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  /** Start Prometheus scraping `targets` (host:port) as job `job` every `intervalS` seconds. */
  static async start(targets: readonly string[], job: string, intervalS: number): Promise<PrometheusServer> {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-lab-prometheus-'));
    const port = await freePort();
    const config = [
      'global:',
      `  scrape_interval: ${intervalS}s`,
      `  scrape_timeout: ${intervalS}s`,
      '  evaluation_interval: 1m',
      'scrape_configs:',
      `  - job_name: ${job}`,
      '    static_configs:',
      `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n');
    writeFileSync(join(dir, 'prometheus.yml'), config);
    const child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-lifecycle',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    child.stderr?.resume();
    const server = new PrometheusServer(`http://127.0.0.1:${port}`, child, dir);
    const deadline = performance.now() + 30_000;
    for (;;) {
      const ready = await fetch(`${server.url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready || child.exitCode !== null) break;
      if (performance.now() > deadline) {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        throw new Error('prometheus not ready after 30 s');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}`);
    return server;
  }

  /** An instant query at `timeS` (Unix seconds); a vector's samples, or a scalar as one unlabelled sample. */
  async query(expr: string, timeS: number): Promise<PromSample[]> {
    const u = new URL(`${this.url}/api/v1/query`);
    u.searchParams.set('query', expr);
    u.searchParams.set('time', timeS.toFixed(3));
    const body = (await (await fetch(u)).json()) as {
      status: string;
      error?: string;
      data: { resultType: string; result: unknown };
    };
    if (body.status !== 'success') throw new Error(`prometheus: ${body.error}`);
    if (body.data.resultType === 'scalar') {
      const [, v] = body.data.result as [number, string];
      return [{ labels: {}, value: Number(v) }];
    }
    return (body.data.result as { metric: Labels; value: [number, string] }[]).map((r) => ({
      labels: r.metric,
      value: parseGoFloat(r.value[1]),
    }));
  }

  /** POST /-/quit, wait for the exit (SIGKILL after 10 s), remove the storage. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await fetch(`${this.url}/-/quit`, { method: 'POST' });
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function parseGoFloat(text: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}
