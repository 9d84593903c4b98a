/**
 * ReplicaSet bookkeeping shared by the worlds that run pods (simulated or real processes).
 */

interface ScalablePod {
  readonly ready: boolean;
  readonly createdAt: number;
}

/**
 * The pods a ReplicaSet deletes when scaled down by `count`, in Kubernetes' order
 * (controller.ActivePods ranking, simplified): pods not yet ready first, then the newest;
 * `order` breaks ties among pods created at the same instant (the later-created first).
 */
export function scaleDownVictims<P extends ScalablePod>(
  alive: readonly P[],
  count: number,
  order: (pod: P) => number,
): P[] {
  return [...alive]
    .sort((a, b) => Number(a.ready) - Number(b.ready) || b.createdAt - a.createdAt || order(b) - order(a))
    .slice(0, Math.max(0, count));
}
