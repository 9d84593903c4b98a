/**
 * Prometheus's per-step check that an operation did not produce two samples with the
 * same labels ("vector cannot contain metrics with the same labelset"), e.g.
 * `abs({__name__=~"a|b"})` when a and b share their other labels.
 */
import { PromQLError } from '../errors.js';
import { nextEpoch } from './context.js';
import type { Vec } from './vector.js';

export const DUPLICATE_LABELSET = 'vector cannot contain metrics with the same labelset';

export function assertUniqueLabels(vec: Vec): void {
  if (vec.n < 2) return;
  const epoch = nextEpoch();
  for (let i = 0; i < vec.n; i++) {
    const ls = vec.ls[i];
    if (ls.stamp === epoch) throw new PromQLError(DUPLICATE_LABELSET);
    ls.stamp = epoch;
  }
}
