/**
 * Argo's Prometheus metric provider (metricproviders/prometheus/prometheus.go) over the
 * lab's instant-query engine. What a condition sees as `result`:
 * - an instant vector becomes an array of its sample values, in the engine's order — an
 *   empty vector is an empty array (not nil), so `result[0]` on it is an evaluation error
 *   and `len(result) == 0` is how to test for "no data";
 * - a scalar becomes a number;
 * - NaN and ±Inf pass through unchanged (conditions decide, e.g. `isNaN(result[0])`).
 * The recorded value is formatted as Argo does (Go's FormatFloat 'f', -1, as Prometheus'
 * SampleValue.String()): `[0.01,NaN]` for a vector, `0.5` for a scalar, `+Inf`, never an
 * exponent. A query that fails (bad PromQL, evaluation error) is a result with `ok: false`,
 * which the AnalysisRun records as a measurement in phase Error; nothing is thrown.
 */
import type { MetricModel, Millis } from '../../scenario/model.js';
import { formatGoFloat } from '../promql/literals.js';
import type { InstantQuery, MetricProvider, ProviderResult, QueryValue } from '../types.js';

function toResult(value: QueryValue): ProviderResult {
  if (value.kind === 'scalar') return { ok: true, value: value.value, display: formatGoFloat(value.value) };
  const values = value.samples.map((s) => s.value);
  return { ok: true, value: values, display: `[${values.map(formatGoFloat).join(',')}]` };
}

/** A MetricProvider for `provider.kind: prometheus` metrics; queries run at the measurement's time. */
export function createPrometheusProvider(query: InstantQuery): MetricProvider {
  return {
    measure(metric: MetricModel, at: Millis, done: (result: ProviderResult) => void): void {
      if (metric.provider.kind !== 'prometheus') {
        done({ ok: false, error: `the prometheus provider cannot measure a ${metric.provider.kind} metric` });
        return;
      }
      let result: ProviderResult;
      try {
        result = toResult(query.instant(metric.provider.query, at));
      } catch (e) {
        result = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      done(result);
    },
  };
}
