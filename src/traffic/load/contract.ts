/**
 * What the load generator sends for each of the scenario's routes, against the synthetic
 * service's HTTP API (src/service/): `GET /orders/:id`, `POST /orders`, `POST /login`.
 * The order bodies and the shape check come from the service's own contract
 * (service/shapes.ts), so the client side of the API schema mismatch checks exactly what
 * the server sends.
 *
 * Route → request: a route named `login`, or a POST route that does not touch the
 * database, is `POST /login`; other POST routes are `POST /orders`; GET routes are
 * `GET /orders/:id` with an id among the service's seeded orders. Order responses
 * (database routes answered 2xx) are parsed and checked against the client's shape.
 */
import type { RouteModel } from '../../scenario/model.js';
import { SEED_ORDERS } from '../../service/migrations.js';
import { clientCanParse, createOrderBody, type Shape } from '../../service/shapes.js';

export { CLIENT_SHAPE_HEADER } from '../../service/shapes.js';

/** The response header naming the role (stable|canary) of the pod that served a request. */
export const SERVED_ROLE_HEADER = 'x-served-role';

export type RequestKind = 'login' | 'getOrder' | 'createOrder';

export interface RequestSpec {
  readonly kind: RequestKind;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** JSON body, or undefined for none. */
  readonly body: string | undefined;
  /** Whether a 2xx response is an order whose shape the client must be able to parse. */
  readonly checkShape: boolean;
}

/** Which request a route stands for. */
export function requestKindOf(route: RouteModel): RequestKind {
  if (route.name === 'login' || (route.method === 'POST' && !route.db)) return 'login';
  return route.method === 'POST' ? 'createOrder' : 'getOrder';
}

/**
 * The request for one arrival. `n` varies ids and bodies (any integer ≥ 0); `user` names
 * the logging-in user.
 */
export function requestFor(kind: RequestKind, shape: Shape, n: number, user: string): RequestSpec {
  switch (kind) {
    case 'login':
      return { kind, method: 'POST', path: '/login', body: JSON.stringify({ user }), checkShape: false };
    case 'createOrder':
      return {
        kind,
        method: 'POST',
        path: '/orders',
        body: JSON.stringify(createOrderBody(shape, n)),
        checkShape: true,
      };
    case 'getOrder':
      return {
        kind,
        method: 'GET',
        path: `/orders/${1 + (n % SEED_ORDERS)}`,
        body: undefined,
        checkShape: true,
      };
  }
}

/** Whether a client of this shape can parse an order response body (text). */
export function canParseOrder(shape: Shape, text: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return false;
  }
  return clientCanParse(shape, body);
}
