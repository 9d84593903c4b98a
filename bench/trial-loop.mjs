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
const t0 = performance.now();
const c0 = process.cpuUsage();
let requests = 0;
for (let i = 0; i < Number(n); i++) {
  const j = runSimTrial({ scenario, strategy, trial: i, fidelity });
  for (const c of Object.values(j.tallies.cells)) for (const x of c.requests) requests += x;
}
const ms = (performance.now() - t0) / Number(n);
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000 / Number(n);
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
