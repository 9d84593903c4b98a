/** Small traffic models and routes for load generator tests. */
import type { RouteModel, SessionModel, TrafficModel } from '../../../scenario/model.js';
import { constantProfile } from '../../rate-profile.js';

export const GET_ORDER: RouteModel = { name: 'get-order', share: 1, db: true, method: 'GET' };
export const DEFAULT_ROUTES: readonly RouteModel[] = [
  { name: 'get-order', share: 0.6, db: true, method: 'GET' },
  { name: 'create-order', share: 0.2, db: true, method: 'POST' },
  { name: 'login', share: 0.2, db: false, method: 'POST' },
];

export function traffic(
  rps: number,
  options: { v1Shape?: number; sessions?: SessionModel | null; headers?: TrafficModel['headers'] } = {},
): TrafficModel {
  const v1Shape = options.v1Shape ?? 0.5;
  return {
    profile: constantProfile(rps),
    source: 'rps',
    clients: { v1Shape, v2Shape: 1 - v1Shape },
    sessions: options.sessions ?? null,
    headers: options.headers ?? [],
  };
}
