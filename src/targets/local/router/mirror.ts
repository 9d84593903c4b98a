/**
 * Traffic mirroring (Argo `setMirrorRoute`, Istio `mirror`): a copy of a user request
 * sent to a canary pod, fire and forget. Its response is read and thrown away, and its
 * errors are ignored (only counted): the user never waits for it.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { Upstream } from './endpoints.js';

/** Hop-by-hop headers a proxy does not forward (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

export interface MirrorCopy {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The request body, read in full before the copy is sent (empty for GET). */
  readonly body: Buffer;
}

/**
 * Send `copy` to `pod` through `agent`; `done(ok)` is called once, when the response has
 * been discarded (ok) or the copy failed (not ok). Never throws.
 */
export function sendMirror(
  pod: Upstream,
  copy: MirrorCopy,
  agent: http.Agent,
  timeoutMs: number,
  done: (ok: boolean) => void,
): http.ClientRequest {
  let finished = false;
  const finish = (ok: boolean) => {
    if (finished) return;
    finished = true;
    done(ok);
  };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(copy.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers.host = pod.url.host;
  headers['content-length'] = String(copy.body.length);
  // Istio marks mirrored traffic by suffixing the authority with -shadow; a header is plainer.
  headers['x-mirrored'] = 'true';
  const req = http.request({
    agent,
    host: pod.url.hostname,
    port: pod.url.port,
    method: copy.method,
    path: copy.path,
    headers,
    timeout: timeoutMs,
  });
  req.on('response', (res) => {
    res.on('error', () => finish(false));
    res.on('end', () => finish(true));
    res.resume();
  });
  req.on('timeout', () => req.destroy(new Error('mirror timed out')));
  req.on('error', () => finish(false));
  req.on('close', () => finish(false));
  req.end(copy.body);
  return req;
}
