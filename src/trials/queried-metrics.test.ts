/**
 * Recording only the series the scenario's queries can select changes no answer: the same
 * trial, with every series recorded and with the filter, gives the same journal — every
 * measurement value, alert state and detection — while the filter records fewer series.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.js';
import { queriedMetricNames, queriedSeriesFilter } from './queried-metrics.js';
import { runSimTrial } from './sim-trial.js';

const dir = new URL('../../scenarios/', import.meta.url).pathname;

describe('recording only the queried series', () => {
  it.each([
    ['latency-injection.yaml', 'canary'],
    ['connection-leak.yaml', 'rolling'],
    ['schema-mismatch-api.yaml', 'shadow'],
  ])('gives the same journal on %s with %s', (file, strategyName) => {
    const scenario = loadScenario(join(dir, file));
    const strategy = scenario.strategies.find((s) => s.name === strategyName)!;
    let allSeries = 0;
    let someSeries = 0;
    const full = runSimTrial({
      scenario,
      strategy,
      trial: 3,
      recordAllSeries: true,
      inspect: (_w, store) => {
        allSeries = store.size;
      },
    });
    const filtered = runSimTrial({
      scenario,
      strategy,
      trial: 3,
      inspect: (_w, store) => {
        someSeries = store.size;
      },
    });
    expect(
      filtered.events.filter((e) => e.type === 'measurement' || e.type === 'alert').length,
    ).toBeGreaterThan(0);
    expect(filtered.events).toEqual(full.events);
    expect(someSeries).toBeLessThan(allSeries);
  });

  it('records the same series, in the same order, when label sets come from earlier trials', () => {
    // The scenario's label cache is filled by earlier trials (other pods, other series);
    // a freshly loaded scenario has an empty one.
    const dump = (file: string, warm: boolean) => {
      const scenario = loadScenario(join(dir, file));
      const strategy = scenario.strategies.find((s) => s.name === 'canary')!;
      if (warm) for (const trial of [1, 2]) runSimTrial({ scenario, strategy, trial });
      const series: string[] = [];
      runSimTrial({
        scenario,
        strategy,
        trial: 5,
        inspect: (_w, store) => {
          for (const s of store.inCreationOrder()) {
            series.push(`${s.labelSet.key} ${Array.from(s.v.subarray(0, s.length)).join(',')}`);
          }
        },
      });
      return series;
    };
    for (const file of ['latency-injection.yaml', 'connection-leak.yaml']) {
      const cold = dump(file, false);
      expect(cold.length).toBeGreaterThan(10);
      expect(dump(file, true)).toEqual(cold);
    }
  });

  it('knows which metrics and series the queries select', () => {
    const scenario = loadScenario(join(dir, 'latency-injection.yaml'));
    expect([...(queriedMetricNames(scenario) ?? [])].sort()).toEqual([
      'http_request_duration_seconds_bucket',
      'http_requests_total',
    ]);
    const wanted = queriedSeriesFilter(scenario)!;
    const bucket = { __name__: 'http_request_duration_seconds_bucket', version: 'stable', le: '0.1' };
    // The alert's p99 selects every version's buckets; nothing selects _sum.
    expect(wanted.matches(bucket)).toBe(true);
    expect(wanted.matches({ ...bucket, __name__: 'http_request_duration_seconds_sum' })).toBe(false);
    expect(wanted.matches({ __name__: 'db_pool_connections_in_use', pod: 'x' })).toBe(false);
    // Labels not given may match; given ones can rule a series out.
    expect(wanted.couldMatch({ __name__: 'http_request_duration_seconds_bucket', version: 'stable' })).toBe(
      true,
    );
    expect(wanted.couldMatch({ __name__: 'http_request_duration_seconds_sum' })).toBe(false);
  });

  it('tells when no histogram series of a version is recorded (the canary-only p99 of the benchmark)', () => {
    const scenario = loadScenario(join(dir, '..', 'bench', 'scenarios', 'canary-30m.yaml'));
    const wanted = queriedSeriesFilter(scenario)!;
    const bucket = { __name__: 'http_request_duration_seconds_bucket' };
    expect(wanted.couldMatch({ ...bucket, version: 'canary' })).toBe(true);
    expect(wanted.couldMatch({ ...bucket, version: 'stable' })).toBe(false);
    expect(wanted.couldMatch({ __name__: 'http_requests_total', version: 'stable' })).toBe(true);
  });
});
