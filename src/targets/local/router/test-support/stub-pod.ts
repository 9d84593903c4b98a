/**
 * A stand-in for one pod of the synthetic service, for tests: node:http on 127.0.0.1 at
 * an ephemeral port, speaking the service's contract — `GET /orders/:id`, `POST /orders`,
 * `POST /login` (an `rl_session` cookie; an unknown one gets 401), order bodies in the
 * version's shape, and `x-served-version`, `x-served-role`, `x-pod` on every response.
 * It records what it received, and can be made slow or failing.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OrderRecord, toV1, toV2 } from '../../../../service/shapes.js';
import type { Role } from '../../../target.js';

export interface StubPodOptions {
  readonly name: string;
  readonly role: Role;
  /** Order responses in this shape; default v1 for stable, v2 for canary. */
  readonly version?: 'v1' | 'v2';
  /** Every response waits this long, ms. */
  readonly delayMs?: number;
  /** Answer every business request with this status instead. */
  readonly status?: number;
}

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export class StubPod {
  readonly received: ReceivedRequest[] = [];
  private readonly sessions = new Set<string>();
  private seq = 0;
  delayMs: number;
  status: number | undefined;
  private held: (() => void)[] | null = null;

  private constructor(
    private readonly server: http.Server,
    readonly options: StubPodOptions,
    readonly url: string,
  ) {
    this.delayMs = options.delayMs ?? 0;
    this.status = options.status;
  }

  get name(): string {
    return this.options.name;
  }

  get version(): 'v1' | 'v2' {
    return this.options.version ?? (this.options.role === 'stable' ? 'v1' : 'v2');
  }

  static async start(options: StubPodOptions): Promise<StubPod> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const pod = new StubPod(server, options, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        pod.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
        const answer = () => pod.answer(req, res);
        const go = () => (pod.delayMs > 0 ? setTimeout(answer, pod.delayMs) : answer());
        if (pod.held !== null) pod.held.push(go);
        else go();
      });
    });
    return pod;
  }

  /** Hold every request from now on until release(). */
  hold(): void {
    this.held ??= [];
  }

  /** Answer the held requests and stop holding. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const go of held) go();
  }

  /** Requests waiting in hold(). */
  get holding(): number {
    return this.held?.length ?? 0;
  }

  /** Endpoint for the router. */
  endpoint(ready = true, terminating = false) {
    return { name: this.name, url: this.url, ready, terminating };
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (res.destroyed) return;
    const headers = {
      'content-type': 'application/json',
      'x-served-version': this.version,
      'x-served-role': this.options.role,
      'x-pod': this.name,
    };
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...headers, ...extra });
      res.end(JSON.stringify(body));
    };
    if (this.status !== undefined) {
      send(this.status, { error: 'forced' });
      return;
    }
    const path = req.url ?? '/';
    const session = /(?:^|;\s*)rl_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (req.method === 'POST' && path === '/login') {
      const id = `${this.name}-s${this.seq++}`;
      this.sessions.add(id);
      send(200, { ok: true }, { 'set-cookie': `rl_session=${id}; Path=/; HttpOnly` });
      return;
    }
    if (session !== undefined && !this.sessions.has(session)) {
      send(401, { error: 'unknown session' });
      return;
    }
    const order: OrderRecord = {
      id: 7,
      customer: 'c-1',
      item: 'sku-1',
      quantity: 1,
      totalCents: 999,
      status: 'open',
    };
    const shaped = this.version === 'v1' ? toV1(order) : toV2(order);
    if (req.method === 'GET' && path.startsWith('/orders/')) send(200, shaped);
    else if (req.method === 'POST' && path === '/orders') send(201, shaped);
    else send(404, { error: 'not found' });
  }
}

/** Start several stub pods. */
export function startPods(specs: readonly StubPodOptions[]): Promise<StubPod[]> {
  return Promise.all(specs.map((s) => StubPod.start(s)));
}

/** Close pods, ignoring those already closed. */
export async function closeAll(closables: readonly { close(): Promise<void> }[]): Promise<void> {
  await Promise.all(closables.map((c) => c.close().catch(() => undefined)));
}
