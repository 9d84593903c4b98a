/**
 * A kubelet-style HTTP probe: GET a path on a loopback port, success on 2xx/3xx within
 * the timeout, anything else (an error status, a refused connection, a timeout) is a
 * failure. One request, no keep-alive, so no socket outlives the probe.
 */
import { request } from 'node:http';

/** Probe `http://127.0.0.1:port{path}`; resolves true on success, never rejects. */
export function httpProbe(port: number, path: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', agent: false, timeout: timeoutMs },
      (res) => {
        res.resume();
        const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 400;
        res.once('end', () => resolve(ok));
        res.once('error', () => resolve(false));
      },
    );
    req.once('timeout', () => req.destroy(new Error('probe timed out')));
    req.once('error', () => resolve(false));
    req.end();
  });
}

/** POST to `http://127.0.0.1:port{path}`; resolves with the status (0 on failure), never rejects. */
export function httpPost(port: number, path: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent: false, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve(0));
      },
    );
    req.once('timeout', () => req.destroy(new Error('request timed out')));
    req.once('error', () => resolve(0));
    req.end();
  });
}
