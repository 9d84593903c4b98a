/**
 * Journals `routing` events as the simulated world does (targets/sim/world.ts): the share
 * of user requests the routing now sends to the canary — the weight, or the canary's
 * share of the selected ready pods — and the mirror percentage, one event per change.
 */
import type { Journal } from '../../journal/journal.js';
import type { Millis } from '../../scenario/model.js';
import type { Routing } from '../target.js';

export class RoutingJournal {
  private lastKey = '';

  constructor(private readonly journal: Journal) {}

  /** The share of user requests the canary receives under `routing` with these ready pods, percent. */
  static canaryPercent(routing: Routing, readyStable: number, readyCanary: number): number {
    const split = routing.split;
    if (split.kind === 'weight') return split.canaryWeight;
    const s = split.selector.includes('stable') ? readyStable : 0;
    const c = split.selector.includes('canary') ? readyCanary : 0;
    return s + c === 0 ? 0 : (100 * c) / (s + c);
  }

  /** Record the routing at `t` if what users see changed. */
  update(t: Millis, routing: Routing, readyStable: number, readyCanary: number): void {
    const canaryPercent =
      Math.round(RoutingJournal.canaryPercent(routing, readyStable, readyCanary) * 10) / 10;
    const mirror = routing.mirrorPercent;
    const split = routing.split;
    const detail =
      split.kind === 'weight'
        ? `weight canary=${split.canaryWeight}`
        : `service selects ${split.selector.join('+')} (${readyStable} stable, ${readyCanary} canary ready)`;
    const key = `${canaryPercent}|${mirror}|${split.kind}|${split.kind === 'endpoints' ? split.selector.join('+') : ''}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.journal.record({ t, type: 'routing', canaryPercent, mirrorPercent: mirror, detail });
  }
}
