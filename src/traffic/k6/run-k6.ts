/**
 * Runs k6 on a generated script against a loopback target, as a child process bounded in
 * time, and reads its `--out json` results into Tallies. The script, the results and the
 * temporary folder are removed afterwards (unless `keepFiles`). k6's REST API server and
 * usage report are turned off, so the run opens no port and talks to nothing but the
 * target.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tallies } from '../../journal/journal.js';
import { assertLoopbackUrl } from '../../targets/local/router/loopback.js';
import type { Role } from '../../targets/target.js';
import { peakRate } from './executor.js';
import { findK6 } from './k6-binary.js';
import { type K6Results, parseK6Results } from './parse-results.js';
import { defaultVus, type K6ScriptOptions, k6Script } from './script.js';

export interface K6RunOptions extends K6ScriptOptions {
  /** Base URL of the target: http://127.0.0.1:PORT (anything else is refused). */
  readonly target: string;
  /** The k6 binary; default: found by findK6(). */
  readonly binary?: string;
  /** Tallies to fill (a journal's); default new ones covering offsetMs + durationMs. */
  readonly tallies?: Tallies;
  /** Trial time from which a session's failure counts it as affected. Default 0. */
  readonly releaseAtMs?: number;
  readonly attributeRole?: (requestId: string) => Role | undefined;
  /** Kill k6 if it is still running this long after the run should have ended, ms. Default 30,000. */
  readonly overrunMs?: number;
  /** Where the temporary folder goes; default the system's temporary directory. */
  readonly tmpRoot?: string;
  /** Keep the temporary folder (script and results) and report it. */
  readonly keepFiles?: boolean;
  readonly signal?: AbortSignal;
}

export interface K6RunResult extends K6Results {
  readonly exitCode: number;
  /** The last lines k6 wrote to stderr. */
  readonly stderr: string;
  /** The temporary folder, when keepFiles. */
  readonly dir: string | undefined;
}

export async function runK6(o: K6RunOptions): Promise<K6RunResult> {
  const target = assertLoopbackUrl(o.target, 'k6 target').origin;
  const binary = findK6(o.binary);
  if (binary === undefined) {
    throw new Error('k6 not found: put it on PATH or install it with `go install go.k6.io/k6@v1.4.2`');
  }
  const dir = await mkdtemp(join(o.tmpRoot ?? tmpdir(), 'rollout-lab-k6-'));
  try {
    const script = join(dir, 'script.js');
    const results = join(dir, 'results.json');
    await writeFile(script, k6Script(o));
    const offsetMs = o.offsetMs ?? 0;
    const timeoutMs = o.timeoutMs ?? 10_000;
    const gracefulStopMs =
      o.vus?.gracefulStopMs ??
      defaultVus(peakRate(o.traffic.profile, offsetMs, o.durationMs), timeoutMs).gracefulStopMs;
    const limitMs = o.durationMs + gracefulStopMs + (o.overrunMs ?? 30_000);
    const child = spawn(
      binary,
      [
        'run',
        '--quiet',
        '--no-color',
        '--no-usage-report',
        '--address',
        '',
        '--out',
        `json=${results}`,
        script,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          LAB_TARGET: target,
          K6_NO_USAGE_REPORT: 'true',
          K6_AUTO_EXTENSION_RESOLUTION: 'false',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const { code, stderr } = await bounded(child, limitMs, o.signal);
    if (code !== 0 && code !== 99) {
      throw new Error(`k6 exited with code ${code}:\n${stderr}`);
    }
    const parsed = await parseK6Results(results, {
      tallies: o.tallies,
      seconds: Math.ceil((offsetMs + o.durationMs) / 1000),
      offsetMs,
      releaseAtMs: o.releaseAtMs,
      attributeRole: o.attributeRole,
      windowMs: { from: offsetMs, to: offsetMs + o.durationMs },
    });
    return { ...parsed, exitCode: code, stderr, dir: o.keepFiles ? dir : undefined };
  } finally {
    if (!o.keepFiles) await rm(dir, { recursive: true, force: true });
  }
}

/** Wait for the child; SIGTERM it past `limitMs` or on abort, SIGKILL 5 s later. */
function bounded(
  child: ChildProcess,
  limitMs: number,
  signal?: AbortSignal,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let killed: string | undefined;
    let hardKill: NodeJS.Timeout | undefined;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8_000);
    });
    const stop = (why: string) => {
      if (killed !== undefined || child.exitCode !== null) return;
      killed = why;
      child.kill('SIGTERM');
      hardKill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    };
    const limit = setTimeout(() => stop(`still running after ${limitMs} ms`), limitMs);
    const onAbort = () => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    child.once('error', (err) => {
      clearTimeout(limit);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(limit);
      clearTimeout(hardKill);
      signal?.removeEventListener('abort', onAbort);
      if (killed !== undefined) reject(new Error(`k6 stopped: ${killed}\n${stderr}`));
      else resolve({ code: code ?? -1, stderr });
    });
  });
}
