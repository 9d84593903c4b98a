/**
 * The replica's HTTP server: probes, metrics, the admin endpoint and the business
 * routes on 127.0.0.1, the database and its pool, readiness and draining. Process
 * concerns (flags, signals, stdin, exit codes) are main.ts's.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRng, deriveSeed } from '../stats/rng.js';
import { type BusinessContext, serveBusiness } from './business.js';
import type { ServiceConfig } from './config.js';
import { type Connection, isSqliteError, openConnection } from './db.js';
import { queryDialect, RequestDraws, type ServiceFaults } from './faults.js';
import { FeatureFlag, FLAG_PATH } from './feature-flag.js';
import { json, type Reply, readBody, writeReply, writeText } from './http-io.js';
import { ServiceMetrics } from './metrics.js';
import { type MigrationResult, migrate, revertMigration, schemaVersion } from './migrations.js';
import { ConnectionPool } from './pool.js';
import { type BusinessRoute, RouteTable } from './routes.js';
import { MemorySessionStore, SharedSessionStore } from './sessions.js';

export const SERVED_VERSION_HEADER = 'x-served-version';
export const SERVED_ROLE_HEADER = 'x-served-role';
export const POD_HEADER = 'x-pod';

export class Service {
  /** Readiness before draining: set once the warm-up is over. */
  warmedUp = false;
  private draining = false;
  private inFlight = 0;
  private readonly idle: (() => void)[] = [];
  private readonly server: Server;
  private readonly routes: RouteTable;
  private readonly business: BusinessContext;
  private readonly metrics: ServiceMetrics;
  private readonly flag: FeatureFlag;
  private serial = 0;

  private constructor(
    private readonly config: ServiceConfig,
    /** Outside the pool: schema version and the down migration. */
    private readonly admin: Connection,
    private readonly pool: ConnectionPool<Connection>,
    faults: ServiceFaults,
    /** What the migration did at start. */
    readonly migration: MigrationResult,
  ) {
    this.routes = new RouteTable(config.routes);
    this.business = {
      faults,
      dialect: queryDialect(faults),
      draws: new RequestDraws(
        createRng(deriveSeed(config.seed, 'requests')),
        config.latency,
        config.errorRate,
        faults,
      ),
      pool,
      sessions: config.sessionStore === 'shared' ? new SharedSessionStore(admin) : new MemorySessionStore(),
      serial: () => ++this.serial,
    };
    this.flag = new FeatureFlag(config, admin, this.business, createRng(deriveSeed(config.seed, 'flag')));
    this.metrics = new ServiceMetrics(config.role, config.pod, () => ({
      inUse: pool.inUse,
      size: pool.size,
      acquireTimeouts: pool.acquireTimeouts,
    }));
    this.server = createServer((req, res) => this.handle(req, res));
  }

  /** Migrate the database, open the pool and listen on 127.0.0.1. */
  static async start(config: ServiceConfig, faults: ServiceFaults): Promise<Service> {
    const admin = openConnection(config.dbPath);
    let pool: ConnectionPool<Connection> | undefined;
    try {
      const migration = migrate(admin, { skuChange: faults.skuChange });
      pool = new ConnectionPool<Connection>({
        size: config.pool.size,
        acquireTimeoutMs: config.pool.acquireTimeoutMs,
        open: () => openConnection(config.dbPath),
        close: (c) => c.close(),
      });
      const service = new Service(config, admin, pool, faults, migration);
      service.server.listen(config.port, config.host);
      await once(service.server, 'listening');
      return service;
    } catch (error) {
      pool?.close();
      admin.close();
      throw error;
    }
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get ready(): boolean {
    return this.warmedUp && !this.draining;
  }

  /**
   * Graceful shutdown: not ready any more, stop accepting connections, wait for the
   * requests in flight up to graceMs, then cut what is left and close the database.
   * Returns how many requests were cut.
   */
  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    this.server.close();
    this.server.closeIdleConnections();
    if (this.inFlight > 0) {
      const done = new Promise<void>((resolve) => this.idle.push(resolve));
      const abort = new AbortController();
      await Promise.race([done, sleep(graceMs, undefined, { signal: abort.signal }).catch(() => {})]);
      abort.abort();
    }
    const cut = this.inFlight;
    this.server.closeAllConnections();
    this.pool.close();
    this.admin.close();
    return cut;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight++;
    res.on('close', () => {
      if (--this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
    res.setHeader(SERVED_VERSION_HEADER, this.config.release);
    res.setHeader(SERVED_ROLE_HEADER, this.config.role);
    res.setHeader(POD_HEADER, this.config.pod);
    this.dispatch(req, res).catch((error: unknown) => {
      process.stderr.write(`request ${req.method} ${req.url} failed: ${(error as Error).stack ?? error}\n`);
      if (!res.headersSent) this.reply(res, json(500, { error: 'internal error' }));
      else res.destroy();
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const match = this.routes.match(method, path);
    if (match.kind !== 'none') {
      const started = performance.now();
      const body = await readBody(req);
      let reply: Reply;
      // The feature flag's v2 code path for this request's user, if on (feature-flag.ts).
      const flagged = this.flag.contextFor(req.headers);
      if (flagged !== null) {
        res.setHeader(SERVED_VERSION_HEADER, 'v2');
        res.setHeader(SERVED_ROLE_HEADER, 'canary');
      }
      if (body === 'tooLarge') reply = json(413, { error: 'request body too large' });
      else if (match.kind === 'badId') reply = json(400, { error: 'an order id is a positive integer' });
      else {
        try {
          reply = await serveBusiness(flagged ?? this.business, {
            route: match.route,
            orderId: match.orderId,
            headers: req.headers,
            body,
          });
        } catch (error) {
          // A bug, not a fault: still a 500 the metrics must count.
          process.stderr.write(`request ${method} ${path} failed: ${(error as Error).stack ?? error}\n`);
          reply = json(500, { error: 'internal error' });
        }
      }
      this.count(match.route, reply.status, started, flagged !== null);
      this.reply(res, reply);
      return;
    }
    req.resume();
    const probe = this.probe(method, path);
    if (probe) this.reply(res, await probe());
    else if (path === FLAG_PATH) this.reply(res, this.flag.handleAdmin(method, url));
    else if (path === '/metrics' && method === 'GET') {
      this.drainingHeader(res);
      writeText(res, 200, this.metrics.contentType, await this.metrics.render());
    } else this.reply(res, json(404, { error: `no route ${method} ${path}` }));
  }

  private probe(method: string, path: string): (() => Reply | Promise<Reply>) | null {
    if (method === 'GET' && path === '/healthz') return () => json(200, { status: 'ok' });
    if (method === 'GET' && path === '/ready') {
      return () =>
        this.ready
          ? json(200, { ready: true })
          : json(503, { ready: false, reason: this.draining ? 'draining' : 'warming up' });
    }
    if (method === 'GET' && path === '/version') {
      return () =>
        json(200, {
          release: this.config.release,
          version: this.config.role,
          pod: this.config.pod,
          schemaVersion: schemaVersion(this.admin),
        });
    }
    if (method === 'POST' && path === '/admin/revert-migration') {
      return () => {
        try {
          const result = revertMigration(this.admin);
          return json(200, { reverted: result.reverted, schemaVersion: result.version });
        } catch (error) {
          if (!isSqliteError(error)) throw error;
          return json(500, { error: `down migration failed: ${error.message}` });
        }
      };
    }
    return null;
  }

  private count(route: BusinessRoute, status: number, started: number, flagged: boolean): void {
    const seconds = (performance.now() - started) / 1000;
    this.metrics.observe(route.model.name, status, seconds, flagged ? 'canary' : undefined);
  }

  private reply(res: ServerResponse, reply: Reply): void {
    this.drainingHeader(res);
    writeReply(res, reply);
  }

  /** While draining, close each connection after its response so keep-alive clients move on. */
  private drainingHeader(res: ServerResponse): void {
    if (this.draining) res.setHeader('connection', 'close');
  }
}
