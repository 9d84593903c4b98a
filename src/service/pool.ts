/**
 * A connection pool: a fixed set of connections, handed out one per request and given
 * back when the request is done. When none is free, requests wait in FIFO order; a
 * request still waiting after `acquireTimeoutMs` fails with AcquireTimeoutError (the
 * service answers 503). A leaked lease is never given back, so a leaking release really
 * shrinks the pool until every request queues and times out.
 */

/** Thrown by acquire() when no connection came free in time. */
export class AcquireTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no database connection free within ${timeoutMs} ms`);
  }
}

/** Thrown by acquire() once the pool is closed. */
export class PoolClosedError extends Error {
  constructor() {
    super('the connection pool is closed');
  }
}

/** One connection on loan. Exactly one of release() or leak() takes effect. */
export interface Lease<C> {
  readonly connection: C;
  /** Give the connection back (to the oldest waiter first). */
  release(): void;
  /** Forget the connection without giving it back: the pool is one smaller for good. */
  leak(): void;
}

export interface PoolOptions<C> {
  readonly size: number;
  /** Longest wait for a connection, ms. */
  readonly acquireTimeoutMs: number;
  readonly open: () => C;
  readonly close: (connection: C) => void;
}

interface Waiter<C> {
  readonly resolve: (lease: Lease<C>) => void;
  readonly reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
  done: boolean;
}

export class ConnectionPool<C> {
  /** Connections not on loan. */
  private readonly idle: C[] = [];
  private readonly waiters: Waiter<C>[] = [];
  private waitHead = 0;
  private onLoan = 0;
  private leakedConnections: C[] = [];
  private closed = false;
  /** Requests that gave up waiting, since start. */
  acquireTimeouts = 0;

  constructor(private readonly options: PoolOptions<C>) {
    for (let i = 0; i < options.size; i++) this.idle.push(options.open());
  }

  /** Connections on loan or leaked (the `db_pool_connections_in_use` gauge). */
  get inUse(): number {
    return this.onLoan + this.leakedConnections.length;
  }

  get size(): number {
    return this.options.size;
  }

  get leaked(): number {
    return this.leakedConnections.length;
  }

  /** Requests waiting for a connection now. */
  get waiting(): number {
    let n = 0;
    for (let i = this.waitHead; i < this.waiters.length; i++) if (!this.waiters[i].done) n++;
    return n;
  }

  /** A connection, at once if one is idle, else after the requests queued before this one. */
  acquire(): Promise<Lease<C>> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    const connection = this.idle.pop();
    if (connection !== undefined) return Promise.resolve(this.lend(connection));
    return new Promise((resolve, reject) => {
      const waiter: Waiter<C> = { resolve, reject, timer: undefined, done: false };
      waiter.timer = setTimeout(() => {
        waiter.done = true;
        this.acquireTimeouts++;
        // Every waiter has the same patience, so they time out in queue order: drop the
        // timed-out head now, or a pool that never frees a connection grows the queue forever.
        this.skipTimedOut();
        reject(new AcquireTimeoutError(this.options.acquireTimeoutMs));
      }, this.options.acquireTimeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Close every connection not on loan and fail the waiters; loaned ones close when returned. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.drainWaiters()) waiter.reject(new PoolClosedError());
    for (const c of this.idle.splice(0)) this.options.close(c);
    for (const c of this.leakedConnections) this.options.close(c);
    this.leakedConnections = [];
  }

  private lend(connection: C): Lease<C> {
    this.onLoan++;
    let settled = false;
    return {
      connection,
      release: () => {
        if (settled) return;
        settled = true;
        this.onLoan--;
        this.giveBack(connection);
      },
      leak: () => {
        if (settled) return;
        settled = true;
        this.onLoan--;
        if (this.closed) this.options.close(connection);
        else this.leakedConnections.push(connection);
      },
    };
  }

  private giveBack(connection: C): void {
    if (this.closed) {
      this.options.close(connection);
      return;
    }
    const waiter = this.nextWaiter();
    if (waiter) waiter.resolve(this.lend(connection));
    else this.idle.push(connection);
  }

  private nextWaiter(): Waiter<C> | undefined {
    while (this.waitHead < this.waiters.length) {
      const waiter = this.waiters[this.waitHead++];
      if (waiter.done) continue;
      waiter.done = true;
      clearTimeout(waiter.timer);
      this.compact();
      return waiter;
    }
    this.compact();
    return undefined;
  }

  private skipTimedOut(): void {
    while (this.waitHead < this.waiters.length && this.waiters[this.waitHead].done) this.waitHead++;
    this.compact();
  }

  private drainWaiters(): Waiter<C>[] {
    const pending = this.waiters.slice(this.waitHead).filter((w) => !w.done);
    for (const w of pending) {
      w.done = true;
      clearTimeout(w.timer);
    }
    this.waiters.length = 0;
    this.waitHead = 0;
    return pending;
  }

  /** Drop the consumed head of the queue now and then, so it does not grow without bound. */
  private compact(): void {
    if (this.waitHead > 1024 && this.waitHead * 2 > this.waiters.length) {
      this.waiters.splice(0, this.waitHead);
      this.waitHead = 0;
    } else if (this.waitHead === this.waiters.length) {
      this.waiters.length = 0;
      this.waitHead = 0;
    }
  }
}
