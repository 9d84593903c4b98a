/**
 * The functions a condition may call: expr-lang's builtins `len` and `abs`, and the ones
 * Argo Rollouts puts in the environment (utils/evaluate/evaluate.go): `isNaN`, `isInf`,
 * `asInt`, `asFloat`, `isNil`, `default`.
 *
 * Argo quirk, kept on purpose: `isNil(x)` and `default(x, d)` ignore `x` and look at the
 * measurement's `result` itself — `default(result[0], 0)` yields the whole `result` when
 * it is not nil. A Prometheus result is never nil (an empty vector is an empty array).
 */
import { parseGoFloat } from '../promql/literals.js';
import { fail } from './errors.js';
import { ANY, BOOL, FLOAT, INT, isNumber, type Nature, natureName } from './nature.js';
import { floatToInt, goType, isNumeric, type Value } from './runtime.js';

export interface CallSite {
  /** Offset of the function's name. */
  readonly offset: number;
  /** Offsets of the arguments. */
  readonly argOffsets: readonly number[];
}

export interface FunctionDef {
  /** Static check of the argument types; returns the result type or throws. */
  check(args: readonly Nature[], site: CallSite): Nature;
  /** Run on evaluated arguments; `result` is the measurement's value. */
  run(args: readonly Value[], result: Value, site: CallSite): Value;
}

/** expr-lang builtins validate their argument count this way. */
function builtinArity(n: number, args: readonly unknown[], site: CallSite): void {
  if (args.length !== n) fail(`invalid number of arguments (expected ${n}, got ${args.length})`, site.offset);
}

/** Functions from Argo's environment are Go functions: their arity is checked like a call. */
function envArity(name: string, n: number, args: readonly unknown[], site: CallSite): void {
  if (args.length < n) fail(`not enough arguments to call ${name}`, site.offset);
  if (args.length > n) fail(`too many arguments to call ${name}`, site.offset);
}

function requireFloatArgument(name: string, v: Value, site: CallSite): number {
  if (typeof v !== 'number')
    fail(`cannot use ${goType(v)} as argument (type float64) to call ${name}`, site.argOffsets[0]);
  return v;
}

function describeValue(v: Value): string {
  if (v === null) return '<nil> <nil>';
  if (Array.isArray(v)) return `${goType(v)} [${v.map(String).join(' ')}]`;
  if (typeof v === 'object') return `${goType(v)} map[...]`;
  return `${goType(v)} ${String(v)}`;
}

function parseGoInt(s: string, site: CallSite): bigint {
  if (!/^[+-]?\d+$/.test(s))
    fail(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`, site.offset);
  const v = BigInt(s);
  if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) {
    fail(`strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`, site.offset);
  }
  return v;
}

/** Argo's asFloat: strconv.ParseFloat, whose range error is a panic (an evaluation error) too. */
function parseFloatArgument(s: string, site: CallSite): number {
  const v = parseGoFloat(s);
  if (v === undefined) fail(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`, site.offset);
  if (!Number.isFinite(v) && !Number.isNaN(v) && !/^[+-]?inf(inity)?$/i.test(s)) {
    fail(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: value out of range`, site.offset);
  }
  return v;
}

const isGoNil = (v: Value): boolean => v === null;

export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  len: {
    check(args, site) {
      builtinArity(1, args, site);
      const k = args[0].kind;
      if (k === 'array' || k === 'map' || k === 'string' || k === 'any') return INT;
      fail(`invalid argument for len (type ${natureName(args[0])})`, site.offset);
    },
    run([v], _result, site) {
      if (Array.isArray(v)) return BigInt(v.length);
      if (typeof v === 'string') return BigInt(new TextEncoder().encode(v).length);
      if (v !== null && typeof v === 'object') return BigInt(Object.keys(v).length);
      fail(`invalid argument for len (type ${goType(v)})`, site.offset);
    },
  },
  abs: {
    check(args, site) {
      builtinArity(1, args, site);
      if (isNumber(args[0]) || args[0].kind === 'any') return args[0];
      fail(`invalid argument for abs (type ${natureName(args[0])})`, site.offset);
    },
    run([v], _result, site) {
      if (typeof v === 'bigint') return v < 0n ? BigInt.asIntN(64, -v) : v;
      if (typeof v === 'number') return Math.abs(v);
      fail(`invalid argument for abs (type ${goType(v)})`, site.offset);
    },
  },
  isNaN: {
    check(args, site) {
      envArity('isNaN', 1, args, site);
      return BOOL;
    },
    run([v], _result, site) {
      return Number.isNaN(requireFloatArgument('isNaN', v, site));
    },
  },
  isInf: {
    check(args, site) {
      envArity('isInf', 1, args, site);
      return BOOL;
    },
    run([v], _result, site) {
      const f = requireFloatArgument('isInf', v, site);
      return f === Number.POSITIVE_INFINITY || f === Number.NEGATIVE_INFINITY;
    },
  },
  asInt: {
    check(args, site) {
      envArity('asInt', 1, args, site);
      return INT;
    },
    run([v], _result, site) {
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number') return floatToInt(v);
      if (typeof v === 'string') return parseGoInt(v, site);
      fail(`asInt() not supported on ${describeValue(v)}`, site.offset);
    },
  },
  asFloat: {
    check(args, site) {
      envArity('asFloat', 1, args, site);
      return FLOAT;
    },
    run([v], _result, site) {
      if (isNumeric(v)) return Number(v);
      if (typeof v === 'string') return parseFloatArgument(v, site);
      fail(`asFloat() not supported on ${describeValue(v)}`, site.offset);
    },
  },
  isNil: {
    check(args, site) {
      envArity('isNil', 1, args, site);
      return BOOL;
    },
    run(_args, result) {
      return isGoNil(result);
    },
  },
  default: {
    check(args, site) {
      envArity('default', 2, args, site);
      return ANY;
    },
    run([, fallback], result) {
      return isGoNil(result) ? fallback : result;
    },
  },
};

/** expr-lang builtins outside this subset: calling one says it is unsupported rather than unknown. */
export const UNSUPPORTED_BUILTINS = new Set([
  'int',
  'float',
  'string',
  'type',
  'trim',
  'trimPrefix',
  'trimSuffix',
  'upper',
  'lower',
  'split',
  'splitAfter',
  'replace',
  'repeat',
  'indexOf',
  'lastIndexOf',
  'hasPrefix',
  'hasSuffix',
  'max',
  'min',
  'ceil',
  'floor',
  'round',
  'mean',
  'median',
  'first',
  'last',
  'get',
  'take',
  'keys',
  'values',
  'toPairs',
  'fromPairs',
  'concat',
  'flatten',
  'join',
  'reverse',
  'uniq',
  'sort',
  'toJSON',
  'fromJSON',
  'toBase64',
  'fromBase64',
  'now',
  'duration',
  'date',
  'timezone',
  'bitand',
  'bitor',
  'bitxor',
  'bitnand',
  'bitnot',
  'bitshl',
  'bitshr',
  'bitushr',
]);
