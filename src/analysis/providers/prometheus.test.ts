import { describe, expect, it } from 'vitest';
import { fakeQuery, metric, vector } from '../test-support/fakes.js';
import type { ProviderResult, QueryValue } from '../types.js';
import { createPrometheusProvider } from './prometheus.js';

function measure(answer: () => QueryValue, at = 0): { result: ProviderResult; calls: number[] } {
  const query = fakeQuery(answer);
  let result: ProviderResult | undefined;
  createPrometheusProvider(query).measure(
    metric({ provider: { kind: 'prometheus', query: 'up' } }),
    at,
    (r) => {
      result = r;
    },
  );
  if (result === undefined) throw new Error('provider did not answer');
  return { result, calls: query.calls };
}

describe('Prometheus provider (metricproviders/prometheus/prometheus.go processResponse)', () => {
  it.each([
    ['a vector becomes an array of its values', vector(0.01, 0.5), [0.01, 0.5], '[0.01,0.5]'],
    ['an empty vector becomes an empty array, not nil', vector(), [], '[]'],
    [
      'NaN and Inf pass through',
      vector(Number.NaN, Number.POSITIVE_INFINITY),
      [Number.NaN, Number.POSITIVE_INFINITY],
      '[NaN,+Inf]',
    ],
    ['a scalar becomes a number', { kind: 'scalar', value: 0.25 } as const, 0.25, '0.25'],
    ['a NaN scalar', { kind: 'scalar', value: Number.NaN } as const, Number.NaN, 'NaN'],
  ])('%s', (_rule, answer, expectedValue, display) => {
    expect(measure(() => answer).result).toEqual({ ok: true, value: expectedValue, display });
  });

  // prometheus.go records SampleValue.String(): strconv.FormatFloat(f, 'f', -1, 64).
  it.each([
    [0, '0'],
    [-0, '-0'],
    [0.012345, '0.012345'],
    [1e-7, '0.0000001'],
    [1e21, '1000000000000000000000'],
    [-2.5e-7, '-0.00000025'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
  ])('records the scalar %d as %s', (f, display) => {
    const { result } = measure(() => ({ kind: 'scalar', value: f }));
    expect(result.ok && result.display).toBe(display);
  });

  it('queries at the measurement time', () => {
    expect(measure(() => vector(1), 123_000).calls).toEqual([123_000]);
  });

  it('a query error is a result with ok: false, never an exception', () => {
    const { result } = measure(() => {
      throw new Error('parse error at char 5: unexpected <EOF>');
    });
    expect(result).toEqual({ ok: false, error: 'parse error at char 5: unexpected <EOF>' });
  });

  it('refuses a metric of another kind with an error result', () => {
    let result: ProviderResult | undefined;
    const judge = metric({ provider: { kind: 'judge', judge: {} as never } });
    createPrometheusProvider(fakeQuery(() => vector(1))).measure(judge, 0, (r) => {
      result = r;
    });
    expect(result).toEqual({ ok: false, error: 'the prometheus provider cannot measure a judge metric' });
  });
});
