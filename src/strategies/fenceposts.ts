/**
 * maxSurge / maxUnavailable resolved against a replica count, with Kubernetes' rounding
 * (pkg/controller/deployment/util/deployment_util.go ResolveFenceposts, and Argo's copy in
 * utils/replicaset/replicaset.go): a percentage of surge rounds up, a percentage of
 * unavailability rounds down, and when both come out 0, maxUnavailable becomes 1 so the
 * rollout can still move.
 */
import type { IntOrPercent } from '../scenario/model.js';

/**
 * Kubernetes' intstr.GetScaledValueFromIntOrPercent: a count as is, or `percent × total / 100`
 * rounded up or down. Example: 25% of 10 → 3 rounded up, 2 rounded down.
 */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if ('count' in value) return value.count;
  const exact = (value.percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export interface Fenceposts {
  /** Pods allowed above the desired count during a rollout. */
  readonly maxSurge: number;
  /** Pods allowed below the desired count (available) during a rollout, at most `desired`. */
  readonly maxUnavailable: number;
}

/**
 * Examples (desired 10): 25%/25% → surge 3, unavailable 2; 0/0 → surge 0, unavailable 1;
 * 1%/0% → surge 1 (0.1 rounded up), unavailable 0.
 * maxUnavailable is capped at `desired` as Kubernetes' MaxUnavailable and Argo's do.
 */
export function resolveFenceposts(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  desired: number,
): Fenceposts {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { maxSurge: surge, maxUnavailable: Math.min(unavailable, desired) };
}
