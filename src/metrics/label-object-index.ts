/**
 * Finds the interned set of a plain label object without sorting its names or building a
 * string key: a trie over the object's (name, value) pairs in the object's own key order,
 * empty values skipped. Callers build a series' labels the same way every time (trial
 * after trial, on a table shared by the trials), so a repeated object costs two map
 * look-ups per label — several times cheaper than sorting the names and hashing a key.
 *
 * The path of pairs determines the set of pairs, hence the label set; the same set with its
 * names in another order has another path (and the same set).
 */
import type { Labels } from '../analysis/types.js';

class Node<T> {
  /** Children: label name → label value → node. */
  readonly next = new Map<string, Map<string, Node<T>>>();
  value: T | undefined = undefined;
}

export class LabelObjectIndex<T> {
  private readonly root = new Node<T>();

  /** The value stored for these labels (in this key order), or undefined. */
  get(labels: Labels): T | undefined {
    let node = this.root;
    for (const name of Object.keys(labels)) {
      const value = labels[name];
      if (value === '') continue;
      const next = node.next.get(name)?.get(value);
      if (next === undefined) return undefined;
      node = next;
    }
    return node.value;
  }

  set(labels: Labels, stored: T): void {
    let node = this.root;
    for (const name of Object.keys(labels)) {
      const value = labels[name];
      if (value === '') continue;
      let byValue = node.next.get(name);
      if (byValue === undefined) {
        byValue = new Map();
        node.next.set(name, byValue);
      }
      let next = byValue.get(value);
      if (next === undefined) {
        next = new Node();
        byValue.set(value, next);
      }
      node = next;
    }
    node.value = stored;
  }
}
