import { beforeAll, describe, expect, it } from 'vitest';
import { BUCKET_LABELS } from '../targets/sim/latency.js';
import { METRIC_NAMES } from '../targets/sim/recorder.js';
import { type Family, parsePrometheusText } from './test-support/prom-text.js';
import { request, type ServiceProcess, useServiceFixture } from './test-support/service-process.js';

describe('parsePrometheusText', () => {
  it('reads escapes, special values and timestamps, and refuses garbage', () => {
    const families = parsePrometheusText(
      [
        '# HELP x_total A help\\nline.',
        '# TYPE x_total counter',
        'x_total{a="q\\"uo\\\\te",b="line\\nbreak"} 3 1700000000000',
        'y Nan',
        'z{} +Inf',
      ].join('\n'),
    );
    expect(families.get('x_total')).toMatchObject({
      type: 'counter',
      help: 'A help\nline.',
      samples: [{ labels: { a: 'q"uo\\te', b: 'line\nbreak' }, value: 3, timestampMs: 1_700_000_000_000 }],
    });
    expect(families.get('y')?.samples[0].value).toBeNaN();
    expect(families.get('z')?.samples[0].value).toBe(Number.POSITIVE_INFINITY);
    expect(() => parsePrometheusText('x{a="1"')).toThrow(/line 1/);
    expect(() => parsePrometheusText('x one')).toThrow(/bad value/);
  });
});

describe('/metrics of a real replica', () => {
  const fx = useServiceFixture('all');
  let service: ServiceProcess;
  let families: Map<string, Family>;

  beforeAll(async () => {
    service = await fx.start({
      version: 'canary',
      release: 'v2',
      pod: 'canary-7',
      db: fx.dbPath(),
      'pool-size': 3,
    });
    await service.readyLine;
    await request(service.port, 'GET', '/orders/1');
    await request(service.port, 'GET', '/orders/2');
    await request(service.port, 'POST', '/login', { headers: { cookie: 'rl_session=unknown' } });
    await request(service.port, 'GET', '/healthz');
    await request(service.port, 'GET', '/ready');
    await request(service.port, 'GET', '/version');
    await request(service.port, 'GET', '/metrics');
    const res = await request(service.port, 'GET', '/metrics');
    expect(res.headers['content-type']).toContain('text/plain');
    families = parsePrometheusText(res.text);
  });

  it('counts business requests by version, pod, route and status code', () => {
    const requests = families.get(METRIC_NAMES.requests)!;
    expect(requests.type).toBe('counter');
    expect(requests.samples).toEqual([
      {
        name: METRIC_NAMES.requests,
        labels: { version: 'canary', pod: 'canary-7', route: 'get-order', status_code: '200' },
        value: 2,
      },
      {
        name: METRIC_NAMES.requests,
        labels: { version: 'canary', pod: 'canary-7', route: 'login', status_code: '401' },
        value: 1,
      },
    ]);
  });

  it('has the duration histogram with the simulator’s buckets', () => {
    const histogram = families.get('http_request_duration_seconds')!;
    expect(histogram.type).toBe('histogram');
    const labels = { version: 'canary', pod: 'canary-7', route: 'get-order', status_code: '200' };
    const buckets = histogram.samples.filter(
      (s) => s.name === METRIC_NAMES.bucket && s.labels.route === 'get-order',
    );
    expect(buckets.map((s) => s.labels.le)).toEqual(BUCKET_LABELS);
    expect(buckets.every((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))).toBe(true);
    expect(buckets.at(-1)?.value).toBe(2);
    const count = histogram.samples.find(
      (s) => s.name === METRIC_NAMES.count && s.labels.route === 'get-order',
    );
    const sum = histogram.samples.find((s) => s.name === METRIC_NAMES.sum && s.labels.route === 'get-order');
    expect(count?.value).toBe(2);
    expect(sum?.value).toBeGreaterThan(0);
  });

  it('does not count probes, scrapes or /version as business requests', () => {
    const routes = new Set(families.get(METRIC_NAMES.requests)!.samples.map((s) => s.labels.route));
    expect([...routes].sort()).toEqual(['get-order', 'login']);
  });

  it('exposes the pool gauges and the timeout counter, labelled by version and pod', () => {
    const own = { version: 'canary', pod: 'canary-7' };
    expect(families.get(METRIC_NAMES.poolInUse)).toMatchObject({
      type: 'gauge',
      samples: [{ labels: own, value: 0 }],
    });
    expect(families.get(METRIC_NAMES.poolMax)).toMatchObject({
      type: 'gauge',
      samples: [{ labels: own, value: 3 }],
    });
    expect(families.get(METRIC_NAMES.poolTimeouts)).toMatchObject({
      type: 'counter',
      samples: [{ labels: own, value: 0 }],
    });
  });

  it('exposes prom-client’s process metrics', () => {
    expect(families.get('process_cpu_user_seconds_total')?.type).toBe('counter');
    expect(families.get('process_resident_memory_bytes')?.samples[0].value).toBeGreaterThan(0);
    expect(families.get('nodejs_eventloop_lag_seconds')?.type).toBe('gauge');
  });
});
