import { readFileSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PrometheusTextError, parsePrometheusText, parseSampleValue } from './prometheus-text.js';

describe('parseSampleValue', () => {
  it('reads decimals, NaN and infinities in any case, as Go ParseFloat does', () => {
    expect(parseSampleValue('1')).toBe(1);
    expect(parseSampleValue('-1.5e-3')).toBe(-0.0015);
    expect(parseSampleValue('.5')).toBe(0.5);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('Nan')).toBeNaN();
    expect(parseSampleValue('nan')).toBeNaN();
    expect(parseSampleValue('+Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseSampleValue('+inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseSampleValue('Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseSampleValue('-Inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseSampleValue('-infinity')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('refuses what is not a number', () => {
    expect(() => parseSampleValue('one')).toThrow(/not a number/);
    expect(() => parseSampleValue('')).toThrow(/not a number/);
    expect(() => parseSampleValue('1,5')).toThrow(/not a number/);
  });
});

describe('parsePrometheusText', () => {
  it('reads HELP, TYPE, labels with escapes, a trailing comma and timestamps', () => {
    const page = [
      '# HELP http_requests_total Requests, with a \\\\ and a\\nnewline.',
      '# TYPE http_requests_total counter',
      '# just a comment',
      'http_requests_total{method="post",code="200",path="C:\\\\dir \\"q\\"\\nx",} 1027 1395066363000',
      'http_requests_total{ method = "get" , code="400" } 3',
      '',
      'untyped_metric 1.5e3',
      'empty_braces{} -Inf',
    ].join('\n');
    const parsed = parsePrometheusText(page);
    expect(parsed.families.get('http_requests_total')).toEqual({
      type: 'counter',
      help: 'Requests, with a \\ and a\nnewline.',
    });
    expect(parsed.samples).toEqual([
      {
        name: 'http_requests_total',
        labels: { method: 'post', code: '200', path: 'C:\\dir "q"\nx' },
        value: 1027,
        timestampMs: 1395066363000,
      },
      { name: 'http_requests_total', labels: { method: 'get', code: '400' }, value: 3 },
      { name: 'untyped_metric', labels: {}, value: 1500 },
      { name: 'empty_braces', labels: {}, value: Number.NEGATIVE_INFINITY },
    ]);
  });

  it('names the line of a malformed sample', () => {
    const bad = ['# TYPE a counter', 'a 1', 'a{x="1} 2'].join('\n');
    expect(() => parsePrometheusText(bad)).toThrow(PrometheusTextError);
    expect(() => parsePrometheusText(bad)).toThrow(/^line 3: unterminated value of label x/);
    expect(() => parsePrometheusText('a{x="1",x="2"} 1')).toThrow(/label x given twice/);
    expect(() => parsePrometheusText('a 1 2 3')).toThrow(/unexpected text/);
    expect(() => parsePrometheusText('a{x="\\t"} 1')).toThrow(/bad escape/);
    expect(() => parsePrometheusText('# TYPE a gauges')).toThrow(/unknown metric type/);
    expect(() => parsePrometheusText('a')).toThrow(/has no value/);
  });

  it("reads prom-client's output: labelled histograms, summaries with Nan, escaped values", async () => {
    const registry = new Registry();
    const registers = [registry];
    const labelNames = ['version', 'route', 'status_code'] as const;
    const counter = new Counter({ name: 'http_requests_total', help: 'Requests.', labelNames, registers });
    const histogram = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Duration.',
      labelNames,
      buckets: [0.1, 1],
      registers,
    });
    new Summary({ name: 'empty_summary', help: 'Never observed.', percentiles: [0.5], registers });
    new Gauge({ name: 'not_a_number', help: 'NaN.', registers }).set(Number.NaN);
    const gauge = new Gauge({
      name: 'weird',
      help: 'Quote " and backslash \\',
      labelNames: ['v'],
      registers,
    });
    counter.inc({ version: 'canary', route: 'get-order', status_code: '503' }, 2);
    histogram.observe({ version: 'canary', route: 'get-order', status_code: '200' }, 0.5);
    histogram.observe({ version: 'stable', route: 'login', status_code: '200' }, 0.05);
    gauge.set({ v: 'a "b" \\ c\nd' }, Number.NaN);
    const parsed = parsePrometheusText(await registry.metrics());

    const of = (name: string) => parsed.samples.filter((s) => s.name === name);
    expect(of('http_requests_total')).toEqual([
      {
        name: 'http_requests_total',
        labels: { version: 'canary', route: 'get-order', status_code: '503' },
        value: 2,
      },
    ]);
    const buckets = of('http_request_duration_seconds_bucket');
    expect(buckets.map((s) => [s.labels.version, s.labels.le, s.value])).toEqual([
      ['canary', '0.1', 0],
      ['canary', '1', 1],
      ['canary', '+Inf', 1],
      ['stable', '0.1', 1],
      ['stable', '1', 1],
      ['stable', '+Inf', 1],
    ]);
    // Every label of a labelled histogram survives, on every bucket.
    expect(buckets[0].labels).toEqual({
      version: 'canary',
      route: 'get-order',
      status_code: '200',
      le: '0.1',
    });
    expect(of('http_request_duration_seconds_count').map((s) => s.value)).toEqual([1, 1]);
    expect(of('empty_summary')[0].value).toBe(0);
    expect(of('not_a_number')[0].value).toBeNaN(); // prom-client writes "Nan"
    expect(of('weird')[0].labels.v).toBe('a "b" \\ c\nd');
    expect(of('weird')[0].value).toBeNaN();
    expect(parsed.families.get('http_request_duration_seconds')?.type).toBe('histogram');
    expect(parsed.families.get('weird')?.help).toBe('Quote " and backslash \\');
  });

  it('reads a real Prometheus 2.42 /metrics page (summaries with NaN, histograms, HELP with escapes)', () => {
    const text = readFileSync(new URL('./test-support/prometheus-2.42-metrics.txt', import.meta.url), 'utf8');
    const parsed = parsePrometheusText(text);
    const sampleLines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
    expect(parsed.samples).toHaveLength(sampleLines);
    expect(parsed.families.get('go_gc_duration_seconds')?.type).toBe('summary');
    const nan = parsed.samples.find(
      (s) => s.name === 'prometheus_engine_query_duration_seconds' && s.labels.quantile === '0.99',
    );
    expect(nan?.value).toBeNaN();
    const inf = parsed.samples.filter((s) => s.labels.le === '+Inf');
    expect(inf.length).toBeGreaterThan(0);
    for (const s of parsed.samples) expect(typeof s.value).toBe('number');
  });
});
