/**
 * The routes of a service whose scenario lists none. The same list as the scenario
 * loader's DEFAULT_ROUTES (a test keeps them equal), kept here so that the service does
 * not load the scenario loader (YAML, PromQL) at start.
 */
import type { RouteModel } from '../scenario/model.js';

export const DEFAULT_ROUTES: readonly RouteModel[] = [
  { name: 'get-order', share: 0.6, db: true, method: 'GET' },
  { name: 'create-order', share: 0.2, db: true, method: 'POST' },
  { name: 'login', share: 0.2, db: false, method: 'POST' },
];
