/**
 * Replica counts of an Argo Rollouts canary (utils/replicaset/canary.go), as pure functions.
 * - With traffic routing, the canary gets ceil(weight × R / 100) pods and the stable stays
 *   at R (CalculateReplicaCountsForTrafficRoutedCanary without dynamicStableScale).
 * - Without traffic routing the weight *is* the replica split: the closest canary/stable
 *   pair to the weight, ties going to the larger canary, possibly one pod over R when surge
 *   is allowed (approximateWeightedCanaryStableReplicaCounts), reached under
 *   maxSurge/maxUnavailable (CalculateReplicaCountsForBasicCanary).
 */
import type { CanaryStepModel } from '../scenario/model.js';
import type { Fenceposts } from './fenceposts.js';
import type { ReplicaCounts } from './rolling-math.js';

/** Canary pods for a traffic weight: rounds up (10 replicas at 25% → 3). */
export function trafficWeightToReplicas(replicas: number, weight: number): number {
  return Math.ceil((weight * replicas) / 100);
}

function fraction(x: number): number {
  return x - Math.trunc(x);
}

/** Whether rounding the canary count up or down lands equally far from the weight (3 replicas at 50%). */
function floorCeilingTied(weight: number, total: number): boolean {
  return fraction(total * (weight / 100)) === 0.5;
}

function weightDelta(weight: number, canary: number, total: number): number {
  return Math.abs((canary * 100) / total - weight);
}

/**
 * The canary/stable pair closest to `weight`. Examples: (10, 41%, surge>0) → [4, 6];
 * (3, 50%, surge 0) → [2, 1] (tie goes up); (10, 1%, surge 1) → [1, 10] (one over R).
 * A weight strictly between 0 and 100 never gives either side 0 pods, unless R is 1 with no surge.
 */
export function approximateWeightedCanaryStableReplicaCounts(
  replicas: number,
  weight: number,
  maxSurge: number,
): [canary: number, stable: number] {
  if (replicas === 0) return [0, 0];
  const ceil = Math.ceil((replicas * weight) / 100);
  const floor = Math.floor((replicas * weight) / 100);
  const tied = floorCeilingTied(weight, replicas);
  const zeroAllowed = weight === 100 || weight === 0 || (replicas === 1 && maxSurge === 0);

  const options: { canary: number; total: number }[] = [];
  if (ceil < replicas || zeroAllowed) options.push({ canary: ceil, total: replicas });
  if (!tied && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas });
  if (maxSurge > 0) {
    options.push({ canary: ceil, total: replicas + 1 });
    if (!floorCeilingTied(weight, replicas + 1) && (floor !== 0 || zeroAllowed)) {
      options.push({ canary: floor, total: replicas + 1 });
    }
  }
  if (options.length === 0) return [0, replicas];

  let best = options[0];
  let bestDelta = weightDelta(weight, best.canary, best.total);
  for (const option of options.slice(1)) {
    const delta = weightDelta(weight, option.canary, option.total);
    if (delta < bestDelta) {
      best = option;
      bestDelta = delta;
    }
  }
  return [best.canary, best.total - best.canary];
}

/** Replicas an RS may be counted on for scale-down room (GetReplicasForScaleDown). */
function replicasForScaleDown(rs: ReplicaCounts, ignoreAvailability: boolean): number {
  if (rs.replicas < rs.available) return rs.replicas;
  return ignoreAvailability ? rs.replicas : rs.available;
}

function scaleDownReplicaCount(
  drain: ReplicaCounts,
  desired: number,
  scaleDownCount: number,
  current: number,
): number {
  return drain.replicas > desired ? Math.max(desired, drain.replicas - scaleDownCount) : current;
}

/** Keep the pair within maxSurge, giving availability back to `adjust` when the drain side lacks it (adjustReplicaWithinLimits). */
function adjustWithinLimits(
  drain: ReplicaCounts,
  adjust: ReplicaCounts,
  drainCount: number,
  adjustCount: number,
  maxAllowed: number,
  minAvailable: number,
): [drain: number, adjust: number] {
  let over = Math.max(0, adjustCount + drainCount - maxAllowed);
  let available = Math.min(drain.available, drainCount);
  let adjusted = adjustCount - over;
  available += Math.min(adjust.available, adjusted);
  const extraAvailable = Math.max(0, adjust.available - adjusted);
  const stillNeeded = Math.max(0, minAvailable - available);
  adjusted += Math.min(extraAvailable, stillNeeded);
  over = Math.max(0, adjusted + drainCount - maxAllowed);
  return [drainCount - over, adjusted];
}

/**
 * One reconcile of a canary without traffic routing: the spec.replicas to set now on the
 * canary and the stable ReplicaSets to move toward `weight`. Scales up the stable first,
 * then the canary, within R + maxSurge; then scales down whichever side is shrinking while
 * keeping R − maxUnavailable available (ignoring the availability of the side that grows,
 * so an unready canary cannot wedge the rollout).
 */
export function basicCanaryReplicaCounts(
  replicas: number,
  weight: number,
  fence: Fenceposts,
  canary: ReplicaCounts,
  stable: ReplicaCounts,
): { canary: number; stable: number } {
  const [desiredCanary, desiredStable] = approximateWeightedCanaryStableReplicaCounts(
    replicas,
    weight,
    fence.maxSurge,
  );
  let canaryCount = canary.replicas;
  let stableCount = stable.replicas;
  const maxAllowed = replicas + fence.maxSurge;
  let scaleUp = maxAllowed - (canary.replicas + stable.replicas);

  if (stable.replicas < desiredStable && scaleUp > 0) {
    if (stable.replicas + scaleUp < desiredStable) {
      stableCount = stable.replicas + scaleUp;
      scaleUp = 0;
    } else {
      stableCount = desiredStable;
      scaleUp -= desiredStable - stable.replicas;
    }
  }
  if (canary.replicas < desiredCanary && scaleUp > 0) {
    canaryCount = Math.min(canary.replicas + scaleUp, desiredCanary);
  }

  const minAvailable = replicas - fence.maxUnavailable;
  const increasing = desiredCanary >= canary.replicas;
  const toScaleDown = replicasForScaleDown(canary, !increasing) + replicasForScaleDown(stable, increasing);
  if (toScaleDown <= minAvailable) return { canary: canaryCount, stable: stableCount };

  const scaleDownCount = toScaleDown - minAvailable;
  if (!increasing) {
    canaryCount = scaleDownReplicaCount(canary, desiredCanary, scaleDownCount, canaryCount);
    [canaryCount, stableCount] = adjustWithinLimits(
      canary,
      stable,
      canaryCount,
      stableCount,
      maxAllowed,
      minAvailable,
    );
  } else {
    stableCount = scaleDownReplicaCount(stable, desiredStable, scaleDownCount, stableCount);
    [stableCount, canaryCount] = adjustWithinLimits(
      stable,
      canary,
      stableCount,
      canaryCount,
      maxAllowed,
      minAvailable,
    );
  }
  return { canary: canaryCount, stable: stableCount };
}

/**
 * The weight in force at step `index` (GetCurrentSetWeight): the last setWeight at or before
 * it, 0 when none, 100 once every step is done.
 */
export function currentSetWeight(steps: readonly CanaryStepModel[], index: number): number {
  if (index >= steps.length) return 100;
  for (let i = index; i >= 0; i--) {
    const s = steps[i];
    if (s.kind === 'setWeight') return s.weight;
  }
  return 0;
}

/** The last setWeight strictly before `index` (what the mesh keeps until the canary is ready for the new one). */
export function previousSetWeight(steps: readonly CanaryStepModel[], index: number): number {
  for (let i = Math.min(index, steps.length) - 1; i >= 0; i--) {
    const s = steps[i];
    if (s.kind === 'setWeight') return s.weight;
  }
  return 0;
}

/**
 * The setCanaryScale in force at `index` (UseSetCanaryScale): the last one at or before it,
 * unless it says matchTrafficWeight; none once every step is done.
 */
export function currentCanaryScale(
  steps: readonly CanaryStepModel[],
  index: number,
): Extract<CanaryStepModel, { kind: 'setCanaryScale' }> | null {
  if (index >= steps.length) return null;
  for (let i = index; i >= 0; i--) {
    const s = steps[i];
    if (s.kind !== 'setCanaryScale') continue;
    return s.matchTrafficWeight ? null : s;
  }
  return null;
}
