/**
 * Small integer ids for (label name, value) pairs, shared by the stores of one
 * LabelSetTable: a store's inverted index is an array indexed by pair id, so adding a
 * series costs an array push per label instead of two map look-ups (and new maps and
 * arrays for every value, in a fresh store). Ids are never reused.
 */
import type { LabelSet } from './label-set.js';

export class LabelPairIds {
  private readonly ids = new Map<string, Map<string, number>>();
  private count = 0;

  /** Number of ids handed out (every id is below it). */
  get size(): number {
    return this.count;
  }

  /** The id of a pair, or -1 when no set's ids have included it. */
  find(name: string, value: string): number {
    return this.ids.get(name)?.get(value) ?? -1;
  }

  /** The ids of a set's pairs, parallel to its names (computed once per set). */
  of(set: LabelSet): Int32Array {
    let ids = set.pairIdsMemo;
    if (ids === undefined) {
      ids = new Int32Array(set.names.length);
      for (let i = 0; i < ids.length; i++) ids[i] = this.intern(set.names[i], set.values[i]);
      set.pairIdsMemo = ids;
    }
    return ids;
  }

  private intern(name: string, value: string): number {
    let byValue = this.ids.get(name);
    if (byValue === undefined) {
      byValue = new Map();
      this.ids.set(name, byValue);
    }
    let id = byValue.get(value);
    if (id === undefined) {
      id = this.count++;
      byValue.set(value, id);
    }
    return id;
  }
}
