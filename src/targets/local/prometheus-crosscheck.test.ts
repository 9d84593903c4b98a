/**
 * The lab's scrape + PromQL against a real Prometheus (Debian's 2.42, the semantics the
 * engine follows): both scrape the same real replicas (two v1, one v2 with a latency
 * fault, 5% baseline errors everywhere) every second while load runs through the router;
 * every query form of the shipped scenarios (analysis metrics and alert expressions, and
 * the left side of each alert's comparison) is evaluated by both at aligned times (whole
 * seconds of the lab's clock, on its scrape ticks) during and after the load, and the
 * answers must agree: the same series, and values within the tolerance below.
 *
 * Tolerance. Both read the same counters, but not at the same instants: the lab scrapes
 * every target at its ticks, Prometheus each target at its own offset within the 1 s
 * interval. So the first and last samples inside a range window are up to Δ = 1 s apart
 * between the two, and `rate()`'s extrapolation to the window edges (up to 1.1 average
 * intervals, else half an interval) starts from different samples. A windowed rate then
 * differs by the requests in those unmatched slivers — at most about 2Δ of traffic out of
 * the window's W seconds — so relative to its value by about 2Δ/W, plus the counting noise
 * of those slivers. A ratio of two rates (the error rates) differs by the errors in the
 * slivers: about p·2Δ·r requests out of W·r. We allow, per value, |lab − prometheus| ≤
 * 0.15·max(|lab|, |prometheus|) + 0.01 — 15% covers 2Δ/W = 2/30 for the shortest window
 * (30 s) with a factor two for noise; the 0.01 absolute floor covers error ratios near
 * the 5% baseline whose handful of errors per sliver moves them by about that much. A
 * histogram_quantile interpolates inside one bucket; the same sliver shifts can move it
 * within its bucket, and the relative 15% holds there too in practice. A comparison (an
 * alert's `> 0.05`) near its threshold may keep a series in one engine and drop it in the
 * other: that is accepted when the kept value is within the tolerance of the threshold
 * (with a 5% baseline error rate, the error-rate alerts sit right at theirs).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PromQLEngine } from '../../analysis/promql/engine.js';
import type { Labels, QueryValue } from '../../analysis/types.js';
import { RealClock } from '../../clock/real-clock.js';
import { Journal } from '../../journal/journal.js';
import { SeriesStore } from '../../metrics/series-store.js';
import { loadScenarios } from '../../scenario/load.js';
import type { MetricModel, Scenario } from '../../scenario/model.js';
import { removeCompiledService } from '../../service/test-support/compiled-service.js';
import { runLoad } from '../../traffic/load/load-generator.js';
import { smallScenario } from '../../trials/test-support/local-scenarios.js';
import { LocalTarget } from './local-target.js';
import { Router } from './router/router.js';
import { Scraper } from './scraper.js';
import { PACKAGE_ROOT, serviceMain, until } from './test-support/local-fixture.js';
import { PrometheusServer, type PromSample, prometheusInstalled } from './test-support/prometheus-server.js';

afterAll(() => removeCompiledService());

/** Every PromQL expression of the shipped scenarios, and each alert's left side. */
function shippedQueries(): string[] {
  const dir = join(PACKAGE_ROOT, 'scenarios');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
  const scenarios = loadScenarios(files, { cwd: PACKAGE_ROOT });
  const out = new Set<string>();
  const addMetric = (m: MetricModel) => {
    if (m.provider.kind === 'prometheus') out.add(m.provider.query.trim());
  };
  const analysesOf = (s: Scenario) =>
    s.strategies.flatMap((st) => {
      switch (st.kind) {
        case 'canary':
        case 'featureFlag':
          return [st.analysis, ...st.steps.map((x) => (x.kind === 'analysis' ? x.analysis : null))];
        case 'blueGreen':
          return [st.prePromotionAnalysis, st.postPromotionAnalysis];
        case 'shadow':
          return [st.analysis];
        default:
          return [];
      }
    });
  for (const s of scenarios) {
    for (const a of analysesOf(s)) for (const m of a?.metrics ?? []) addMetric(m);
    for (const rule of [...s.alerts, ...s.strategies.flatMap((st) => st.alerts)]) {
      const expr = rule.expr.trim();
      out.add(expr);
      const m = /^([\s\S]*?)\s*(>|<|>=|<=)\s*[\d.]+$/.exec(expr);
      if (m) out.add(m[1].trim());
    }
  }
  return [...out];
}

/** The constant a comparison query filters by (`expr > 0.05` → 0.05), or null. */
function comparisonThreshold(query: string): number | null {
  const m = /\s(>|<|>=|<=)\s*([\d.]+)$/.exec(query.trim());
  return m ? Number(m[2]) : null;
}

function key(labels: Labels): string {
  return Object.entries(labels)
    .filter(([k]) => k !== '__name__')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function labSamples(v: QueryValue): PromSample[] {
  return v.kind === 'scalar' ? [{ labels: {}, value: v.value }] : v.samples.map((s) => s);
}

function agree(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 0.15 * Math.max(Math.abs(a), Math.abs(b)) + 0.01;
}

describe.skipIf(!prometheusInstalled())('PromQL cross-check against Prometheus 2.42', () => {
  it('agrees on every query form of the shipped scenarios', async () => {
    const queries = shippedQueries();
    expect(queries.length).toBeGreaterThanOrEqual(6);
    const base = smallScenario(
      'crosscheck',
      '{type: latency, delayMs: 150, jitterMs: 50, share: 0.5, on: service}',
    );
    const scenario: Scenario = {
      ...base,
      service: {
        ...base.service,
        errorRate: 0.05,
        latency: { distribution: 'lognormal', p50Ms: 20, p99Ms: 200 },
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'rollout-lab-crosscheck-'));
    const router = await Router.start({ seed: 3, affinity: 'none' });
    const target = new LocalTarget({
      scenario,
      timeScale: 1,
      seed: 5,
      router,
      serviceMain: serviceMain(),
      dir,
    });
    let prometheus: PrometheusServer | null = null;
    let scraper: Scraper | null = null;
    const clock = new RealClock(1);
    try {
      await target.warmUp();
      target.scale('canary', 1);
      await until(() => target.status('canary').ready === 1, 'the canary ready');
      target.route({ split: { kind: 'weight', canaryWeight: 30 }, headerRoutes: [], mirrorPercent: 0 });
      const store = new SeriesStore();
      scraper = new Scraper({ clock, sink: store, intervalMs: 1000, timeScale: 1 });
      target.attach({ clock, journal: new Journal({} as never, 1), scraper });
      // Unix ms of the lab clock's 0 (both read within microseconds of each other).
      const epochUnixMs = Date.now() - clock.now();
      prometheus = await PrometheusServer.start(
        target.endpoints().map((e) => `127.0.0.1:${e.port}`),
        'service',
        1,
      );
      const firstTick = Math.ceil(clock.now() / 1000) * 1000;
      scraper.start(firstTick);

      const loadMs = 30_000;
      const loadStart = clock.now();
      await runLoad({
        target: router.url,
        traffic: { ...scenario.traffic, profile: { points: [{ tMs: 0, rps: 120 }] } },
        routes: scenario.service.routes,
        durationMs: loadMs,
        maxRequests: 10_000,
        seed: 9,
      });
      // Aligned evaluation times on the lab's ticks: two during the load, one after it.
      const times = [loadStart + 20_000, loadStart + 28_000, clock.now() + 3_000].map(
        (t) => Math.ceil(t / 1000) * 1000,
      );
      await until(() => clock.now() > times[2] + 2_000, 'the last evaluation time to pass', 30_000);

      const mismatches: string[] = [];
      const engine = new PromQLEngine(store);
      let compared = 0;
      const report: string[] = [];
      for (const query of queries) {
        for (const t of times) {
          const lab = labSamples(engine.instant(query, t));
          const prom = await prometheus.query(query, (epochUnixMs + t) / 1000);
          const labByKey = new Map(lab.map((s) => [key(s.labels), s.value]));
          const promByKey = new Map(prom.map((s) => [key(s.labels), s.value]));
          const keys = new Set([...labByKey.keys(), ...promByKey.keys()]);
          for (const k of keys) {
            const a = labByKey.get(k);
            const b = promByKey.get(k);
            compared++;
            if (process.env.CROSSCHECK_REPORT) {
              const rel =
                a !== undefined && b !== undefined
                  ? Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12)
                  : NaN;
              report.push(
                `| \`${query.replace(/\s+/g, ' ')}\` | ${((t - loadStart) / 1000) | 0} s | {${k}} | ${a?.toPrecision(4)} | ${b?.toPrecision(4)} | ${(rel * 100).toFixed(1)}% |`,
              );
            }
            // A comparison keeps a series only on one side of its threshold: where one
            // engine's value is within the tolerance of the threshold, the other may have
            // dropped it. The left side itself is compared on its own (shippedQueries).
            const threshold = comparisonThreshold(query);
            const kept = a ?? b;
            if ((a === undefined) !== (b === undefined) && threshold !== null && agree(kept!, threshold)) {
              continue;
            }
            if (a === undefined || b === undefined || !agree(a, b)) {
              mismatches.push(
                `${query.replace(/\s+/g, ' ')} @${t / 1000}s {${k}}: lab ${a} vs prometheus ${b}`,
              );
            }
          }
        }
      }
      if (process.env.CROSSCHECK_REPORT) console.log(report.join('\n'));
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(queries.length * times.length * 0.5);
    } finally {
      clock.cancelAll();
      await scraper?.stop();
      await prometheus?.stop();
      await target.shutdown();
      await router.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
