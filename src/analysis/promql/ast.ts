/**
 * The checked syntax tree of a PromQL expression: what the parser makes of the lezer
 * tree, with literals decoded, durations in milliseconds, modifiers attached to their
 * selectors and every node typed. Immutable and shared by every engine.
 */
import type { LabelMatcher } from '../../metrics/label-matcher.js';
import type { FunctionDef, ValueType } from './functions.js';

/** Character offsets of a node in the expression (`end` exclusive). */
export interface Pos {
  readonly start: number;
  readonly end: number;
}

/** `@ <time>` (ms), `@ start()`, `@ end()`, or none. */
export type AtModifier =
  | { readonly kind: 'time'; readonly ms: number }
  | { readonly kind: 'start' | 'end' }
  | null;

export interface NumberLiteral {
  readonly kind: 'number';
  readonly type: 'scalar';
  readonly pos: Pos;
  readonly value: number;
}

export interface StringLiteral {
  readonly kind: 'string';
  readonly type: 'string';
  readonly pos: Pos;
  readonly value: string;
}

export interface VectorSelector {
  readonly kind: 'selector';
  readonly type: 'vector';
  readonly pos: Pos;
  /** The metric name when given as an identifier or an `__name__=` matcher, else null. */
  readonly name: string | null;
  readonly matchers: readonly LabelMatcher[];
  /** `offset`, ms (negative for `offset -5m`). */
  readonly offsetMs: number;
  readonly at: AtModifier;
}

export interface MatrixSelector {
  readonly kind: 'matrix';
  readonly type: 'matrix';
  readonly pos: Pos;
  readonly selector: VectorSelector;
  readonly rangeMs: number;
}

export interface Subquery {
  readonly kind: 'subquery';
  readonly type: 'matrix';
  readonly pos: Pos;
  readonly expr: Expr;
  readonly rangeMs: number;
  /** Resolution, ms; 0 means the engine's default. */
  readonly stepMs: number;
  readonly offsetMs: number;
  readonly at: AtModifier;
}

export interface Call {
  readonly kind: 'call';
  readonly type: ValueType;
  readonly pos: Pos;
  readonly fn: FunctionDef;
  readonly args: readonly Expr[];
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'quantile'
  | 'topk'
  | 'bottomk'
  | 'count_values';

export interface Aggregate {
  readonly kind: 'aggregate';
  readonly type: 'vector';
  readonly pos: Pos;
  readonly op: AggregateOp;
  /** The parameter of topk, bottomk, quantile and count_values. */
  readonly param: Expr | null;
  readonly expr: Expr;
  readonly grouping: readonly string[];
  readonly without: boolean;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  readonly card: Cardinality;
  /** true for `on(...)`, false for `ignoring(...)` or no clause. */
  readonly on: boolean;
  readonly labels: readonly string[];
  /** Labels named in `group_left(...)` / `group_right(...)`. */
  readonly include: readonly string[];
}

export interface Binary {
  readonly kind: 'binary';
  readonly type: 'scalar' | 'vector';
  readonly pos: Pos;
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly returnBool: boolean;
  /** Set when both sides are instant vectors. */
  readonly matching: VectorMatching | null;
}

export interface Unary {
  readonly kind: 'unary';
  readonly type: 'scalar' | 'vector';
  readonly pos: Pos;
  readonly op: '-' | '+';
  readonly expr: Expr;
}

export interface Paren {
  readonly kind: 'paren';
  readonly type: ValueType;
  readonly pos: Pos;
  readonly expr: Expr;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | Subquery
  | Call
  | Aggregate
  | Binary
  | Unary
  | Paren;

/** The expression inside any number of parentheses. */
export function unwrapParens(e: Expr): Expr {
  let x = e;
  while (x.kind === 'paren') x = x.expr;
  return x;
}

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

export const AGGREGATE_OPS: ReadonlySet<string> = new Set<AggregateOp>([
  'sum',
  'avg',
  'min',
  'max',
  'count',
  'group',
  'stddev',
  'stdvar',
  'quantile',
  'topk',
  'bottomk',
  'count_values',
]);

/** Aggregations taking a parameter before the vector: `topk(3, x)`. */
export const PARAM_AGGREGATES: ReadonlySet<string> = new Set<AggregateOp>([
  'quantile',
  'topk',
  'bottomk',
  'count_values',
]);
