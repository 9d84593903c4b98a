/**
 * The checks Prometheus 2.42 makes on a binary expression once its operands are known:
 * `bool` only on comparisons, and required between scalars; vector matching only between
 * vectors; set operators only between vectors and without grouping.
 */
import type { Binary, BinaryOp, Cardinality, Expr, VectorMatching } from './ast.js';
import { COMPARISON_OPS, SET_OPS } from './ast.js';
import { PromQLError } from './errors.js';

/** What the syntax says about a binary expression, besides its operands. */
export interface BinarySyntax {
  readonly op: BinaryOp;
  readonly returnBool: boolean;
  /** `on(…)` rather than `ignoring(…)` or nothing. */
  readonly on: boolean;
  readonly labels: readonly string[];
  readonly include: readonly string[];
  /** From the group modifier: one-to-one without one. */
  readonly card: Cardinality;
  /** Offsets of the whole expression and of its operator. */
  readonly from: number;
  readonly to: number;
  readonly opFrom: number;
}

export function checkBinary(s: BinarySyntax, lhs: Expr, rhs: Expr): Binary {
  const { op, returnBool, on, labels, include } = s;
  const isComparison = COMPARISON_OPS.has(op);
  const isSet = SET_OPS.has(op);
  if (returnBool && !isComparison) {
    throw new PromQLError('bool modifier can only be used on comparison operators', s.opFrom);
  }
  if (isComparison && !returnBool && lhs.type === 'scalar' && rhs.type === 'scalar') {
    throw new PromQLError('comparisons between scalars must use BOOL modifier', s.opFrom);
  }
  const card: Cardinality = isSet && s.card === 'one-to-one' ? 'many-to-many' : s.card;
  if (on) {
    for (const l of labels) {
      if (include.includes(l)) {
        throw new PromQLError(`label "${l}" must not occur in ON and GROUP clause at once`, s.opFrom);
      }
    }
  }
  for (const side of [lhs, rhs]) {
    if (side.type !== 'scalar' && side.type !== 'vector') {
      throw new PromQLError(
        'binary expression must contain only scalar and instant vector types',
        side.pos.start,
      );
    }
  }
  let matching: VectorMatching | null = null;
  if (lhs.type === 'vector' && rhs.type === 'vector') {
    if (isSet && (card === 'one-to-many' || card === 'many-to-one')) {
      throw new PromQLError(`no grouping allowed for "${op}" operation`, s.from);
    }
    matching = { card, on, labels, include };
  } else {
    if (labels.length > 0)
      throw new PromQLError('vector matching only allowed between instant vectors', s.from);
    if (isSet) throw new PromQLError(`set operator "${op}" not allowed in binary scalar expression`, s.from);
  }
  const type = lhs.type === 'scalar' && rhs.type === 'scalar' ? 'scalar' : 'vector';
  return { kind: 'binary', type, pos: { start: s.from, end: s.to }, op, lhs, rhs, returnBool, matching };
}
