/**
 * One HTTP request for tests, on a fresh connection (no agent, nothing left open):
 * resolves with the response, or with the error code when the request failed.
 */
import http, { type IncomingHttpHeaders } from 'node:http';

export interface CallOptions {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Give up after this long, ms (error code 'TIMEOUT'). Default 5,000. */
  readonly timeoutMs?: number;
}

export type CallResult =
  | {
      readonly ok: true;
      readonly status: number;
      readonly headers: IncomingHttpHeaders;
      readonly body: string;
      readonly ms: number;
    }
  | { readonly ok: false; readonly error: string; readonly ms: number };

export function call(base: string, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(options.path ?? '/orders/1', base);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: CallResult) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const req = http.request(
      {
        agent: false,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? 'GET',
        headers: options.headers,
        timeout: options.timeoutMs ?? 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          settle({
            ok: true,
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - started,
          }),
        );
        res.on('error', (e: NodeJS.ErrnoException) =>
          settle({ ok: false, error: e.code ?? e.message, ms: performance.now() - started }),
        );
      },
    );
    req.on('timeout', () => {
      settle({ ok: false, error: 'TIMEOUT', ms: performance.now() - started });
      req.destroy();
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      settle({ ok: false, error: e.code ?? e.message, ms: performance.now() - started }),
    );
    req.end(options.body);
  });
}
