/**
 * The local backend's router: a reverse proxy on loopback doing what an ingress or a mesh
 * does for each strategy — the traffic split (`Routing`, with the simulated router's
 * semantics: pick.ts), header routes, session affinity, mirroring with responses
 * discarded, only ready endpoints, draining — plus the network faults a NetworkChaos
 * would inject on the path to a role.
 *
 * Built on http-proxy-3 with a keep-alive agent (without one, throughput drops fivefold).
 * Every random draw comes from one seeded generator, in a fixed order per request.
 * When no pod can serve, the router answers 503 itself with `x-router: no-upstream`;
 * when a pod fails mid-request, 502 with `x-router: upstream-error`. Both carry
 * `x-served-role` (the role the request was meant for).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createProxyServer, type ProxyServer } from 'http-proxy-3';
import { createRng, type Rng } from '../../../stats/rng.js';
import { type Role, type Routing, STABLE_ONLY } from '../../target.js';
import { type AffinityState, affinityState } from './affinity.js';
import { EndpointTable, type Upstream } from './endpoints.js';
import { type CompiledHeaderRoute, compileHeaderRoutes, matchesHeaderRoute } from './header-match.js';
import { assertLoopbackHost } from './loopback.js';
import { sendMirror } from './mirror.js';
import { checkNetworkFault, drawNetworkEffect } from './network-fault.js';
import { pickUpstream } from './pick.js';
import { FailedRequestLog, RouterCounters } from './router-counters.js';
import type { Endpoint, NetworkFault, RouterOptions, RouterStats } from './types.js';

/** Per-request state the proxy's response hook needs. */
interface Forwarded {
  readonly upstream: Upstream;
  readonly setCookie: string | undefined;
}

export class Router {
  /** Base URL of the router, http://127.0.0.1:PORT. */
  readonly url: string;
  readonly port: number;

  private routing: Routing = STABLE_ONLY;
  private headerRoutes: CompiledHeaderRoute[] = [];
  private readonly faults: Record<Role, NetworkFault | null> = { stable: null, canary: null };
  private readonly table = new EndpointTable();
  private readonly counters = new RouterCounters();
  private readonly failed = new FailedRequestLog(100_000);
  private readonly forwarded = new WeakMap<IncomingMessage, Forwarded>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly mirrors = new Set<http.ClientRequest>();
  private readonly rng: Rng;
  private readonly affinity: AffinityState;
  private closed = false;

  private constructor(
    private readonly server: http.Server,
    private readonly proxy: ProxyServer,
    private readonly agent: http.Agent,
    private readonly options: Required<Omit<RouterOptions, 'host' | 'port'>>,
  ) {
    const address = server.address() as AddressInfo;
    this.port = address.port;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${host}:${address.port}`;
    this.rng = createRng(options.seed);
    this.affinity = affinityState(options.affinity, options.affinityCookie, options.maxPinnedClients);
    server.on('request', (req, res) => this.handle(req, res));
    proxy.on('proxyRes', (proxyRes, req) => {
      const f = this.forwarded.get(req);
      if (f?.setCookie === undefined) return;
      const existing = proxyRes.headers['set-cookie'] ?? [];
      proxyRes.headers['set-cookie'] = [...existing, f.setCookie];
    });
  }

  /** Start a router listening on loopback (an ephemeral port unless `port` is given). */
  static async start(options: RouterOptions): Promise<Router> {
    const host = options.host ?? '127.0.0.1';
    assertLoopbackHost(host, 'router bind address');
    const full: Required<Omit<RouterOptions, 'host' | 'port'>> = {
      seed: options.seed,
      affinity: options.affinity,
      affinityCookie: options.affinityCookie ?? 'rollout-lab-pod',
      lossHoldMs: options.lossHoldMs ?? 30_000,
      upstreamTimeoutMs: options.upstreamTimeoutMs ?? 30_000,
      maxPinnedClients: options.maxPinnedClients ?? 100_000,
      maxSocketsPerPod: options.maxSocketsPerPod ?? 256,
    };
    const agent = new http.Agent({
      keepAlive: true,
      maxSockets: full.maxSocketsPerPod,
      maxFreeSockets: full.maxSocketsPerPod,
      scheduling: 'lifo',
    });
    const proxy = createProxyServer({ agent, xfwd: false, proxyTimeout: full.upstreamTimeoutMs });
    const server = http.createServer({ keepAliveTimeout: 5_000 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new Router(server, proxy, agent, full);
  }

  /** Replace a role's pods (what an EndpointSlice update does). Non-loopback URLs are refused. */
  setEndpoints(role: Role, endpoints: readonly Endpoint[]): void {
    this.table.set(role, endpoints);
  }

  /** Change the routing; applies to requests arriving from now on. */
  setRouting(routing: Routing): void {
    const split = routing.split;
    if (split.kind === 'weight' && !(split.canaryWeight >= 0 && split.canaryWeight <= 100)) {
      throw new RangeError(`canaryWeight must be between 0 and 100, got ${split.canaryWeight}`);
    }
    if (!(routing.mirrorPercent >= 0 && routing.mirrorPercent <= 100)) {
      throw new RangeError(`mirrorPercent must be between 0 and 100, got ${routing.mirrorPercent}`);
    }
    this.headerRoutes = compileHeaderRoutes(routing.headerRoutes);
    this.routing = routing;
  }

  /** Put a network fault on the path to a role's pods, or remove it (null). */
  setNetworkFault(role: Role, fault: NetworkFault | null): void {
    if (fault !== null) checkNetworkFault(fault);
    this.faults[role] = fault;
  }

  /** A snapshot of the router's counters. */
  stats(): RouterStats {
    return this.counters.snapshot(this.table.inFlightTo());
  }

  /** Requests in flight to one pod. */
  inFlight(pod: string): number {
    return this.table.inFlightTo(pod);
  }

  /** Resolves once a (draining) pod has no request in flight. */
  whenDrained(pod: string): Promise<void> {
    return this.table.whenIdle(pod);
  }

  /**
   * The role a request (by its `x-request-id`) was meant for, when the router failed it
   * without a response (network loss or reset); undefined otherwise. Lets a load
   * generator attribute connection errors to a version.
   */
  failedRequestRole(requestId: string): Role | undefined {
    return this.failed.get(requestId);
  }

  /** Stop listening, drop every connection, cancel held and delayed requests. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const m of this.mirrors) m.destroy();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.agent.destroy();
    this.table.releaseWaiters();
    await closed;
  }

  // ------------------------------------------------------------------------------------

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.counters.requests++;
    const affinity = this.affinity;
    const pinnedName = affinity.enabled ? affinity.pinnedPod(req) : undefined;
    const pinned = pinnedName === undefined ? undefined : this.table.get(pinnedName);
    const headerRouted = this.headerRoutes.length > 0 && matchesHeaderRoute(this.headerRoutes, req.headers);
    const pick = pickUpstream(this.routing, this.table, this.rng, pinned, headerRouted);
    const upstream = pick.upstream;
    if (upstream === null) {
      this.counters.role(pick.role).noUpstream++;
      // As in the simulator, the copy to the shadow goes out even when the user gets a 503.
      const shadow = this.drawMirror();
      if (shadow === null) req.resume();
      else readBody(req, (body) => body !== null && this.mirror(shadow, req, body));
      res.writeHead(503, {
        'content-type': 'text/plain',
        'x-router': 'no-upstream',
        'x-served-role': pick.role,
      });
      res.end(`no ready ${pick.role} endpoint\n`);
      return;
    }
    let setCookie: string | undefined;
    if (pick.via === 'affinity') this.counters.affinityHits++;
    else if (affinity.enabled) {
      setCookie = affinity.pin(req, upstream.name);
      this.counters.pinsSet++;
    }
    if (pick.via === 'header') this.counters.headerRouted++;

    const effect = drawNetworkEffect(this.faults[upstream.role], this.rng);
    const mirrorTo = this.drawMirror();
    if (effect.kind === 'loss' || effect.kind === 'reset') this.recordFailure(req, upstream.role);
    if (effect.kind === 'loss') {
      this.counters.role(upstream.role).lost++;
      this.hold(req);
    } else if (effect.kind === 'reset') {
      this.counters.role(upstream.role).reset++;
      req.socket.resetAndDestroy();
    }

    const forward = (body: Buffer | null) => {
      if (effect.kind === 'loss' || effect.kind === 'reset') return;
      const go = () => this.forward(req, res, { upstream, setCookie }, body);
      if (effect.kind === 'delay') {
        this.counters.role(upstream.role).delayed++;
        this.later(effect.delayMs, () => {
          if (!req.socket.destroyed) go();
        });
      } else go();
    };
    if (mirrorTo === null) {
      forward(null);
      return;
    }
    // The copy needs the body, and so does the original once the body has been read.
    readBody(req, (body) => {
      if (body === null) return;
      this.mirror(mirrorTo, req, body);
      forward(body);
    });
  }

  private forward(req: IncomingMessage, res: ServerResponse, f: Forwarded, body: Buffer | null): void {
    const { upstream } = f;
    this.forwarded.set(req, f);
    this.counters.role(upstream.role).forwarded++;
    this.counters.pod(upstream.name);
    this.table.begin(upstream.name);
    res.once('close', () => this.table.end(upstream.name));
    const options =
      body === null
        ? { target: upstream.url.origin }
        : { target: upstream.url.origin, buffer: Readable.from([body]) };
    this.proxy.web(req, res, options, () => {
      this.counters.role(upstream.role).upstreamErrors++;
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      res.writeHead(502, {
        'content-type': 'text/plain',
        'x-router': 'upstream-error',
        'x-served-role': upstream.role,
      });
      res.end(`upstream ${upstream.name} failed\n`);
    });
  }

  /** The canary pod a copy goes to, or null (no mirroring for this request). */
  private drawMirror(): Upstream | null {
    const percent = this.routing.mirrorPercent;
    if (percent <= 0) return null;
    if (this.rng.next() * 100 >= percent) return null;
    const canary = this.table.serving('canary');
    return canary.length === 0 ? null : canary[Math.floor(this.rng.next() * canary.length)];
  }

  private mirror(pod: Upstream, req: IncomingMessage, body: Buffer): void {
    // The copy crosses the same network path to the canary, faults included.
    const effect = drawNetworkEffect(this.faults[pod.role], this.rng);
    if (effect.kind === 'loss' || effect.kind === 'reset') return;
    const copy = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
    const send = () => {
      if (this.closed) return;
      this.counters.mirrored++;
      const m = sendMirror(pod, copy, this.agent, this.options.upstreamTimeoutMs, (ok) => {
        this.mirrors.delete(m);
        if (!ok) this.counters.mirrorErrors++;
      });
      this.mirrors.add(m);
    };
    if (effect.kind === 'delay') this.later(effect.delayMs, send);
    else send();
  }

  /** A lost request: never answered; its connection is dropped after lossHoldMs. */
  private hold(req: IncomingMessage): void {
    req.resume();
    const socket = req.socket;
    const timer = this.later(this.options.lossHoldMs, () => socket.destroy());
    socket.once('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private recordFailure(req: IncomingMessage, role: Role): void {
    const id = req.headers['x-request-id'];
    if (typeof id === 'string') this.failed.set(id, role);
  }
}

/** Read a request body in full; null when the client went away first. */
function readBody(req: IncomingMessage, done: (body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.once('end', () => done(Buffer.concat(chunks)));
  req.once('error', () => done(null));
}
