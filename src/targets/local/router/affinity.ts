/**
 * Session affinity: which pod a client is pinned to.
 * - `cookie`: like nginx's sticky cookie, the router sets its own cookie naming the pod on
 *   the response that pinned the client, and follows it on later requests. Clients that
 *   do not keep cookies are never pinned.
 * - `clientIP`: like kube-proxy's `sessionAffinity: ClientIP`, a table from the client's
 *   address (the first `x-forwarded-for` entry, else the socket's peer address) to its
 *   pod; the least recently seen addresses are forgotten beyond a bound.
 * Either way a pin whose pod can no longer serve is replaced (the client is re-pinned).
 */
import type { IncomingMessage } from 'node:http';
import type { Affinity } from '../../../scenario/model.js';

/** The affinity key of a request: a pod name (cookie) or a client address (clientIP); undefined = none. */
export interface AffinityState {
  /** The pod this request is pinned to, if any. */
  pinnedPod(req: IncomingMessage): string | undefined;
  /** Record that the request's client is now pinned to `pod`; returns a Set-Cookie value to add, if any. */
  pin(req: IncomingMessage, pod: string): string | undefined;
  /** Whether this mode pins requests at all. */
  readonly enabled: boolean;
}

export function affinityState(mode: Affinity, cookieName: string, maxClients: number): AffinityState {
  if (mode === 'cookie') return new CookieAffinity(cookieName);
  if (mode === 'clientIP') return new ClientIpAffinity(maxClients);
  return { enabled: false, pinnedPod: () => undefined, pin: () => undefined };
}

class CookieAffinity implements AffinityState {
  readonly enabled = true;
  constructor(private readonly name: string) {}

  pinnedPod(req: IncomingMessage): string | undefined {
    return cookieValue(req.headers.cookie, this.name);
  }

  pin(_req: IncomingMessage, pod: string): string {
    return `${this.name}=${encodeURIComponent(pod)}; Path=/; HttpOnly`;
  }
}

class ClientIpAffinity implements AffinityState {
  readonly enabled = true;
  /** Insertion order is recency order: a hit moves the entry to the end. */
  private readonly pins = new Map<string, string>();
  constructor(private readonly max: number) {}

  pinnedPod(req: IncomingMessage): string | undefined {
    const key = clientAddress(req);
    const pod = this.pins.get(key);
    if (pod !== undefined) {
      this.pins.delete(key);
      this.pins.set(key, pod);
    }
    return pod;
  }

  pin(req: IncomingMessage, pod: string): undefined {
    const key = clientAddress(req);
    this.pins.delete(key);
    this.pins.set(key, pod);
    if (this.pins.size > this.max) {
      const oldest = this.pins.keys().next().value;
      if (oldest !== undefined) this.pins.delete(oldest);
    }
    return undefined;
  }
}

/** The client's address: the first `x-forwarded-for` entry, else the socket's peer. */
export function clientAddress(req: IncomingMessage): string {
  const xff = req.headers['x-forwarded-for'];
  const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || '';
}

/** The value of cookie `name` in a Cookie header, decoded; undefined when absent. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
