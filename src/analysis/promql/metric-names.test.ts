import { describe, expect, it } from 'vitest';
import { PromQLError } from './errors.js';
import { metricNamesOf, selectsUnnamedMetrics } from './metric-names.js';

describe('metricNamesOf', () => {
  it('lists the metrics an expression selects, sorted and unique', () => {
    expect(
      metricNamesOf(
        'sum(rate(http_requests_total{version="canary",status_code=~"5.."}[2m])) / sum(rate(http_requests_total{version="canary"}[2m]))',
      ),
    ).toEqual(['http_requests_total']);
    expect(
      metricNamesOf(
        'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket[2m])) by (le)) > up',
      ),
    ).toEqual(['http_request_duration_seconds_bucket', 'up']);
    expect(metricNamesOf('max_over_time(rate({__name__="a_total"}[1m])[5m:]) and on() b offset 1m')).toEqual([
      'a_total',
      'b',
    ]);
    expect(metricNamesOf('1 + time()')).toEqual([]);
  });

  it('leaves out selectors without a fixed name, which selectsUnnamedMetrics reports', () => {
    expect(metricNamesOf('{__name__=~"http_.*"} or up')).toEqual(['up']);
    expect(selectsUnnamedMetrics('{__name__=~"http_.*"} or up')).toBe(true);
    expect(selectsUnnamedMetrics('rate(up[1m])')).toBe(false);
  });

  it('throws a PromQLError for an invalid expression', () => {
    expect(() => metricNamesOf('rate(')).toThrow(PromQLError);
  });
});
