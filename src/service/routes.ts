/**
 * The scenario's business routes as HTTP paths and behaviours. The three default routes
 * have their conventional paths; any other route is served under `/r/<name>`:
 *
 * | route (method, db)            | path              | behaviour                          |
 * |-------------------------------|-------------------|------------------------------------|
 * | get-order (GET, db)           | GET /orders/:id   | read an order                      |
 * | create-order (POST, db)       | POST /orders      | create an order                    |
 * | login (POST, no db)           | POST /login       | start a session, set its cookie    |
 * | other GET, db                 | GET /r/name/:id   | read an order                      |
 * | other POST, db                | POST /r/name      | create an order                    |
 * | other, no db                  | METHOD /r/name    | answer {ok: true}                  |
 *
 * Load generators build their URLs with requestPath(), so both sides agree.
 */
import type { RouteModel } from '../scenario/model.js';

export type Behaviour = 'readOrder' | 'createOrder' | 'login' | 'plain';

export interface BusinessRoute {
  readonly model: RouteModel;
  readonly behaviour: Behaviour;
  /** Path without the `/:id` of order reads. */
  readonly base: string;
}

const CONVENTIONAL: Readonly<Record<string, { method: string; db: boolean; base: string }>> = {
  'get-order': { method: 'GET', db: true, base: '/orders' },
  'create-order': { method: 'POST', db: true, base: '/orders' },
  login: { method: 'POST', db: false, base: '/login' },
};

export function businessRoute(model: RouteModel): BusinessRoute {
  const behaviour: Behaviour =
    model.name === 'login' && model.method === 'POST' && !model.db
      ? 'login'
      : model.db
        ? model.method === 'GET'
          ? 'readOrder'
          : 'createOrder'
        : 'plain';
  const conventional = CONVENTIONAL[model.name];
  const fits = conventional && conventional.method === model.method && conventional.db === model.db;
  return { model, behaviour, base: fits ? conventional.base : `/r/${model.name}` };
}

/** The path a client requests for this route; order reads need an order id. */
export function requestPath(model: RouteModel, orderId = 1): string {
  const route = businessRoute(model);
  return route.behaviour === 'readOrder' ? `${route.base}/${orderId}` : route.base;
}

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: BusinessRoute; readonly orderId: number | null }
  | { readonly kind: 'badId'; readonly route: BusinessRoute }
  | { readonly kind: 'none' };

/** Finds the business route of a request. */
export class RouteTable {
  private readonly routes: readonly BusinessRoute[];

  constructor(models: readonly RouteModel[]) {
    this.routes = models.map(businessRoute);
  }

  match(method: string, pathname: string): RouteMatch {
    for (const route of this.routes) {
      if (route.model.method !== method) continue;
      if (route.behaviour !== 'readOrder') {
        if (pathname === route.base) return { kind: 'route', route, orderId: null };
        continue;
      }
      if (!pathname.startsWith(`${route.base}/`)) continue;
      const id = pathname.slice(route.base.length + 1);
      if (id.includes('/')) continue;
      return /^[1-9]\d{0,15}$/.test(id)
        ? { kind: 'route', route, orderId: Number(id) }
        : { kind: 'badId', route };
    }
    return { kind: 'none' };
  }
}
