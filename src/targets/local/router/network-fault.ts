/**
 * Network faults on the path to a role, as plain data: what the scenario's fault means
 * for the router, and the draw that decides what happens to one request.
 */
import type { FaultModel } from '../../../scenario/model.js';
import { randomNormal } from '../../../stats/random-normal.js';
import type { Rng } from '../../../stats/rng.js';
import type { NetworkFault } from './types.js';

/** What the network does to one request. `delayMs` only for `delay`. */
export type NetworkEffect =
  | { readonly kind: 'none' }
  | { readonly kind: 'delay'; readonly delayMs: number }
  | { readonly kind: 'loss' }
  | { readonly kind: 'reset' };

const NONE: NetworkEffect = { kind: 'none' };
const LOSS: NetworkEffect = { kind: 'loss' };
const RESET: NetworkEffect = { kind: 'reset' };

/**
 * The network fault a scenario's release fault puts on the path to v2, or null when the
 * fault is not a network one (`latency` with `on: network`, `networkLoss`, `networkReset`).
 */
export function networkFaultOf(fault: FaultModel): NetworkFault | null {
  switch (fault.type) {
    case 'latency':
      return fault.on === 'network'
        ? { kind: 'delay', delayMs: fault.delayMs, jitterMs: fault.jitterMs, share: fault.share }
        : null;
    case 'networkLoss':
      return { kind: 'loss', share: fault.share };
    case 'networkReset':
      return { kind: 'reset', share: fault.share };
    default:
      return null;
  }
}

/** Throws on a fault with out-of-range numbers (shares 0–1, non-negative times). */
export function checkNetworkFault(fault: NetworkFault): void {
  if (!(fault.share >= 0 && fault.share <= 1)) {
    throw new RangeError(`network ${fault.kind}: share must be between 0 and 1, got ${fault.share}`);
  }
  if (fault.kind === 'delay' && !(fault.delayMs >= 0 && fault.jitterMs >= 0)) {
    throw new RangeError(
      `network delay: delayMs and jitterMs must be >= 0, got ${fault.delayMs} and ${fault.jitterMs}`,
    );
  }
}

/**
 * Draw the effect on one request. One uniform decides whether the request is hit; a
 * delay with jitter takes two more (Box–Muller), clamped at 0.
 */
export function drawNetworkEffect(fault: NetworkFault | null, rng: Rng): NetworkEffect {
  if (fault === null || fault.share <= 0) return NONE;
  if (rng.next() >= fault.share) return NONE;
  if (fault.kind === 'loss') return LOSS;
  if (fault.kind === 'reset') return RESET;
  const ms = fault.jitterMs > 0 ? randomNormal(rng, fault.delayMs, fault.jitterMs) : fault.delayMs;
  return { kind: 'delay', delayMs: Math.max(ms, 0) };
}
