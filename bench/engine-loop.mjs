// The per-tick engine alone: a SimWorld of SCENARIO with a canary at 25% (3 of 10 pods),
// advanced over SECONDS simulated seconds (scrapes included), N times; prints µs per
// simulated second. RECORD = none (no series: the engine only) | queried (the series the
// scenario's queries select, as a trial records them).
// usage: node bench/engine-loop.mjs SCENARIO [none|queried] [N] [SECONDS]
import { SimClock } from '../dist/clock/sim-clock.js';
import { Journal } from '../dist/journal/journal.js';
import { SeriesStore } from '../dist/metrics/series-store.js';
import { loadScenario } from '../dist/scenario/load.js';
import { createRng } from '../dist/stats/rng.js';
import { PerTickEngine } from '../dist/targets/sim/per-tick.js';
import { SimWorld } from '../dist/targets/sim/world.js';
import { queriedMetricNames, queriedSeriesFilter } from '../dist/trials/queried-metrics.js';

const [file, record = 'none', n = '20', secondsArg = '1920'] = process.argv.slice(2);
const scenario = loadScenario(file);
const seconds = Number(secondsArg);
const names = record === 'none' ? new Set() : queriedMetricNames(scenario);
const series = record === 'none' ? null : queriedSeriesFilter(scenario);

function run(seed) {
  const clock = new SimClock();
  const journal = new Journal(
    {
      scenario: scenario.name,
      strategy: 'bench',
      strategyKind: 'canary',
      trial: 0,
      seed,
      backend: 'sim',
      fidelity: 'tick',
      timeScale: 1,
      baselineErrorRate: scenario.service.errorRate,
      faultType: scenario.fault.type,
      releaseAt: 0,
      detectors: [],
      wayBack: 'bench',
    },
    Math.max(seconds, Math.ceil(scenario.durationMs / 1000)) + 1,
  );
  const world = new SimWorld({
    scenario,
    clock,
    rng: createRng(seed),
    journal,
    sink: new SeriesStore({ initialCapacity: Math.ceil((seconds * 1000) / scenario.scrapeIntervalMs) + 2 }),
    recordMetrics: names,
    recordSeries: series,
    releaseAt: 0,
    engine: (w) => new PerTickEngine(w),
  });
  world.scale('canary', Math.ceil(scenario.service.replicas * 0.25));
  world.route({ split: { kind: 'weight', canaryWeight: 25 }, headerRoutes: [], mirrorPercent: 0 });
  clock.runUntil(seconds * 1000);
  world.finish(seconds * 1000);
  return journal;
}

for (let i = 0; i < 3; i++) run(1000 + i);
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < Number(n); i++) run(i);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  JSON.stringify({
    scenario: scenario.name,
    record,
    runs: Number(n),
    seconds,
    usPerSimSecond: +((cpuMs * 1000) / Number(n) / seconds).toFixed(3),
    wallUsPerSimSecond: +((wall * 1000) / Number(n) / seconds).toFixed(3),
    cpuMsPerRun: +(cpuMs / Number(n)).toFixed(2),
  }),
);
