import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { request, toArgs, useServiceFixture, waitFor, withDeadline } from './test-support/service-process.js';

const fx = useServiceFixture();

async function inUse(port: number): Promise<number> {
  const metrics = (await request(port, 'GET', '/metrics')).text;
  return Number(/^db_pool_connections_in_use\{[^}]*\} (\S+)$/m.exec(metrics)?.[1]);
}

const refused = (port: number) =>
  request(port, 'GET', '/healthz').then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
  );

describe('readiness', () => {
  it('is false during the warm-up (startup, or v2’s slowWarmUp) and true after it', async () => {
    // Long warm-ups, for the 503 to be certain however slowly the processes boot; and a
    // short one, watched from before spawn to its ready line.
    const long = 120_000;
    const short = 1500;
    const spawnedAt = performance.now();
    const [byStartup, bySlowWarmUp, v1WithTheFault, soon] = await Promise.all([
      fx.start({ version: 'stable', release: 'v1', db: fx.dbPath(), 'startup-ms': long }),
      fx.start({
        version: 'canary',
        release: 'v2',
        db: fx.dbPath(),
        fault: { type: 'slowWarmUp', warmUpMs: long },
      }),
      fx.start({
        version: 'stable',
        release: 'v1',
        db: fx.dbPath(),
        fault: { type: 'slowWarmUp', warmUpMs: long },
      }),
      fx.start({ version: 'stable', release: 'v1', db: fx.dbPath(), 'startup-ms': short }),
    ]);
    for (const service of [byStartup, bySlowWarmUp]) {
      const early = await request(service.port, 'GET', '/ready');
      expect([early.status, early.json()]).toEqual([503, { ready: false, reason: 'warming up' }]);
      // Alive and serving meanwhile: only the router keeps traffic away.
      expect((await request(service.port, 'GET', '/healthz')).status).toBe(200);
      expect((await request(service.port, 'GET', '/orders/1')).status).toBe(200);
    }
    // slowWarmUp is v2's: a v1 replica with the same fault is ready at once.
    await withDeadline(v1WithTheFault.readyLine, 'v1 ready');
    await withDeadline(soon.readyLine, 'the ready line');
    expect(performance.now() - spawnedAt).toBeGreaterThanOrEqual(short);
    expect((await request(soon.port, 'GET', '/ready')).json()).toEqual({ ready: true });
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM stops accepting connections, finishes the request in flight, and exits 0', async () => {
    const service = await fx.start({
      version: 'stable',
      release: 'v1',
      db: fx.dbPath(),
      'p50-ms': 1500,
      'p99-ms': 1600,
      'termination-grace-ms': 10_000,
    });
    let answered = false;
    const inFlight = request(service.port, 'GET', '/orders/1').finally(() => {
      answered = true;
    });
    await waitFor(async () => (await inUse(service.port)) === 1, 'the request to hold a connection');
    expect(answered).toBe(false);
    service.child.kill('SIGTERM');
    await waitFor(() => refused(service.port), 'the listener to close');
    expect((await inFlight).status).toBe(200);
    expect(await withDeadline(service.exited, 'exit')).toEqual({ code: 0, signal: null });
    expect(service.stderr()).toContain('SIGTERM: draining');
  });

  it('cuts what is still in flight when the grace period is over', async () => {
    const service = await fx.start({
      version: 'stable',
      release: 'v1',
      db: fx.dbPath(),
      'p50-ms': 20_000,
      'p99-ms': 21_000,
      'termination-grace-ms': 200,
    });
    const inFlight = request(service.port, 'GET', '/orders/1').then(
      (r) => r.status,
      (error: NodeJS.ErrnoException) => error.code,
    );
    await waitFor(async () => (await inUse(service.port)) === 1, 'the request to hold a connection');
    service.child.kill('SIGTERM');
    expect(await withDeadline(service.exited, 'exit', 10_000)).toEqual({ code: 0, signal: null });
    expect(await inFlight).toBe('ECONNRESET');
    expect(service.stderr()).toContain('1 request(s) cut');
  });

  it('exits when its parent’s stdin pipe closes', async () => {
    const service = await fx.start({ version: 'stable', release: 'v1', db: fx.dbPath() });
    service.child.stdin!.end();
    expect(await withDeadline(service.exited, 'exit')).toEqual({ code: 0, signal: null });
    expect(service.stderr()).toContain('stdin closed');
  });
});

describe('starting', () => {
  /** Run to exit; return its code, stdout lines and stderr. */
  async function runToExit(flags: Record<string, unknown>) {
    const run = fx.run(toArgs({ 'p50-ms': 2, 'p99-ms': 5, ...(flags as Record<string, string>) }));
    const lines: string[] = [];
    createInterface({ input: run.child.stdout! }).on('line', (line) => lines.push(line));
    const exit = await withDeadline(run.exited, 'exit');
    return { code: exit.code, lines, stderr: run.stderr() };
  }

  it('crashOnStart: v2 exits non-zero before it is ever ready', async () => {
    const out = await runToExit({
      version: 'canary',
      release: 'v2',
      db: fx.dbPath(),
      'startup-ms': 500,
      fault: { type: 'crashOnStart', probability: 1 },
    });
    expect(out.code).toBe(70);
    expect(out.lines.map((l) => JSON.parse(l).ready)).toEqual([false]);
    expect(out.stderr).toContain('crashOnStart');
  });

  it('crashOnStart: v1 with the fault, and v2 at probability 0, start normally', async () => {
    const [v1, v2] = await Promise.all([
      fx.start({
        version: 'stable',
        release: 'v1',
        db: fx.dbPath(),
        fault: { type: 'crashOnStart', probability: 1 },
      }),
      fx.start({
        version: 'canary',
        release: 'v2',
        db: fx.dbPath(),
        fault: { type: 'crashOnStart', probability: 0 },
      }),
    ]);
    await withDeadline(Promise.all([v1.readyLine, v2.readyLine]), 'ready');
  });

  it('refuses a non-loopback host, and bad flags, with exit code 2 and without listening', async () => {
    const host = await runToExit({ version: 'stable', release: 'v1', db: fx.dbPath(), host: '0.0.0.0' });
    expect(host.code).toBe(2);
    expect(host.lines).toEqual([]);
    expect(host.stderr).toContain('--host 0.0.0.0 refused: the service binds loopback only');
    const bad = await runToExit({ version: 'stable', release: 'v1', db: fx.dbPath(), 'pool-size': 'many' });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--pool-size many')]);
  });
});
