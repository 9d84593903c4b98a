/**
 * The router's vocabulary: endpoints (pods) per role, network faults, options and
 * counters. The routing itself is `Routing` from targets/target.ts, with exactly the
 * semantics the simulated router has (targets/sim/per-request.ts).
 */
import type { Affinity } from '../../../scenario/model.js';
import type { Role } from '../../target.js';

/** One pod behind the router, as a Kubernetes EndpointSlice lists it. */
export interface Endpoint {
  /** Pod name; the affinity cookie carries it. Unique across roles. */
  readonly name: string;
  /** Base URL, http://127.0.0.1:PORT (loopback only). */
  readonly url: string;
  /** Passing its readiness probe. Unready pods get no requests. */
  readonly ready: boolean;
  /** Asked to terminate: gets no new requests, finishes those in flight (draining). */
  readonly terminating?: boolean;
}

/**
 * A fault on the network path to a role's pods, as Chaos Mesh NetworkChaos would inject
 * it; `share` (0–1) of requests to that role are hit.
 * - `delay`: the request waits max(0, N(delayMs, jitterMs²)) ms before it is forwarded
 *   (NetworkChaos `delay {latency, jitter}`; correlation is not modelled);
 * - `loss`: the request is never forwarded and its connection hangs, then is dropped: the
 *   client sees a timeout (or a closed connection after `lossHoldMs`);
 * - `reset`: the client connection is reset (TCP RST): the client sees ECONNRESET.
 */
export type NetworkFault =
  | {
      readonly kind: 'delay';
      readonly delayMs: number;
      readonly jitterMs: number;
      readonly share: number;
    }
  | { readonly kind: 'loss'; readonly share: number }
  | { readonly kind: 'reset'; readonly share: number };

export interface RouterOptions {
  /** Seed of the router's random draws (split, pod choice, mirror, faults). */
  readonly seed: number;
  /** Session affinity: none, an affinity cookie naming the pod, or the client address. */
  readonly affinity: Affinity;
  /** Bind address; loopback only. Default 127.0.0.1. */
  readonly host?: string;
  /** Port; default 0 (an ephemeral port). */
  readonly port?: number;
  /** Name of the router's affinity cookie. Default `rollout-lab-pod`. */
  readonly affinityCookie?: string;
  /** How long a lost request's connection hangs before the router drops it, ms. Default 30,000. */
  readonly lossHoldMs?: number;
  /** Upstream response timeout, ms; the client then gets the router's 502. Default 30,000. */
  readonly upstreamTimeoutMs?: number;
  /** Most client addresses the clientIP affinity table remembers (oldest forgotten first). Default 100,000. */
  readonly maxPinnedClients?: number;
  /** Most concurrent connections to one upstream pod (keep-alive agent). Default 256. */
  readonly maxSocketsPerPod?: number;
}

export interface RoleCounters {
  /** User requests forwarded to a pod of this role. */
  readonly forwarded: number;
  /** Requests the router answered 503 itself because no pod of this role could serve. */
  readonly noUpstream: number;
  /** Forwarded requests that failed upstream (refused, reset, timed out): 502/504 from the router. */
  readonly upstreamErrors: number;
  readonly delayed: number;
  readonly lost: number;
  readonly reset: number;
}

export interface RouterStats {
  /** User requests received. */
  readonly requests: number;
  readonly roles: Readonly<Record<Role, RoleCounters>>;
  /** Requests forwarded to each pod, by pod name. */
  readonly pods: Readonly<Record<string, number>>;
  /** Copies sent to the canary (responses discarded). */
  readonly mirrored: number;
  /** Copies that failed (errors are ignored, only counted). */
  readonly mirrorErrors: number;
  /** Requests sent to a canary pod by a header route. */
  readonly headerRouted: number;
  /** Requests that followed their affinity (cookie or client address) to a pinned pod. */
  readonly affinityHits: number;
  /** Pins set or moved because the client had none or its pod could no longer serve. */
  readonly pinsSet: number;
  /** Requests in flight to pods now. */
  readonly inFlight: number;
}
