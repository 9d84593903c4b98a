/**
 * The world a rollout runs in, as the controller sees it: a small cluster API. The
 * simulated world, real local processes and a Kubernetes cluster each implement it, so
 * the controller and strategies never know where they run.
 *
 * Two ReplicaSets exist for the whole rollout: `stable` (v1, the running release) and
 * `canary` (v2, the new one). Metrics carry the role as their `version` label.
 */
import type { Millis } from '../scenario/model.js';

export type Role = 'stable' | 'canary';
export const ROLES: readonly Role[] = ['stable', 'canary'];

export interface ReplicaSetStatus {
  /** Desired replicas (spec.replicas). */
  readonly replicas: number;
  /** Pods created and not terminating. */
  readonly current: number;
  /** Pods passing their readiness probe and not terminating. */
  readonly ready: number;
  /** Pods still draining after being asked to terminate. */
  readonly terminating: number;
}

export interface HeaderRoute {
  readonly name: string;
  readonly headerName: string;
  readonly match: { readonly exact: string } | { readonly prefix: string } | { readonly regex: string };
}

/**
 * How user traffic reaches the pods: what a Service selector, an ingress or a mesh does.
 * - `endpoints`: every ready pod of the selected roles gets an equal share (a Kubernetes
 *   Service; a canary without traffic routing splits by replica count this way);
 * - `weight`: a mesh sends `canaryWeight` percent to the canary pods, the rest to stable.
 * Header routes send matching requests to the canary first; mirroring copies a share of
 * requests to the canary and discards its responses.
 */
export interface Routing {
  readonly split:
    | { readonly kind: 'endpoints'; readonly selector: readonly Role[] }
    | { readonly kind: 'weight'; readonly canaryWeight: number };
  readonly headerRoutes: readonly HeaderRoute[];
  /** Percent of user requests copied to the canary (responses discarded); 0 = off. */
  readonly mirrorPercent: number;
}

export const STABLE_ONLY: Routing = {
  split: { kind: 'endpoints', selector: ['stable'] },
  headerRoutes: [],
  mirrorPercent: 0,
};

/** What happened in the world that the controller may want to react to. */
export type TargetEvent =
  | { readonly type: 'podReady'; readonly role: Role; readonly pod: string }
  | { readonly type: 'podTerminated'; readonly role: Role; readonly pod: string }
  | { readonly type: 'podCrashed'; readonly role: Role; readonly pod: string }
  | { readonly type: 'faultOnset'; readonly detail: string };

export interface Target {
  /** Set a ReplicaSet's desired replicas. New pods become ready after the service's startup time; scale-down drains the newest pods first. */
  scale(role: Role, replicas: number): void;
  status(role: Role): ReplicaSetStatus;
  /** Change traffic routing; takes effect at the current time. */
  route(routing: Routing): void;
  /** Percent of users (by user id) for whom the v2 code path behind the feature flag is on. 0 = kill switch. */
  setFlag(percent: number): void;
  /** Run the release's rollback runbook for data (the down migration), if it has one. */
  revertMigration(): void;
  /** Subscribe to world events. */
  subscribe(listener: (event: TargetEvent) => void): void;
  /** Time of the first request served by faulty code, or null while none was. */
  faultOnsetAt(): Millis | null;
}
