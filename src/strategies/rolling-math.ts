/**
 * One reconcile of a Kubernetes RollingUpdate between two ReplicaSets, as a pure function
 * (pkg/controller/deployment/rolling.go rolloutRolling, util/deployment_util.go
 * NewRSNewReplicas):
 * 1. scale the new ReplicaSet up, keeping all pods (spec replicas of both) ≤ R + maxSurge;
 * 2. otherwise scale the old one down, first its unavailable pods (cleanupUnhealthyReplicas),
 *    then available ones while keeping ≥ R − maxUnavailable available
 *    (scaleDownOldReplicaSetsForRollingUpdate), never counting the new ReplicaSet's
 *    unavailable pods as room to scale down.
 * Only one side moves per reconcile; the caller reconciles again when the world changes.
 * The same function rolls back (`rollout undo`): v1 is then the new ReplicaSet.
 */
import type { Fenceposts } from './fenceposts.js';

/** What the controller sees of a ReplicaSet: spec.replicas and available (ready) pods. */
export interface ReplicaCounts {
  readonly replicas: number;
  readonly available: number;
}

export type RollingAction = { readonly scale: 'new' | 'old'; readonly replicas: number } | null;

export function rollingUpdateStep(
  desired: number,
  fence: Fenceposts,
  newRS: ReplicaCounts,
  oldRS: ReplicaCounts,
): RollingAction {
  const scaledNew = reconcileNewReplicaSet(desired, fence, newRS, oldRS);
  if (scaledNew !== newRS.replicas) return { scale: 'new', replicas: scaledNew };
  const scaledOld = reconcileOldReplicaSet(desired, fence, newRS, oldRS);
  if (scaledOld !== oldRS.replicas) return { scale: 'old', replicas: scaledOld };
  return null;
}

function reconcileNewReplicaSet(
  desired: number,
  fence: Fenceposts,
  newRS: ReplicaCounts,
  oldRS: ReplicaCounts,
): number {
  if (newRS.replicas === desired) return desired;
  if (newRS.replicas > desired) return desired;
  const maxTotalPods = desired + fence.maxSurge;
  const currentPodCount = newRS.replicas + oldRS.replicas;
  if (currentPodCount >= maxTotalPods) return newRS.replicas;
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, desired - newRS.replicas);
  return newRS.replicas + scaleUpCount;
}

function reconcileOldReplicaSet(
  desired: number,
  fence: Fenceposts,
  newRS: ReplicaCounts,
  oldRS: ReplicaCounts,
): number {
  if (oldRS.replicas === 0) return 0;
  const allPodsCount = newRS.replicas + oldRS.replicas;
  const minAvailable = desired - fence.maxUnavailable;
  const newRSUnavailable = newRS.replicas - newRS.available;
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return oldRS.replicas;

  // Unhealthy old pods go first: removing them does not lower availability.
  let replicas = oldRS.replicas;
  const unhealthy = Math.max(0, replicas - oldRS.available);
  replicas -= Math.min(maxScaledDown, unhealthy);

  const availablePodCount = newRS.available + oldRS.available;
  if (availablePodCount <= minAvailable) return replicas;
  const scaleDown = Math.min(replicas, availablePodCount - minAvailable);
  return replicas - scaleDown;
}
