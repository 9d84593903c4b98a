/**
 * One business request, as the simulator's per-request engine serves it
 * (src/targets/sim/per-request.ts): an unknown session cookie gets 401; a database route
 * takes a connection from the pool (503 when none comes free in time), runs its query
 * (500 when the schema does not fit) and holds the connection for the service time; then
 * the latency fault's delay, the error spike and the baseline error rate apply, in that
 * order. Old-shape order writes that v2 rejects get 422 before touching the database.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from './db.js';
import { isSqliteError } from './db.js';
import type { RequestDraws, ServiceFaults } from './faults.js';
import { json, parseJsonBody, type Reply } from './http-io.js';
import { insertOrder, type QueryDialect, readOrder } from './order-queries.js';
import { AcquireTimeoutError, type ConnectionPool } from './pool.js';
import type { BusinessRoute } from './routes.js';
import type { SessionStore } from './sessions.js';
import { sessionCookie, setSessionCookie } from './sessions.js';
import {
  CLIENT_SHAPE_HEADER,
  clientShape,
  createOrderBody,
  type OrderRecord,
  parseCreateOrder,
  toV1,
  toV2,
} from './shapes.js';

export interface BusinessContext {
  readonly faults: ServiceFaults;
  readonly dialect: QueryDialect;
  readonly draws: RequestDraws;
  readonly pool: ConnectionPool<Connection>;
  readonly sessions: SessionStore;
  /** A new number on each call: names users and varies generated order bodies. */
  readonly serial: () => number;
}

export interface BusinessRequest {
  readonly route: BusinessRoute;
  /** Order id of a read, null for other routes. */
  readonly orderId: number | null;
  readonly headers: IncomingHttpHeaders;
  /** Request body (empty for GET). */
  readonly body: Buffer;
}

/** Serve one business request; resolves with its reply after its (real) service time. */
export async function serveBusiness(ctx: BusinessContext, request: BusinessRequest): Promise<Reply> {
  const serviceMs = ctx.draws.serviceTimeMs();
  const cookie = sessionCookie(request.headers.cookie);
  const user = cookie === undefined ? undefined : ctx.sessions.user(cookie);
  if (cookie !== undefined && user === undefined) {
    await sleep(serviceMs);
    return json(401, { error: 'unknown session: log in again' });
  }
  const reply = await doWork(ctx, request, serviceMs);
  if (reply.status !== 200) return reply;
  const delayMs = ctx.draws.addedDelayMs();
  if (delayMs > 0) await sleep(delayMs);
  const spike = ctx.draws.spikeStatus(user !== undefined);
  if (spike !== null) return json(spike, { error: 'request failed' });
  if (ctx.draws.baselineError()) return json(500, { error: 'internal error' });
  return reply;
}

async function doWork(ctx: BusinessContext, request: BusinessRequest, serviceMs: number): Promise<Reply> {
  const { route } = request;
  switch (route.behaviour) {
    case 'login': {
      await sleep(serviceMs);
      const user = `u-${ctx.serial()}`;
      const id = ctx.sessions.create(user);
      return json(200, { user }, { 'set-cookie': setSessionCookie(id) });
    }
    case 'plain':
      await sleep(serviceMs);
      return json(200, { ok: true, route: route.model.name });
    case 'readOrder': {
      const id = request.orderId!;
      return withConnection(ctx, serviceMs, (db) => {
        const order = readOrder(db, ctx.dialect, id);
        return order ? json(200, present(ctx, order)) : json(404, { error: `no order ${id}` });
      });
    }
    case 'createOrder': {
      const parsed = parseJsonBody(request.body);
      const body =
        parsed === undefined
          ? createOrderBody(clientShape(request.headers[CLIENT_SHAPE_HEADER]), ctx.serial())
          : parsed;
      const order = parseCreateOrder(body);
      if (!order.ok || (order.shape === 'v1' && ctx.faults.apiMismatch?.rejectOldRequests)) {
        await sleep(serviceMs);
        return order.ok
          ? json(422, {
              error: 'the v1 order shape is no longer accepted: send {customer: {id}, lines: [...]}',
            })
          : json(400, { error: order.message });
      }
      return withConnection(ctx, serviceMs, (db) =>
        json(200, present(ctx, insertOrder(db, ctx.dialect, order.order))),
      );
    }
  }
}

/** The order in the shape this release answers with. */
function present(ctx: BusinessContext, order: OrderRecord): unknown {
  return ctx.faults.apiMismatch ? toV2(order) : toV1(order);
}

/**
 * Run `work` on a pooled connection and hold the connection for the service time, as a
 * request holds it for its transaction. The connection goes back afterwards, unless the
 * connection leak fault keeps it.
 */
async function withConnection(
  ctx: BusinessContext,
  serviceMs: number,
  work: (db: Connection) => Reply,
): Promise<Reply> {
  let lease: Awaited<ReturnType<BusinessContext['pool']['acquire']>>;
  try {
    lease = await ctx.pool.acquire();
  } catch (error) {
    const timeout = error instanceof AcquireTimeoutError;
    return json(503, { error: timeout ? 'database connection pool exhausted' : 'shutting down' });
  }
  try {
    let reply: Reply;
    try {
      reply = work(lease.connection);
    } catch (error) {
      if (!isSqliteError(error)) throw error;
      reply = json(500, { error: 'database error', detail: error.message });
    }
    await sleep(serviceMs);
    return reply;
  } finally {
    if (ctx.draws.leaks()) lease.leak();
    else lease.release();
  }
}
