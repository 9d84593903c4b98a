/**
 * Reference values from a real Prometheus: fixtures/promql/reference.test.yml is a
 * `promtool test rules` file whose expected samples were all accepted by promtool 2.42
 * (Debian bookworm's prometheus 2.42.0+ds-5+deb12u1; promtool compares float64 values
 * exactly). This test loads the same input series into the lab's store and expects the
 * same samples from the engine, bit for bit.
 *
 * To re-check against Prometheus: `promtool test rules fixtures/promql/reference.test.yml`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SeriesStore } from '../../metrics/series-store.js';
import { PromQLEngine } from './engine.js';
import { parseDuration } from './literals.js';
import { loadSeries, parseSeriesSelector } from './testing/series-notation.js';

interface Fixture {
  tests: {
    interval: string;
    input_series: { series: string; values: string }[];
    promql_expr_test: { expr: string; eval_time: string; exp_samples: { labels: string; value: number }[] }[];
  }[];
}

const fixture = parse(
  readFileSync(new URL('../../../fixtures/promql/reference.test.yml', import.meta.url), 'utf8'),
) as Fixture;

const key = (labels: Readonly<Record<string, string>>) =>
  JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );

describe('engine against promtool 2.42 reference values', () => {
  for (const group of fixture.tests) {
    const store = new SeriesStore();
    for (const s of group.input_series) loadSeries(store, s.series, s.values, parseDuration(group.interval)!);
    const engine = new PromQLEngine(store);
    for (const t of group.promql_expr_test) {
      it(`${t.expr} @ ${t.eval_time}`, () => {
        const result = engine.instant(t.expr, parseDuration(t.eval_time)!);
        const got =
          result.kind === 'scalar'
            ? [{ labels: {}, value: result.value }]
            : result.samples.map((s) => ({ labels: s.labels, value: s.value }));
        const want = t.exp_samples.map((s) => ({ labels: parseSeriesSelector(s.labels), value: s.value }));
        const byKey = (
          a: { labels: Readonly<Record<string, string>> },
          b: { labels: Readonly<Record<string, string>> },
        ) => (key(a.labels) < key(b.labels) ? -1 : 1);
        expect(got.sort(byKey)).toEqual(want.sort(byKey));
      });
    }
  }
});
