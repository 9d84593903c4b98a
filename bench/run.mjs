// `make bench`: measures the lab's speed and memory targets and writes BENCHMARKS.md.
// Each figure is the median of several repetitions, measured in this one run; the
// machine's load is printed next to them (these machines are shared and noisy).
//
//   node bench/run.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const quick = process.argv.includes('--quick');
const reps = quick ? 2 : 5;
const root = new URL('..', import.meta.url).pathname;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.status !== 0 && !options.allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  }
  return r;
}

/** One in-process loop of trials (one thread = one core) after `warmup` unmeasured ones: JSON figures. */
function trialLoop(fidelity, trials, warmup = 3) {
  const r = run('node', [
    'bench/trial-loop.mjs',
    'bench/scenarios/canary-30m.yaml',
    'canary',
    fidelity,
    String(trials),
    String(warmup),
  ]);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const results = {};
const load = [];
const sample = () => load.push(loadavg()[0]);

console.error('per request: 30-minute canary at 200 rps …');
sample();
const perRequest = Array.from({ length: reps }, () => trialLoop('request', quick ? 2 : 3));
results.requestRps = median(perRequest.map((r) => r.requestsPerSecond));
results.requestCpuRps = median(perRequest.map((r) => r.requestsPerTrial / (r.cpuMsPerTrial / 1000)));
results.requestsPerTrial = perRequest[0].requestsPerTrial;

console.error('per tick: 30-minute canary at 200 rps …');
sample();
// Steady state, as a worker runs: after 30 trials, when the JIT compiler is done with the
// hot code (a worker of the demo runs hundreds). A cold thread's first trials, apart.
const perTick = Array.from({ length: reps }, () => trialLoop('tick', quick ? 20 : 100, 30));
results.tickTrialsPerSecond = median(perTick.map((r) => 1000 / r.msPerTrial));
results.tickCpuTrialsPerSecond = median(perTick.map((r) => 1000 / r.cpuMsPerTrial));
const coldTick = Array.from({ length: reps }, () => trialLoop('tick', 30, 0));
results.coldTickTrialsPerSecond = median(coldTick.map((r) => 1000 / r.msPerTrial));

console.error('demo: 6 scenarios × every strategy × 200 trials on 2 workers …');
sample();
const demo = [];
for (let i = 0; i < (quick ? 1 : 3); i++) {
  const out = mkdtempSync(join(tmpdir(), 'rollout-lab-bench-'));
  const started = performance.now();
  const r = run(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      'node',
      'bin/rollout-lab.js',
      'run',
      ...[
        'connection-leak',
        'control',
        'latency-injection',
        'schema-mismatch-api',
        'schema-mismatch-db',
        'sticky-sessions',
      ].map((s) => `scenarios/${s}.yaml`),
      '--out',
      out,
      '--jobs',
      '2',
      '--no-progress',
    ],
    { allowFail: true },
  );
  const seconds = (performance.now() - started) / 1000;
  const rssKb = Number(r.stderr.trim().split('\n').pop());
  const trials = (r.stderr.match(/(\d+) trials in/) ?? [])[1];
  if (r.status !== 0 && r.status !== 1) throw new Error(`demo failed:\n${r.stderr}`);
  demo.push({ seconds, rssMb: rssKb / 1024, trials: Number(trials) });
  rmSync(out, { recursive: true, force: true });
}
results.demoSeconds = median(demo.map((d) => d.seconds));
results.demoRssMb = Math.max(...demo.map((d) => d.rssMb));
results.demoTrials = demo[0].trials;
sample();

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const pass = (ok) => (ok ? 'met' : '**not met**');
const rows = [
  [
    'per request: simulated requests/s per core (30-min canary, 200 rps)',
    `≥ 1,000,000`,
    `${Math.round(results.requestRps).toLocaleString('en')} (CPU time: ${Math.round(results.requestCpuRps).toLocaleString('en')})`,
    pass(results.requestRps >= 1e6),
  ],
  [
    'per tick: trials/s per core (same rollout; steady state)',
    '≥ 200',
    `${results.tickTrialsPerSecond.toFixed(1)} (CPU time: ${results.tickCpuTrialsPerSecond.toFixed(1)}; a cold thread's first 30 trials: ${results.coldTickTrialsPerSecond.toFixed(1)})`,
    pass(results.tickTrialsPerSecond >= 200),
  ],
  [
    `demo: ${results.demoTrials} trials (6 scenarios × 6 strategies × 200) on 2 workers`,
    '< 60 s',
    `${results.demoSeconds.toFixed(1)} s`,
    pass(results.demoSeconds < 60),
  ],
  [
    'demo: peak memory (max RSS, all threads, highest of the runs)',
    '< 1 GB',
    `${Math.round(results.demoRssMb)} MiB (${((results.demoRssMb * 1024 * 1024) / 1e9).toFixed(2)} GB)`,
    // 1 GB read as 10⁹ bytes, the stricter reading.
    pass(results.demoRssMb * 1024 * 1024 < 1e9),
  ],
];

const table = [
  '| measure | target | measured (median) | |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

const section = `## Simulator speed and memory

Measured by \`make bench\` (\`node bench/run.mjs\`) on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${availableParallelism()} cores, Node ${process.versions.node}.
Load average during the run: ${load.map((l) => l.toFixed(1)).join(' → ')} (a shared machine: CPU-time figures in parentheses are less sensitive to it).
Per-request and per-tick figures: median of ${reps} repetitions of an in-process loop of trials of
\`bench/scenarios/canary-30m.yaml\` (${results.requestsPerTrial.toLocaleString('en')} requests per trial) on one thread
(\`node bench/trial-loop.mjs bench/scenarios/canary-30m.yaml canary tick|request N WARMUP\`): per request ${quick ? 2 : 3} trials after 3
unmeasured; per tick ${quick ? 20 : 100} trials after 30 unmeasured (steady state, as in a worker that runs hundreds of
trials: the JIT compiler is still at work in a thread's first few dozen), and a cold thread's first 30 trials apart;
demo: median of ${demo.length} full runs of \`rollout-lab run scenarios/*.yaml --jobs 2\`.

${table}
`;

/** A section of BENCHMARKS.md from another benchmark's own printout. */
function externalSection(title, command, args) {
  console.error(`${title} …`);
  const r = run('npx', ['tsx', ...args], { allowFail: true });
  const body =
    r.status === 0
      ? r.stdout.trim()
      : `(failed with exit code ${r.status})\n\n${r.stderr.trim().split('\n').slice(-5).join('\n')}`;
  // The benchmark's own headings go one level down, under this section's: its title line
  // becomes plain text, and only the sections of this file stay at level 2.
  const nested = body.replace(/^# (.*)$/gm, '$1').replace(/^(##+) /gm, '#$1 ');
  return `## ${title}\n\nMeasured by \`${command}\` (also run by \`make bench\`), load average ${loadavg()[0].toFixed(1)}:\n\n${nested}\n`;
}

const extra = quick
  ? []
  : [
      externalSection('PromQL evaluation', 'npx tsx bench/promql.bench.ts', ['bench/promql.bench.ts']),
      externalSection('Local backend: router and load generators', 'npx tsx bench/router-load.bench.ts', [
        'bench/router-load.bench.ts',
      ]),
    ];

const path = join(root, 'BENCHMARKS.md');
let doc;
try {
  doc = readFileSync(path, 'utf8');
} catch {
  doc =
    "# Benchmarks\n\nFigures measured on this project's machines, with the command that produced them.\n\n";
}
/** Replace the section titled like `text`'s first line, or add it at the end. */
function upsert(text) {
  const title = text.split('\n')[0];
  const start = doc.indexOf(title);
  if (start >= 0) {
    const next = doc.indexOf('\n## ', start + title.length);
    doc = doc.slice(0, start) + text + (next >= 0 ? `\n${doc.slice(next + 1)}` : '');
  } else {
    doc = `${doc.trimEnd()}\n\n${text}`;
  }
}
upsert(section);
for (const text of extra) upsert(text);
writeFileSync(path, doc);
console.log([section, ...extra].join('\n'));
