/**
 * The executable form of an expression: one node per operation, bound to one store,
 * with its own reusable buffers. Matrices never exist as values: a range-vector argument
 * is a {@link RangeSource} that the consuming function walks series by series.
 */
import type { LabelSet } from '../../../metrics/label-set.js';
import type { EvalContext } from './context.js';
import type { Window } from './range-functions.js';
import type { Vec } from './vector.js';

export interface ScalarNode {
  readonly type: 'scalar';
  eval(ctx: EvalContext): number;
}

export interface VectorNode {
  readonly type: 'vector';
  eval(ctx: EvalContext): Vec;
}

export interface StringNode {
  readonly type: 'string';
  readonly value: string;
}

/** The series of a range selector or subquery, window by window. */
export interface RangeSource {
  readonly type: 'matrix';
  readonly rangeMs: number;
  /**
   * Sets up the window for this evaluation and writes its bounds (`rangeStart`,
   * `rangeEnd`, `rangeMs`, `rangeSeconds`) into `w`; returns the number of candidates.
   */
  begin(ctx: EvalContext, w: Window): number;
  /**
   * Fills `w` (set up by {@link begin}) with candidate i's samples in the window (`t`, `v`,
   * `lo`, `hi`, `noDecrease`); false when it has none.
   */
  window(i: number, w: Window): boolean;
  /** The labels of candidate i. */
  labelSet(i: number): LabelSet;
  /** A stable id of candidate i across evaluations (series ref), or -1. */
  ref(i: number): number;
  /** Whether two candidates may share their labels once the metric name is dropped. */
  mayCollide(): boolean;
}

export type Node = ScalarNode | VectorNode | StringNode | RangeSource;
