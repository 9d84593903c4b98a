/**
 * An instant vector as the engine passes it between nodes: parallel arrays of label sets
 * and values (plus sample timestamps for selector results), owned by the node that fills
 * them and reused on every evaluation, so steady-state evaluation allocates nothing.
 * A consumer must read a vector before the node that produced it is evaluated again.
 */
import type { LabelSet } from '../../../metrics/label-set.js';

export class Vec {
  n = 0;
  ls: LabelSet[] = [];
  v: Float64Array = new Float64Array(16);
  /** Timestamps (ms) of the samples, for `timestamp()`; filled only by selectors. */
  t: Float64Array = new Float64Array(16);

  reset(): this {
    this.n = 0;
    return this;
  }

  push(ls: LabelSet, v: number, t = 0): void {
    const n = this.n;
    if (n === this.v.length) this.grow();
    this.ls[n] = ls;
    this.v[n] = v;
    this.t[n] = t;
    this.n = n + 1;
  }

  /** Copies another vector's contents. */
  copyFrom(o: Vec): this {
    this.n = 0;
    for (let i = 0; i < o.n; i++) this.push(o.ls[i], o.v[i], o.t[i]);
    return this;
  }

  private grow(): void {
    const v = new Float64Array(this.v.length * 2);
    const t = new Float64Array(this.v.length * 2);
    v.set(this.v);
    t.set(this.t);
    this.v = v;
    this.t = t;
  }
}
