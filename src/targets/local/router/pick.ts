/**
 * Which pod serves a user request: the simulated router's decision
 * (targets/sim/per-request.ts), made for real requests.
 *
 * 1. Affinity: a request pinned to a pod (by cookie or client address) goes there while
 *    the pod serves and its role still gets traffic under the routing; otherwise it is
 *    re-pinned by the steps below.
 * 2. Header routes: a matching request goes to a canary pod, if one serves.
 * 3. The split: `weight` sends canaryWeight percent to the canary's pods and the rest to
 *    stable's (an empty side gets no pod: the router answers 503); `endpoints` spreads
 *    requests evenly over the serving pods of the selected roles (a replica-count split).
 *
 * The pod within a role is drawn uniformly.
 */
import type { Rng } from '../../../stats/rng.js';
import type { Role, Routing } from '../../target.js';
import type { EndpointTable, Upstream } from './endpoints.js';

export interface Pick {
  /** The pod, or null: no pod can serve (the router answers 503). */
  readonly upstream: Upstream | null;
  /** The role the request was meant for (reported on a 503 too). */
  readonly role: Role;
  readonly via: 'affinity' | 'header' | 'split';
}

/** Whether user traffic may reach a role at all under `routing` (the simulator's `routable`). */
export function routable(routing: Routing, role: Role): boolean {
  const split = routing.split;
  if (split.kind === 'endpoints') return split.selector.includes(role);
  return role === 'canary' ? split.canaryWeight > 0 : split.canaryWeight < 100;
}

/** A pinned client may stay on this pod: it serves and its role still gets traffic. */
export function pinnable(routing: Routing, upstream: Upstream | undefined): upstream is Upstream {
  return upstream?.serving === true && routable(routing, upstream.role);
}

export function pickUpstream(
  routing: Routing,
  table: EndpointTable,
  rng: Rng,
  pinned: Upstream | undefined,
  headerRouted: boolean,
): Pick {
  if (pinnable(routing, pinned)) return { upstream: pinned, role: pinned.role, via: 'affinity' };
  const canary = table.serving('canary');
  if (headerRouted && canary.length > 0)
    return { upstream: uniform(rng, canary), role: 'canary', via: 'header' };
  const split = routing.split;
  if (split.kind === 'weight') {
    const role: Role = rng.next() * 100 < split.canaryWeight ? 'canary' : 'stable';
    const list = table.serving(role);
    return { upstream: list.length === 0 ? null : uniform(rng, list), role, via: 'split' };
  }
  const stable = split.selector.includes('stable') ? table.serving('stable') : [];
  const selectedCanary = split.selector.includes('canary') ? canary : [];
  const n = stable.length + selectedCanary.length;
  if (n === 0)
    return { upstream: null, role: split.selector.includes('stable') ? 'stable' : 'canary', via: 'split' };
  const i = Math.floor(rng.next() * n);
  const upstream = i < stable.length ? stable[i] : selectedCanary[i - stable.length];
  return { upstream, role: upstream.role, via: 'split' };
}

function uniform(rng: Rng, list: readonly Upstream[]): Upstream {
  return list[Math.floor(rng.next() * list.length)];
}
