/**
 * The syntax tree of a condition. Every node keeps the 0-based offset expr-lang would
 * report for it: a literal or name where it starts, an operator at its token, an index at
 * its `[`, a member at its name, a call at the function's name.
 */

/** Functions whose second argument is a predicate over the array's elements (`#`). */
export type PredicateName = 'all' | 'any' | 'none' | 'one';

export type Node =
  | { readonly kind: 'int'; readonly value: bigint; readonly offset: number }
  | { readonly kind: 'float'; readonly value: number; readonly offset: number }
  | { readonly kind: 'string'; readonly value: string; readonly offset: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly offset: number }
  | { readonly kind: 'nil'; readonly offset: number }
  | { readonly kind: 'identifier'; readonly name: string; readonly offset: number }
  /** `#` inside a predicate: the current element. */
  | { readonly kind: 'pointer'; readonly offset: number }
  /** `!`, `not`, `-`, `+`. */
  | { readonly kind: 'unary'; readonly op: string; readonly operand: Node; readonly offset: number }
  /** Arithmetic, comparison, logic and `in`, with the operator as written (`and` or `&&`). */
  | {
      readonly kind: 'binary';
      readonly op: string;
      readonly left: Node;
      readonly right: Node;
      readonly offset: number;
    }
  /** `a.b` (property is a string node) and `a[i]`. */
  | { readonly kind: 'member'; readonly object: Node; readonly property: Node; readonly offset: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[]; readonly offset: number }
  | {
      readonly kind: 'predicate';
      readonly name: PredicateName;
      readonly collection: Node;
      readonly body: Node;
      readonly offset: number;
    }
  | {
      readonly kind: 'conditional';
      readonly cond: Node;
      readonly then: Node;
      readonly otherwise: Node;
      readonly offset: number;
    }
  | { readonly kind: 'array'; readonly items: readonly Node[]; readonly offset: number };
