/**
 * Benchmark of the metrics hot path of a simulated trial, over a store shaped like the
 * canary-30m trial's: `http_requests_total{job,instance,pod,version,route,status_code}`
 * for 16 stable and 9 canary pods × 3 routes × 2 status codes (150 series), the canary's
 * `http_request_duration_seconds_bucket` (12 `le` each, 648 series), 130 scrapes every
 * 15 s. The 5xx series appear part-way through, as the recorder creates series lazily.
 *
 * It times, each as the median of many batches in CPU time (steady when the machine is
 * busy) and wall-clock time:
 * - each of the trial's three instant queries, evaluated at the alert rule's 15 s steps;
 * - creating the store's series through `ref()` on a warm shared LabelSetTable (a second
 *   trial onward), and appending the 130 scrapes;
 * - a whole trial's metrics work replayed: series created lazily, scrapes appended, the
 *   alert rule evaluated every 15 s and both analysis metrics every 30 s.
 *
 * Run: npx tsx bench/promql.bench.ts [queries|store|replay]
 */
import { PromQLEngine } from '../src/analysis/promql/engine.js';
import type { Labels } from '../src/analysis/types.js';
import { LabelSetTable } from '../src/metrics/label-set.js';
import { SeriesStore } from '../src/metrics/series-store.js';
import { Sfc32 } from '../src/stats/rng.js';

const SCRAPE_MS = 15_000;
const SCRAPES = 130;
const PODS: Readonly<Record<string, number>> = { stable: 16, canary: 9 };
const ROUTES = ['get-order', 'list-orders', 'checkout'];
const CODES = ['200', '500'];
const LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];

const ALERT =
  'sum(rate(http_requests_total{status_code=~"5.."}[2m])) / sum(rate(http_requests_total[2m])) > 0.05';
const ERROR_RATE =
  '(sum(rate(http_requests_total{version="canary",status_code=~"5.."}[1m])) or vector(0)) / sum(rate(http_requests_total{version="canary"}[1m]))';
const LATENCY_P99 =
  'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{version="canary"}[2m])))';
const QUERIES: Readonly<Record<string, string>> = {
  'alert (all pods)': ALERT,
  'canary error rate': ERROR_RATE,
  'canary p99': LATENCY_P99,
};

/** One recorded combination of a pod, route and status code. */
interface Combo {
  /** The labels `ref()` gets: the request counter's, then the canary's buckets'. */
  readonly labels: readonly Labels[];
  /** The scrape at which the series first appear (the recorder creates them lazily). */
  readonly firstScrape: number;
  /** Per scrape, the value of each series (`labels.length` per scrape). */
  readonly values: Float64Array;
}

/** Each combo's counter values: the same in every trial (only label objects are fresh). */
let valuesOfCombos: Float64Array[] | null = null;

/** The combinations of one trial, with fresh label objects (as each trial has its own). */
function combos(): Combo[] {
  const rng = new Sfc32(7);
  const valueRng = new Sfc32(8);
  const first = valuesOfCombos === null;
  if (valuesOfCombos === null) valuesOfCombos = [];
  const out: Combo[] = [];
  for (const version of ['stable', 'canary']) {
    for (let p = 0; p < PODS[version]; p++) {
      const pod = `canary-30m-${version}-${p}`;
      for (const route of ROUTES) {
        for (const code of CODES) {
          const base = { job: 'service', instance: pod, pod, version, route, status_code: code };
          const labels: Labels[] = [{ __name__: 'http_requests_total', ...base }];
          if (version === 'canary') {
            for (const le of LE)
              labels.push({ __name__: 'http_request_duration_seconds_bucket', ...base, le });
          }
          const firstScrape = code === '200' ? 0 : Math.floor(rng.next() * SCRAPES * 0.7);
          if (first) valuesOfCombos.push(counts(valueRng, labels.length, code === '200' ? 30 : 0.06));
          out.push({ labels, firstScrape, values: valuesOfCombos[out.length] });
        }
      }
    }
  }
  return out;
}

/** Counter values of each scrape: requests, then cumulative latency buckets. */
function counts(rng: Sfc32, width: number, perScrape: number): Float64Array {
  const values = new Float64Array(SCRAPES * width);
  let total = 0;
  const buckets = LE.map(() => 0);
  for (let i = 0; i < SCRAPES; i++) {
    const n = Math.round(perScrape * (0.5 + rng.next()));
    total += n;
    values[i * width] = total;
    if (width === 1) continue;
    for (let k = 0; k < n; k++) {
      const latency = Math.exp(Math.log(0.04) + 0.6 * (rng.next() + rng.next() + rng.next() - 1.5));
      for (let b = 0; b < LE.length; b++) if (latency <= Number(LE[b])) buckets[b]++;
    }
    for (let b = 0; b < LE.length; b++) values[i * width + 1 + b] = buckets[b];
  }
  return values;
}

/** The refs of one trial's combos, created on first use (-1 before). */
type Refs = Int32Array[];

function createSeries(store: SeriesStore, c: Combo): Int32Array {
  const refs = new Int32Array(c.labels.length);
  for (let k = 0; k < c.labels.length; k++) refs[k] = store.ref(c.labels[k]);
  return refs;
}

/** Scrape i of every combo: creates the series due at this scrape, then appends. */
function scrape(store: SeriesStore, cs: readonly Combo[], refs: Refs, i: number): void {
  const t = i * SCRAPE_MS;
  for (let j = 0; j < cs.length; j++) {
    const c = cs[j];
    if (i < c.firstScrape) continue;
    const r = refs[j] ?? (refs[j] = createSeries(store, c));
    const width = r.length;
    for (let k = 0; k < width; k++) store.append(r[k], t, c.values[i * width + k]);
  }
}

function buildStore(labelSets: LabelSetTable): SeriesStore {
  const store = new SeriesStore({ initialCapacity: SCRAPES + 2, labelSets });
  const cs = combos();
  const refs: Refs = [];
  for (let i = 0; i < SCRAPES; i++) scrape(store, cs, refs, i);
  return store;
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];

/** CPU and wall µs of `f`, the median over `batches` runs of `rounds` calls each, per call. */
function time(f: () => void, batches: number, rounds: number): { cpu: number; wall: number } {
  for (let r = 0; r < rounds; r++) f(); // warm up
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let b = 0; b < batches; b++) {
    const c0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) f();
    const c = process.cpuUsage(c0);
    wall.push(Number(process.hrtime.bigint() - w0) / 1000 / rounds);
    cpu.push((c.user + c.system) / rounds);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

const fmt = (x: number) => x.toFixed(1).padStart(7);

function benchQueries(): void {
  const store = buildStore(new LabelSetTable());
  const engine = new PromQLEngine(store);
  // The alert rule's evaluation times: every 15 s once the 2m window has filled.
  const times: number[] = [];
  for (let t = 2 * 60_000 + 1; t < SCRAPES * SCRAPE_MS; t += SCRAPE_MS) times.push(t);
  console.log(`store: ${store.size} series × ${SCRAPES} samples; ${times.length} evaluation times`);
  for (const [name, expr] of Object.entries(QUERIES)) {
    const { cpu, wall } = time(
      () => {
        for (const t of times) engine.instant(expr, t);
      },
      30,
      10,
    );
    const v = engine.instant(expr, 20 * 60_000);
    const value = v.kind === 'scalar' ? v.value : v.samples[0]?.value;
    console.log(
      `${name.padEnd(18)} ${fmt(cpu / times.length)} µs CPU ${fmt(wall / times.length)} µs wall per evaluation (value at 20m: ${value})`,
    );
  }
}

function benchStoreCreation(): void {
  const shared = new LabelSetTable();
  buildStore(shared); // the first trial interns every label set
  // Fresh label objects per trial, built outside the timing (the recorder builds them).
  const trials = Array.from({ length: 320 }, combos);
  let next = 0;
  let series = 0;
  const refs = time(
    () => {
      const store = new SeriesStore({ initialCapacity: SCRAPES + 2, labelSets: shared });
      for (const c of trials[next++]) createSeries(store, c);
      series = store.size;
    },
    30,
    10,
  );
  const cs = combos();
  const ready = Array.from({ length: 40 }, () => {
    const store = new SeriesStore({ initialCapacity: SCRAPES + 2, labelSets: shared });
    return { store, refs: cs.map((c) => createSeries(store, c)) };
  });
  let k = 0;
  const appends = time(
    () => {
      const { store, refs } = ready[k++];
      for (let i = 0; i < SCRAPES; i++) scrape(store, cs, refs, i);
    },
    9,
    3,
  );
  console.log(
    `create ${series} series ${fmt(refs.cpu)} µs CPU ${fmt(refs.wall)} µs wall per store (warm shared LabelSetTable)`,
  );
  console.log(`append ${SCRAPES} scrapes  ${fmt(appends.cpu)} µs CPU ${fmt(appends.wall)} µs wall per store`);
}

/** A trial's metrics work: lazy series, scrapes, the alert every 15 s, analysis every 30 s. */
function replayTrial(shared: LabelSetTable, cs: readonly Combo[]): void {
  const store = new SeriesStore({ initialCapacity: SCRAPES + 2, labelSets: shared });
  const engine = new PromQLEngine(store);
  const refs: Refs = [];
  for (let i = 0; i < SCRAPES; i++) {
    scrape(store, cs, refs, i);
    const t = i * SCRAPE_MS + 1;
    engine.instant(ALERT, t);
    if (i % 2 === 0) {
      engine.instant(ERROR_RATE, t);
      engine.instant(LATENCY_P99, t);
    }
  }
}

function benchTrialReplay(): void {
  const shared = new LabelSetTable();
  const trials = Array.from({ length: 48 }, combos);
  let next = 0;
  const { cpu, wall } = time(() => replayTrial(shared, trials[next++]), 15, 3);
  console.log(
    `trial replay        ${fmt(cpu / 1000)} ms CPU ${fmt(wall / 1000)} ms wall per trial (lazy series, ${SCRAPES} scrapes, ${SCRAPES + 2 * Math.ceil(SCRAPES / 2)} queries)`,
  );
}

const only = process.argv[2];
if (only === undefined || only === 'queries') benchQueries();
if (only === undefined || only === 'store') benchStoreCreation();
if (only === undefined || only === 'replay') benchTrialReplay();
