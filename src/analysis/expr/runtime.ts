/**
 * Run-time values and operators, with expr-lang's semantics (vm/runtime):
 * - an int is a `bigint` (Go int64, wrapping on overflow); a float64 is a `number`;
 * - numbers mix freely (`1 == 1.0`); `/` and `**` always give float64; `%` needs ints;
 * - comparisons with NaN are false; `==` on other mixed types is false, not an error;
 * - `<` and arithmetic on anything but numbers (or strings for `<` and `+`) are errors.
 * Every error is thrown as an ExprFailure at the offset of the node that failed.
 */
import { fail } from './errors.js';

export type Value =
  | bigint
  | number
  | string
  | boolean
  | null
  | readonly unknown[]
  | Readonly<Record<string, unknown>>;

const MIN_INT64 = -(2n ** 63n);
const TWO_POW_63 = 2 ** 63;

/** Go's name for a value's dynamic type, as `%T` prints it. */
export function goType(v: unknown): string {
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return v.every((x) => typeof x === 'number') ? '[]float64' : '[]interface {}';
  return 'map[string]interface {}';
}

export const isNumeric = (v: unknown): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';

/** An int64 from a bigint result, wrapping like Go. */
export const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Go's int64(f): truncation; NaN, ±Inf and out-of-range give the minimum int64 (amd64). */
export function floatToInt(f: number): bigint {
  if (!Number.isFinite(f) || Math.abs(Math.trunc(f)) >= TWO_POW_63) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

/** A value fetched from a structure: JavaScript's undefined is Go's nil. */
export function normalize(v: unknown): Value {
  return v === undefined ? null : (v as Value);
}

export function requireBool(v: unknown, offset: number): boolean {
  if (typeof v !== 'boolean') fail(`interface conversion: interface {} is ${goType(v)}, not bool`, offset);
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && b !== null && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    const bo = b as Record<string, unknown>;
    return (
      ka.length === kb.length &&
      ka.every((k) => Object.hasOwn(bo, k) && deepEqual((a as Record<string, unknown>)[k], bo[k]))
    );
  }
  return a === b;
}

/** `==`: numbers compare as numbers (NaN is unequal to itself), nil equals nil, else deep equality. */
export function equal(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
    return Number(a) === Number(b);
  }
  return deepEqual(a, b);
}

export type Comparison = '<' | '>' | '<=' | '>=';

/** `< > <= >=` on two numbers or two strings; anything else is an error. */
export function compare(op: Comparison, a: unknown, b: unknown, offset: number): boolean {
  let x: number | string | bigint;
  let y: number | string | bigint;
  if (isNumeric(a) && isNumeric(b)) {
    [x, y] = typeof a === 'bigint' && typeof b === 'bigint' ? [a, b] : [Number(a), Number(b)];
  } else if (typeof a === 'string' && typeof b === 'string') {
    [x, y] = [a, b];
  } else {
    fail(`invalid operation: ${goType(a)} ${op} ${goType(b)}`, offset);
  }
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
}

export type Arithmetic = '+' | '-' | '*' | '/' | '%' | '**';

/** Arithmetic with Go's int/float rules; `+` also joins strings. */
export function arithmetic(op: Arithmetic, a: unknown, b: unknown, offset: number): Value {
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (!isNumeric(a) || !isNumeric(b)) fail(`invalid operation: ${goType(a)} ${op} ${goType(b)}`, offset);
  const ints = typeof a === 'bigint' && typeof b === 'bigint';
  switch (op) {
    case '+':
      return ints ? wrap(a + b) : Number(a) + Number(b);
    case '-':
      return ints ? wrap(a - b) : Number(a) - Number(b);
    case '*':
      return ints ? wrap(a * b) : Number(a) * Number(b);
    case '/':
      return Number(a) / Number(b);
    case '%':
      if (!ints) fail(`invalid operation: ${goType(a)} % ${goType(b)}`, offset);
      if (b === 0n) fail('runtime error: integer divide by zero', offset);
      return a % b;
    case '**':
      return goPow(Number(a), Number(b));
  }
}

/** Go's math.Pow where it differs from JavaScript's `**`: 1 to any power, and (-1)^±Inf, are 1. */
export function goPow(x: number, y: number): number {
  if (x === 1) return 1;
  if (x === -1 && (y === Number.POSITIVE_INFINITY || y === Number.NEGATIVE_INFINITY)) return 1;
  return x ** y;
}

export function negate(v: unknown, offset: number): Value {
  if (typeof v === 'bigint') return wrap(-v);
  if (typeof v === 'number') return -v;
  fail(`invalid operation: - ${goType(v)}`, offset);
}

/** `a[i]` and `a.name`: arrays by int index (negative counts from the end), maps by string key (missing is nil). */
export function fetch(from: unknown, key: unknown, offset: number): Value {
  if (Array.isArray(from)) {
    if (!isNumeric(key)) fail(`invalid operation: int(${goType(key)})`, offset);
    const length = from.length;
    let index = typeof key === 'bigint' ? Number(key) : Math.trunc(key);
    if (index < 0) index += length;
    if (index < 0 || index >= length)
      fail(`index out of range: ${index} (array length is ${length})`, offset);
    return normalize(from[index]);
  }
  if (from !== null && typeof from === 'object') {
    if (typeof key !== 'string') {
      fail(`reflect.Value.MapIndex: value of type ${goType(key)} is not assignable to type string`, offset);
    }
    const map = from as Record<string, unknown>;
    return Object.hasOwn(map, key) ? normalize(map[key]) : null;
  }
  fail(`cannot fetch ${typeof key === 'string' ? key : String(key)} from ${goType(from)}`, offset);
}

/** `x in collection`: membership in an array (by `==`) or a map's keys; nothing is in nil. */
export function contains(collection: unknown, needle: unknown, offset: number): boolean {
  if (collection === null || collection === undefined) return false;
  if (Array.isArray(collection)) return collection.some((item) => equal(item, needle));
  if (typeof collection === 'object') {
    if (typeof needle !== 'string')
      fail(`cannot use ${goType(needle)} as index to ${goType(collection)}`, offset);
    return Object.hasOwn(collection, needle);
  }
  fail(`operator "in" not defined on ${goType(collection)}`, offset);
}
