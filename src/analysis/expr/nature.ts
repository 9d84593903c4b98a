/**
 * Static types of the condition language, as expr-lang's checker sees them. Argo passes
 * `result` in the environment with its concrete Go type, so expr-lang type-checks every
 * condition against it before running: a Prometheus vector is `[]float64`, a scalar
 * `float64`, a structured result a `map[string]interface {}` whose members are untyped.
 * `any` (Go's `interface {}`) defers every check to run time.
 */
export type Nature =
  | { readonly kind: 'int' }
  | { readonly kind: 'float' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'string' }
  | { readonly kind: 'nil' }
  | { readonly kind: 'any' }
  | { readonly kind: 'array'; readonly elem: Nature }
  | { readonly kind: 'map'; readonly elem: Nature };

export const INT: Nature = { kind: 'int' };
export const FLOAT: Nature = { kind: 'float' };
export const BOOL: Nature = { kind: 'bool' };
export const STRING: Nature = { kind: 'string' };
export const NIL: Nature = { kind: 'nil' };
export const ANY: Nature = { kind: 'any' };
export const ANY_ARRAY: Nature = { kind: 'array', elem: ANY };

export const isNumber = (n: Nature): boolean => n.kind === 'int' || n.kind === 'float';
export const isInteger = (n: Nature): boolean => n.kind === 'int';
export const isAny = (n: Nature): boolean => n.kind === 'any';

/** The type expr-lang gives `result` for a provider's value. */
export function natureOfResult(value: unknown): Nature {
  if (typeof value === 'number') return FLOAT;
  if (Array.isArray(value))
    return value.every((v) => typeof v === 'number') ? { kind: 'array', elem: FLOAT } : ANY_ARRAY;
  if (value === null || value === undefined) return ANY;
  if (typeof value === 'object') return { kind: 'map', elem: ANY };
  if (typeof value === 'string') return STRING;
  if (typeof value === 'boolean') return BOOL;
  return ANY;
}

/** Go's spelling of a type, for error messages. */
export function natureName(n: Nature): string {
  switch (n.kind) {
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'nil':
      return '<nil>';
    case 'any':
      return 'interface {}';
    case 'array':
      return `[]${natureName(n.elem)}`;
    case 'map':
      return `map[string]${natureName(n.elem)}`;
  }
}

/** expr-lang's isComparable: equal kinds, two numbers, or anything against nil or any. */
export function isComparable(l: Nature, r: Nature): boolean {
  if (l.kind === 'nil' || r.kind === 'nil') return true;
  if (l.kind === r.kind) return true;
  if (isNumber(l) && isNumber(r)) return true;
  return isAny(l) || isAny(r);
}

/** expr-lang's `or`: one side is any and the other is any or satisfies one of `tests`. */
export function eitherAny(l: Nature, r: Nature, ...tests: ((n: Nature) => boolean)[]): boolean {
  if (isAny(l) && isAny(r)) return true;
  if (isAny(l) && tests.some((t) => t(r))) return true;
  return isAny(r) && tests.some((t) => t(l));
}

/** The type of `+ - * %` on two numbers: int when both are ints, else float64. */
export function combined(l: Nature, r: Nature): Nature {
  return isInteger(l) && isInteger(r) ? INT : FLOAT;
}
