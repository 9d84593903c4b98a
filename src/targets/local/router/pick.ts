/**
 * Which pod serves a user request: the rules of targets/routing-rules.ts (the same the
 * simulated router follows), plus the proxy's own affinity table.
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
import { type PickedRole, pickServing, routable } from '../../routing-rules.js';
import type { Role, Routing } from '../../target.js';
import type { EndpointTable, Upstream } from './endpoints.js';

export { routable };

export interface Pick {
  /** The pod, or null: no pod can serve (the router answers 503). */
  readonly upstream: Upstream | null;
  /** The role the request was meant for (reported on a 503 too). */
  readonly role: Role;
  readonly via: 'affinity' | 'header' | 'split';
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
  const picked: PickedRole = { role: 'stable' };
  const upstream = pickServing(routing, table.serving('stable'), canary, rng, headerRouted, picked);
  return { upstream, role: picked.role, via: headerRouted && canary.length > 0 ? 'header' : 'split' };
}
