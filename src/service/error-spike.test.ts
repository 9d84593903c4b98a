import { describe, expect, it } from 'vitest';
import { request, useServiceFixture } from './test-support/service-process.js';

const fx = useServiceFixture();

/**
 * Status codes of n requests, sent `concurrency` at a time (the draws are seeded, so a
 * run is repeatable up to the order in which concurrent requests reach the replica).
 */
async function statuses(
  port: number,
  n: number,
  path: string,
  headers: Record<string, string> = {},
  concurrency = 20,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, n - i) }, () =>
      request(port, 'POST', path, { headers }),
    );
    out.push(...(await Promise.all(batch)).map((r) => r.status));
  }
  return out;
}

/**
 * Whether k failures in n requests fit a failure probability p: within 4.5 standard
 * deviations of the binomial mean (a false alarm about once in 150,000 runs).
 */
function fitsBinomial(k: number, n: number, p: number): boolean {
  return Math.abs(k - n * p) <= 4.5 * Math.sqrt(n * p * (1 - p));
}

const count = (xs: readonly number[], x: number) => xs.filter((y) => y === x).length;

describe('error faults on real replicas', () => {
  it('an error spike fails v2 requests at its rate, with its status code', async () => {
    const v2 = await fx.start({
      version: 'canary',
      release: 'v2',
      db: fx.dbPath(),
      seed: 11,
      fault: { type: 'errorSpike', errorRate: 0.2, statusCode: 502, cohort: 'all' },
    });
    const got = await statuses(v2.port, 400, '/login');
    expect(count(got, 502) + count(got, 200)).toBe(400);
    expect(fitsBinomial(count(got, 502), 400, 0.2)).toBe(true);
  });

  it('the sessions cohort fails only requests of logged-in users', async () => {
    const v2 = await fx.start({
      version: 'canary',
      release: 'v2',
      db: fx.dbPath(),
      fault: { type: 'errorSpike', errorRate: 0.5, statusCode: 503, cohort: 'sessions' },
    });
    // Without a session cookie no request is in the cohort.
    expect(new Set(await statuses(v2.port, 100, '/login'))).toEqual(new Set([200]));
    const cookie = String((await request(v2.port, 'POST', '/login')).headers['set-cookie']).split(';')[0];
    const loggedIn = await statuses(v2.port, 200, '/login', { cookie });
    expect(fitsBinomial(count(loggedIn, 503), 200, 0.5)).toBe(true);
  });

  it('the baseline error rate fails every release with 500', async () => {
    const v1 = await fx.start({ version: 'stable', release: 'v1', db: fx.dbPath(), 'error-rate': 0.1 });
    const got = await statuses(v1.port, 400, '/login');
    expect(count(got, 500) + count(got, 200)).toBe(400);
    expect(fitsBinomial(count(got, 500), 400, 0.1)).toBe(true);
  });

  it('draws the same statuses for the same seed', async () => {
    const flags = {
      release: 'v2',
      fault: { type: 'errorSpike', errorRate: 0.3, statusCode: 500, cohort: 'all' },
    };
    const [a, b] = await Promise.all([
      fx.start({ ...flags, version: 'canary', db: fx.dbPath(), seed: 5 }),
      fx.start({ ...flags, version: 'canary', db: fx.dbPath(), seed: 5 }),
    ]);
    const sequential = (port: number) => statuses(port, 60, '/login', {}, 1);
    expect(await sequential(a.port)).toEqual(await sequential(b.port));
  });

  it('the latency fault delays v2 in the service, but not when it is on the network', async () => {
    const latency = { type: 'latency', delayMs: 400, jitterMs: 0, share: 1 };
    const [inService, onNetwork] = await Promise.all([
      fx.start({ version: 'canary', release: 'v2', db: fx.dbPath(), fault: { ...latency, on: 'service' } }),
      fx.start({ version: 'canary', release: 'v2', db: fx.dbPath(), fault: { ...latency, on: 'network' } }),
    ]);
    /** Server-side seconds of one get-order request, from the replica's histogram. */
    const serverSeconds = async (port: number) => {
      const started = performance.now();
      expect((await request(port, 'GET', '/orders/1')).status).toBe(200);
      const clientMs = performance.now() - started;
      const metrics = (await request(port, 'GET', '/metrics')).text;
      const sum = /http_request_duration_seconds_sum\{[^}]*route="get-order"[^}]*\} (\S+)/.exec(metrics)?.[1];
      return { clientMs, serverS: Number(sum) };
    };
    const delayed = await serverSeconds(inService.port);
    expect(delayed.clientMs).toBeGreaterThanOrEqual(400);
    expect(delayed.serverS).toBeGreaterThanOrEqual(0.4);
    expect((await serverSeconds(onNetwork.port)).serverS).toBeLessThan(0.4);
  });
});
