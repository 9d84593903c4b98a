// Side by side in one process: the per-tick trials of two builds (two checkouts, each built
// with `npm run -s build`), alternating blocks of trials so that the host's noise falls on
// both alike. Each round times one block of each build, in turns (A first, then B first);
// the figure is the median of the rounds' ratios B/A. The build loaded second tends to run
// 1–2% faster, so the whole is run twice, loading order swapped, and the two estimates of
// B/A are combined (geometric mean).
// usage: node bench/ab.mjs DIR_A DIR_B [ROUNDS=30] [BLOCK=10] [SCENARIO] [STRATEGY]
//   e.g. git worktree add /tmp/before HEAD~1 && (cd /tmp/before && npm ci && npm run -s build)
//        node bench/ab.mjs /tmp/before .
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [a, b, rounds = '30', block = '10', scenarioArg, strategyArg] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node bench/ab.mjs DIR_A DIR_B [ROUNDS] [BLOCK] [SCENARIO] [STRATEGY]');
  process.exit(2);
}
const scenarioFile = resolve(scenarioArg ?? 'bench/scenarios/canary-30m.yaml');
const strategyName = strategyArg ?? 'canary';

if (process.env.AB_CHILD === '1') {
  const load = async (dir) => {
    const root = resolve(dir);
    const { loadScenario } = await import(`${root}/dist/scenario/load.js`);
    const { runSimTrial } = await import(`${root}/dist/trials/sim-trial.js`);
    const scenario = loadScenario(scenarioFile);
    const strategy = scenario.strategies.find((s) => s.name === strategyName);
    if (!strategy) throw new Error(`no strategy ${strategyName} in ${scenarioFile}`);
    return (trial) => runSimTrial({ scenario, strategy, trial, fidelity: 'tick' });
  };
  const first = await load(a);
  const second = await load(b);
  for (let i = 0; i < 30; i++) {
    first(1000 + i);
    second(1000 + i);
  }
  const ratios = [];
  const ms = [[], []];
  const n = Number(block);
  for (let r = 0; r < Number(rounds); r++) {
    const times = [0, 0];
    for (const which of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const run = which === 0 ? first : second;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) run(r * n + i);
      times[which] = (performance.now() - t0) / n;
    }
    ms[0].push(times[0]);
    ms[1].push(times[1]);
    ratios.push(times[1] / times[0]);
  }
  const median = (x) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)];
  console.log(
    JSON.stringify({
      first: a,
      second: b,
      msFirst: median(ms[0]),
      msSecond: median(ms[1]),
      ratio: median(ratios),
    }),
  );
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (first, second) => {
    const out = spawnSync(
      process.execPath,
      [self, first, second, rounds, block, scenarioFile, strategyName],
      {
        env: { ...process.env, AB_CHILD: '1' },
        encoding: 'utf8',
      },
    );
    if (out.status !== 0) {
      console.error(out.stderr);
      process.exit(1);
    }
    return JSON.parse(out.stdout.trim().split('\n').pop());
  };
  const ab = run(a, b);
  const ba = run(b, a);
  // ab.ratio estimates B/A with B loaded second; ba.ratio estimates A/B with A loaded second.
  const ratio = Math.sqrt(ab.ratio / ba.ratio);
  const f = (x) => x.toFixed(3);
  console.log(`A ${a}: ${f(ab.msFirst)} / ${f(ba.msSecond)} ms a trial (loaded first / second)`);
  console.log(`B ${b}: ${f(ab.msSecond)} / ${f(ba.msFirst)} ms a trial (loaded second / first)`);
  console.log(`B/A: ${f(ab.ratio)} (B second), ${f(1 / ba.ratio)} (B first); combined ${f(ratio)}`);
}
