import { describe, expect, it } from 'vitest';
import { AcquireTimeoutError, ConnectionPool, PoolClosedError } from './pool.js';

function pool(size: number, acquireTimeoutMs = 10_000) {
  let opened = 0;
  const closed: number[] = [];
  const p = new ConnectionPool<number>({
    size,
    acquireTimeoutMs,
    open: () => ++opened,
    close: (c) => closed.push(c),
  });
  return { p, closed };
}

describe('ConnectionPool', () => {
  it('lends each connection once and takes it back', async () => {
    const { p } = pool(2);
    const a = await p.acquire();
    const b = await p.acquire();
    expect(a.connection).not.toBe(b.connection);
    expect(p.inUse).toBe(2);
    a.release();
    a.release(); // a second release is ignored
    expect(p.inUse).toBe(1);
    const c = await p.acquire();
    expect(c.connection).toBe(a.connection);
  });

  it('serves waiters in FIFO order', async () => {
    const { p } = pool(1);
    const first = await p.acquire();
    const order: string[] = [];
    const waiters = ['w1', 'w2', 'w3'].map((name) =>
      p.acquire().then((lease) => {
        order.push(name);
        lease.release();
      }),
    );
    expect(p.waiting).toBe(3);
    first.release();
    await Promise.all(waiters);
    expect(order).toEqual(['w1', 'w2', 'w3']);
    expect(p.inUse).toBe(0);
  });

  it('times a waiter out and counts it', async () => {
    const { p } = pool(1, 30);
    const held = await p.acquire();
    const started = performance.now();
    await expect(p.acquire()).rejects.toBeInstanceOf(AcquireTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(p.acquireTimeouts).toBe(1);
    expect(p.waiting).toBe(0);
    // The connection freed after the timeout goes back to the pool, not to the timed-out waiter.
    held.release();
    expect(p.inUse).toBe(0);
  });

  it('shrinks for good when a lease leaks, until every request times out', async () => {
    const { p } = pool(2, 20);
    (await p.acquire()).leak();
    expect([p.inUse, p.leaked]).toEqual([1, 1]);
    const last = await p.acquire();
    last.leak();
    last.release(); // ignored: the lease already leaked
    expect([p.inUse, p.leaked]).toEqual([2, 2]);
    const results = await Promise.allSettled([p.acquire(), p.acquire(), p.acquire()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(p.acquireTimeouts).toBe(3);
  });

  it('closes idle and leaked connections, fails waiters, and closes loans when they return', async () => {
    const { p, closed } = pool(3);
    const loan = await p.acquire();
    const leaked = await p.acquire();
    leaked.leak();
    const idle = await p.acquire();
    idle.release();
    const waiters = [await p.acquire(), p.acquire()];
    p.close();
    await expect(waiters[1]).rejects.toBeInstanceOf(PoolClosedError);
    await expect(p.acquire()).rejects.toBeInstanceOf(PoolClosedError);
    expect(closed).toEqual([leaked.connection]);
    loan.release();
    expect(closed).toEqual([leaked.connection, loan.connection]);
  });
});
