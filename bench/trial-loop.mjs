// Runs trials of one scenario × strategy in this thread and prints ms per trial: N trials
// measured after WARMUP trials that are not (default 3; the JIT compiler is still at work
// during the first few dozen trials of a thread).
// usage: node bench/trial-loop.mjs SCENARIO STRATEGY [tick|request] [N] [WARMUP]
import { loadScenario } from '../dist/scenario/load.js';
import { runSimTrial } from '../dist/trials/sim-trial.js';

const [file, strategyName, fidelity = 'tick', n = '20', warmup = '3'] = process.argv.slice(2);
const scenario = loadScenario(file);
const strategy = scenario.strategies.find((s) => s.name === strategyName);
for (let i = 0; i < Number(warmup); i++) runSimTrial({ scenario, strategy, trial: 1000 + i, fidelity });
// Only the trials are timed: counting a journal's requests (for the requests/s figure)
// is the benchmark's own work, ~30 µs a trial, so it is done between the timed parts.
let wall = 0;
let cpuUs = 0;
let requests = 0;
for (let i = 0; i < Number(n); i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const j = runSimTrial({ scenario, strategy, trial: i, fidelity });
  wall += performance.now() - t0;
  const c = process.cpuUsage(c0);
  cpuUs += c.user + c.system;
  for (const cell of Object.values(j.tallies.cells)) for (const x of cell.requests) requests += x;
}
const ms = wall / Number(n);
const cpuMs = cpuUs / 1000 / Number(n);
console.log(
  JSON.stringify({
    scenario: scenario.name,
    strategy: strategyName,
    fidelity,
    msPerTrial: +ms.toFixed(2),
    cpuMsPerTrial: +cpuMs.toFixed(2),
    requestsPerTrial: Math.round(requests / Number(n)),
    requestsPerSecond: Math.round(requests / Number(n) / (ms / 1000)),
  }),
);
