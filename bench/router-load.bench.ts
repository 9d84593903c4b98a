/**
 * Benchmark of the local backend's traffic path: the router and the load generators.
 *
 * 1. The router's added latency: the built-in generator at 1,000 requests/s (constant
 *    spacing) against a stub pod directly, then through the router; p50 and p99 of the
 *    latency measured from send time, and the difference.
 * 2. The highest arrival rate the built-in generator keeps with fewer than 1% of requests
 *    sent more than 10 ms late, stepping the rate up against a stub pod.
 * 3. The built-in generator's latency percentiles against k6's, same target and rate
 *    (skipped when k6 is not installed).
 *
 * The stub pod and the router each run in a child process of their own (this file with
 * --serve), as pods and the lab would, so the generator shares no event loop with them. Figures are
 * printed, never asserted.
 *
 * Run: npx tsx bench/router-load.bench.ts [--seconds 10] [--k6-rate 500]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RouteModel, TrafficModel } from '../src/scenario/model.js';
import { Router } from '../src/targets/local/router/router.js';
import { StubPod } from '../src/targets/local/router/test-support/stub-pod.js';
import { findK6 } from '../src/traffic/k6/k6-binary.js';
import { runK6 } from '../src/traffic/k6/run-k6.js';
import { runLoad } from '../src/traffic/load/load-generator.js';
import { percentiles } from '../src/traffic/load/percentiles.js';
import type { LoadResult } from '../src/traffic/load/types.js';
import { constantProfile } from '../src/traffic/rate-profile.js';

const ROUTES: readonly RouteModel[] = [{ name: 'get-order', share: 1, db: true, method: 'GET' }];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function traffic(rps: number): TrafficModel {
  return {
    profile: constantProfile(rps),
    source: 'rps',
    clients: { v1Shape: 0, v2Shape: 1 },
    sessions: null,
    headers: [],
  };
}

// ----- the servers, each in a child process ---------------------------------------------

/** `--serve pod` or `--serve router UPSTREAM`: print the URL, run until stdin closes. */
async function serve(what: string, upstream: string | undefined): Promise<void> {
  let url: string;
  let close: () => Promise<void>;
  let requests = () => 0;
  if (what === 'pod') {
    const pod = await StubPod.start({ name: 'stable-0', role: 'stable' });
    // Keep memory flat over long runs: the stub records requests, the bench needs none.
    pod.received.push = () => 0;
    url = pod.url;
    close = () => pod.close();
  } else {
    const router = await Router.start({ seed: 1, affinity: 'none' });
    router.setEndpoints('stable', [{ name: 'stable-0', url: upstream!, ready: true }]);
    url = router.url;
    close = () => router.close();
    requests = () => router.stats().requests;
  }
  console.log(url);
  // A line "cpu" on stdin asks for the CPU time used so far (which, unlike latency, does
  // not depend on what else the machine runs) and the requests served; end of stdin stops.
  createInterface({ input: process.stdin }).on('line', () => {
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, requests: requests() }));
  });
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.stdin.on('end', stop);
  process.on('SIGTERM', stop);
}

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  /** The next line the server prints. */
  readonly nextLine: () => Promise<string>;
}

async function startServer(...args: string[]): Promise<Server> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--serve', ...args],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const queued = lines.shift();
      if (queued !== undefined) resolve(queued);
      else waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
  return { child, url: await nextLine(), nextLine };
}

/** CPU time used by a server so far, ms, and the requests it served (router only). */
async function cpuOf(server: Server): Promise<{ cpuMs: number; requests: number }> {
  server.child.stdin?.write('cpu\n');
  return JSON.parse(await server.nextLine());
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.stdin?.end();
  await exited;
}

// ----- measurements ----------------------------------------------------------------------

async function load(target: string, rps: number, seconds: number, seed: number): Promise<LoadResult> {
  return runLoad({
    target,
    traffic: traffic(rps),
    routes: ROUTES,
    durationMs: seconds * 1000,
    maxRequests: Math.ceil(rps * seconds * 1.1) + 10,
    seed,
    spacing: 'constant',
    maxInFlight: 1024,
    keepRecords: true,
  });
}

/** Latency from send time (the server path alone), ms. */
function fromSend(r: LoadResult) {
  return percentiles(r.records!.filter((x) => x.outcome === 'ok').map((x) => x.doneMs - x.sentMs));
}

const f = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

async function main(): Promise<void> {
  const seconds = arg('seconds', 10);
  const k6Rate = arg('k6-rate', 500);
  console.log(
    `# router and load generator benchmark (${cpus().length} cores, Node ${process.version}, ` +
      `load average ${loadavg()[0].toFixed(1)} at start)\n`,
  );
  const pod = await startServer('pod');
  const router = await startServer('router', pod.url);
  const servers = { pod: pod.url, router: router.url };
  try {
    // Warm up both paths (JIT, keep-alive connections).
    await load(servers.pod, 500, 2, 1);
    await load(servers.router, 500, 2, 1);

    console.log(`## Router added latency at 1,000 requests/s (${seconds} s each, latency from send time)\n`);
    const direct = fromSend(await load(servers.pod, 1000, seconds, 2));
    const cpuBefore = await cpuOf(router);
    const routed = fromSend(await load(servers.router, 1000, seconds, 3));
    const cpuAfter = await cpuOf(router);
    console.log('| path | n | p50 ms | p99 ms |');
    console.log('|---|---|---|---|');
    console.log(`| direct to the pod | ${direct.count} | ${f(direct.p50)} | ${f(direct.p99)} |`);
    console.log(`| through the router | ${routed.count} | ${f(routed.p50)} | ${f(routed.p99)} |`);
    console.log(
      `| **added by the router** | | **${f(routed.p50 - direct.p50)}** | **${f(routed.p99 - direct.p99)}** |\n`,
    );
    const requests = cpuAfter.requests - cpuBefore.requests;
    console.log(
      `\nRouter CPU time: ${f((1000 * (cpuAfter.cpuMs - cpuBefore.cpuMs)) / requests, 0)} µs per request ` +
        `(${requests} requests at 1,000/s; a core is saturated near ${f(1e6 / ((1000 * (cpuAfter.cpuMs - cpuBefore.cpuMs)) / requests), 0)} requests/s).\n`,
    );

    console.log(
      '## Highest arrival rate with < 1% of requests sent > 10 ms late (built-in generator, direct)\n',
    );
    console.log('| rate /s | sent | late % | lateness p99 ms | dropped | failed |');
    console.log('|---|---|---|---|---|---|');
    let best = 0;
    for (const rps of [250, 500, 1_000, 2_000, 4_000, 6_000, 8_000, 10_000, 12_000, 15_000, 20_000]) {
      const r = await load(servers.pod, rps, 5, rps);
      const ok = r.lateness.lateShare < 0.01 && r.dropped === 0;
      console.log(
        `| ${rps} | ${r.sent} | ${f(100 * r.lateness.lateShare)} | ${f(r.lateness.p99)} | ${r.dropped} | ${r.failed} |`,
      );
      if (ok) best = rps;
      else break;
    }
    console.log(`\nHighest rate kept: **${best} requests/s** (steps of the table; 5 s each).\n`);

    const k6 = findK6();
    console.log(`## Built-in generator vs k6 at ${k6Rate} requests/s, ${seconds} s, direct to the pod\n`);
    if (k6 === undefined) {
      console.log('k6 not installed: skipped (go install go.k6.io/k6@v1.4.2).');
      return;
    }
    const builtin = await load(servers.pod, k6Rate, seconds, 4);
    const k6Result = await runK6({
      binary: k6,
      scenarioName: 'bench',
      target: servers.pod,
      traffic: traffic(k6Rate),
      routes: ROUTES,
      durationMs: seconds * 1000,
      seed: 5,
    });
    console.log('| generator | requests | p50 ms | p90 ms | p99 ms | max ms | dropped |');
    console.log('|---|---|---|---|---|---|---|');
    const b = builtin.latency;
    console.log(
      `| built-in (undici, from scheduled time) | ${b.count} | ${f(b.p50)} | ${f(b.p90)} | ${f(b.p99)} | ${f(b.max)} | ${builtin.dropped} |`,
    );
    const k = k6Result.latency;
    console.log(
      `| k6 ${k6.includes('go/bin') ? '(go install)' : ''} (from iteration start) | ${k.count} | ${f(k.p50)} | ${f(k.p90)} | ${f(k.p99)} | ${f(k.max)} | ${k6Result.dropped} |`,
    );
  } finally {
    await stopServer(router);
    await stopServer(pod);
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serve(process.argv[serveAt + 1], process.argv[serveAt + 2]);
else await main();
