import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from './test-support/prom-text.js';
import { request, useServiceFixture } from './test-support/service-process.js';

const fx = useServiceFixture();

async function gauge(port: number, name: string): Promise<number | undefined> {
  const families = parsePrometheusText((await request(port, 'GET', '/metrics')).text);
  return families.get(name)?.samples[0]?.value;
}

async function timed(port: number, path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await request(port, 'GET', path);
  return { status: res.status, ms: performance.now() - started };
}

describe('the connection pool of a real replica', () => {
  it('queues a request while every connection is busy', async () => {
    // One connection held ~500 ms a request (p99 within 1%): the later of two requests
    // sent together waits for the earlier one, so it takes two service times.
    const service = await fx.start({
      version: 'stable',
      release: 'v1',
      db: fx.dbPath(),
      'pool-size': 1,
      'p50-ms': 500,
      'p99-ms': 505,
    });
    const results = await Promise.all([timed(service.port, '/orders/1'), timed(service.port, '/orders/2')]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(Math.max(...results.map((r) => r.ms))).toBeGreaterThanOrEqual(2 * 485);
  });

  it('drains under a connection leak: requests queue, then time out with 503', async () => {
    const service = await fx.start({
      version: 'canary',
      release: 'v2',
      db: fx.dbPath(),
      'pool-size': 2,
      'acquire-timeout-ms': 150,
      fault: { type: 'connectionLeak', leakPerRequest: 1 },
    });
    const { port } = service;
    expect((await request(port, 'GET', '/orders/1')).status).toBe(200);
    expect((await request(port, 'POST', '/orders')).status).toBe(200);
    expect(await gauge(port, 'db_pool_connections_in_use')).toBe(2);

    const starved = await Promise.all([
      timed(port, '/orders/3'),
      timed(port, '/orders/4'),
      timed(port, '/orders/5'),
    ]);
    expect(starved.map((r) => r.status)).toEqual([503, 503, 503]);
    for (const r of starved) expect(r.ms).toBeGreaterThanOrEqual(140);
    // A route without the database is still served.
    expect((await request(port, 'POST', '/login')).status).toBe(200);

    const families = parsePrometheusText((await request(port, 'GET', '/metrics')).text);
    expect(families.get('db_pool_acquire_timeouts_total')?.samples[0].value).toBe(3);
    expect(families.get('db_pool_connections_in_use')?.samples[0].value).toBe(2);
    const timeouts = families
      .get('http_requests_total')
      ?.samples.find((s) => s.labels.route === 'get-order' && s.labels.status_code === '503');
    expect(timeouts?.value).toBe(3);
  });

  it('does not leak on the v1 release with the same fault', async () => {
    const service = await fx.start({
      version: 'stable',
      release: 'v1',
      db: fx.dbPath(),
      'pool-size': 1,
      'acquire-timeout-ms': 150,
      fault: { type: 'connectionLeak', leakPerRequest: 1 },
    });
    for (let i = 1; i <= 3; i++)
      expect((await request(service.port, 'GET', `/orders/${i}`)).status).toBe(200);
    expect(await gauge(service.port, 'db_pool_connections_in_use')).toBe(0);
  });
});
