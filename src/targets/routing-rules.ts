/**
 * The router's rules, written once for every world: which role user traffic may reach,
 * whether a header route matches, and which serving pod takes a request. The simulated
 * router (targets/sim) and the real reverse proxy (targets/local/router) both call these,
 * so a drill on real processes routes exactly as the simulation does.
 */
import type { Rng } from '../stats/rng.js';
import type { HeaderRoute, Role, Routing } from './target.js';

/** Whether user traffic may reach a role at all under the routing. */
export function routable(routing: Routing, role: Role): boolean {
  const split = routing.split;
  if (split.kind === 'endpoints') return split.selector.includes(role);
  return role === 'canary' ? split.canaryWeight > 0 : split.canaryWeight < 100;
}

/** A header route's value test: `exact`, `prefix`, or `regex` anchored to the whole value. */
export function headerValueTest(match: HeaderRoute['match']): (value: string) => boolean {
  if ('exact' in match) return (v) => v === match.exact;
  if ('prefix' in match) return (v) => v.startsWith(match.prefix);
  const re = new RegExp(`^(?:${match.regex})$`);
  return (v) => re.test(v);
}

/** Whether a request carrying header `name: value` is sent to the canary by one of the routes. */
export function matchesHeaderRoute(routes: readonly HeaderRoute[], name: string, value: string): boolean {
  const lower = name.toLowerCase();
  return routes.some((r) => r.headerName.toLowerCase() === lower && headerValueTest(r.match)(value));
}

/** Where `pickServing` puts the role a request was meant for (also when no pod could take it). */
export interface PickedRole {
  role: Role;
}

/**
 * The serving pod that takes a request, or null when none can (the router answers 503):
 * a header-routed request goes to a canary pod if one serves; a `weight` split sends
 * canaryWeight percent to the canary's pods and the rest to stable's; an `endpoints` split
 * spreads requests evenly over the serving pods of the selected roles (a replica-count
 * split). Within a role the pod is drawn uniformly. Writes the intended role into `out`
 * (no allocation: the simulator calls this once per request).
 */
export function pickServing<T extends { readonly role: Role }>(
  routing: Routing,
  stable: readonly T[],
  canary: readonly T[],
  rng: Rng,
  headerRouted: boolean,
  out: PickedRole,
): T | null {
  if (headerRouted && canary.length > 0) {
    out.role = 'canary';
    return canary[Math.floor(rng.next() * canary.length)];
  }
  const split = routing.split;
  if (split.kind === 'weight') {
    const toCanary = rng.next() * 100 < split.canaryWeight;
    const list = toCanary ? canary : stable;
    out.role = toCanary ? 'canary' : 'stable';
    return list.length === 0 ? null : list[Math.floor(rng.next() * list.length)];
  }
  const s = split.selector.includes('stable') ? stable.length : 0;
  const c = split.selector.includes('canary') ? canary.length : 0;
  if (s + c === 0) {
    out.role = split.selector.includes('stable') ? 'stable' : 'canary';
    return null;
  }
  const i = Math.floor(rng.next() * (s + c));
  const pod = i < s ? stable[i] : canary[i - s];
  out.role = pod.role;
  return pod;
}
