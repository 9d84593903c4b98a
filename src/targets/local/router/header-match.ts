/**
 * Header routes (Argo `setHeaderRoute`): a request whose header matches is sent to the
 * canary. Matching as the simulated router does it: `exact`, `prefix`, or `regex`
 * anchored to the whole value.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { headerValueTest } from '../../routing-rules.js';
import type { HeaderRoute } from '../../target.js';

/** A header route with its regular expression compiled once. */
export interface CompiledHeaderRoute {
  readonly name: string;
  /** Lower-case header name, as Node gives incoming headers. */
  readonly header: string;
  readonly test: (value: string) => boolean;
}

export function compileHeaderRoutes(routes: readonly HeaderRoute[]): CompiledHeaderRoute[] {
  return routes.map((r) => ({
    name: r.name,
    header: r.headerName.toLowerCase(),
    test: headerValueTest(r.match),
  }));
}

/** Whether any header route matches the request's headers. */
export function matchesHeaderRoute(
  routes: readonly CompiledHeaderRoute[],
  headers: IncomingHttpHeaders,
): boolean {
  for (const r of routes) {
    const value = headers[r.header];
    if (value === undefined) continue;
    if (Array.isArray(value) ? value.some(r.test) : r.test(value)) return true;
  }
  return false;
}
