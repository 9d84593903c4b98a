/**
 * Benchmark of the analysis hot path: the two instant queries an AnalysisRun evaluates
 * ~200 times per simulated trial, over a store shaped like a trial's: 20 pods × 2 versions
 * × 3 routes × 4 status codes of `http_requests_total`, 20 pods × 2 versions × 12 `le`
 * buckets of `http_request_duration_seconds_bucket`, 120 scrapes every 15 s.
 *
 * Run: npx tsx bench/promql.bench.ts
 */
import { PromQLEngine } from '../src/analysis/promql/engine.js';
import { SeriesStore } from '../src/metrics/series-store.js';
import { Sfc32 } from '../src/stats/rng.js';

const SCRAPE_MS = 15_000;
const SCRAPES = 120;
const PODS = 20;
const VERSIONS = ['stable', 'canary'];
const ROUTES = ['/api/orders', '/api/cart', '/healthz'];
const CODES = ['200', '404', '500', '503'];
const LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];

const QUERIES: Readonly<Record<string, string>> = {
  'error rate':
    'sum(rate(http_requests_total{version="canary",status_code=~"5.."}[2m])) / sum(rate(http_requests_total{version="canary"}[2m]))',
  'p99 latency':
    'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{version="canary"}[2m])) by (le))',
};

function buildStore(): SeriesStore {
  const rng = new Sfc32(42);
  const store = new SeriesStore({ initialCapacity: SCRAPES });
  const counters: { ref: number; total: number; rate: number }[] = [];
  const histograms: { refs: number[]; totals: number[] }[] = [];
  for (let pod = 0; pod < PODS; pod++) {
    for (const version of VERSIONS) {
      const base = { pod: `web-${version}-${pod}`, version, job: 'web', instance: `10.0.${pod}.1:8080` };
      for (const route of ROUTES) {
        for (const code of CODES) {
          const labels = { __name__: 'http_requests_total', ...base, route, status_code: code };
          const share = code === '200' ? 0.95 : 0.0166;
          counters.push({ ref: store.ref(labels), total: 0, rate: 4 * share });
        }
      }
      const refs = LE.map((le) =>
        store.ref({ __name__: 'http_request_duration_seconds_bucket', ...base, le }),
      );
      histograms.push({ refs, totals: LE.map(() => 0) });
    }
  }
  for (let i = 0; i < SCRAPES; i++) {
    const t = i * SCRAPE_MS;
    for (const c of counters) {
      c.total += Math.round(c.rate * 15 * (0.5 + rng.next()));
      store.append(c.ref, t, c.total);
    }
    for (const h of histograms) {
      const n = Math.round(60 * (0.5 + rng.next()));
      for (let k = 0; k < n; k++) {
        const latency = Math.exp(Math.log(0.04) + 0.6 * (rng.next() + rng.next() + rng.next() - 1.5));
        for (let b = 0; b < LE.length; b++) if (latency <= Number(LE[b])) h.totals[b]++;
      }
      for (let b = 0; b < LE.length; b++) store.append(h.refs[b], t, h.totals[b]);
    }
  }
  return store;
}

/**
 * µs per evaluation: the median over 30 batches of every evaluation time, both in CPU time
 * (steady when the machine is busy) and wall-clock time.
 */
function bench(engine: PromQLEngine, expr: string, times: readonly number[]): { cpu: number; wall: number } {
  for (let r = 0; r < 5; r++) for (const t of times) engine.instant(expr, t); // warm up
  const cpu: number[] = [];
  const wall: number[] = [];
  const rounds = 10;
  for (let b = 0; b < 30; b++) {
    const c0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const t of times) engine.instant(expr, t);
    const c = process.cpuUsage(c0);
    wall.push(Number(process.hrtime.bigint() - w0) / 1000 / (rounds * times.length));
    cpu.push((c.user + c.system) / (rounds * times.length));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return { cpu: median(cpu), wall: median(wall) };
}

const store = buildStore();
const engine = new PromQLEngine(store);
// ~200 evaluation times across the trial, as an AnalysisRun at a 10 s interval would.
const times: number[] = [];
for (let t = 2 * 60_000; times.length < 200; t += 8_925) times.push(t);

console.log(
  `store: ${store.size} series × ${SCRAPES} samples (15 s scrapes); ${times.length} evaluation times`,
);
for (const [name, expr] of Object.entries(QUERIES)) {
  const { cpu, wall } = bench(engine, expr, times);
  const v = engine.instant(expr, 20 * 60_000);
  const value = v.kind === 'scalar' ? v.value : v.samples[0]?.value;
  console.log(
    `${name.padEnd(12)} ${cpu.toFixed(1).padStart(6)} µs CPU, ${wall.toFixed(1).padStart(6)} µs wall per evaluation (median of 30 batches; value at 20m: ${value})`,
  );
}
// Fresh trials: a new store and engine each (expressions already parsed, a process-wide
// cache), first evaluation of both queries.
const trials = Array.from({ length: 9 }, buildStore);
const cold = trials.map((trial) => {
  const c0 = process.cpuUsage();
  const fresh = new PromQLEngine(trial);
  for (const expr of Object.values(QUERIES)) fresh.instant(expr, 20 * 60_000);
  const c = process.cpuUsage(c0);
  return c.user + c.system;
});
cold.sort((a, b) => a - b);
console.log(
  `fresh trial: first evaluation of both queries ${cold[4]} µs CPU (median of 9 new stores and engines)`,
);
