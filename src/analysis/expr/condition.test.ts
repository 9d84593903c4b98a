import { describe, expect, it } from 'vitest';
import { compileCondition } from './condition.js';

/** Compile and evaluate; a compile error is reported like an evaluation error. */
function evaluate(source: string, result: unknown) {
  const compiled = compileCondition(source);
  if (!compiled.ok) return compiled;
  return compiled.condition.evaluate(result);
}

type Expected = boolean | { readonly error: string | RegExp; readonly offset?: number };

// Each row: condition, result, expected outcome, and the Argo/expr-lang test or rule it mirrors.
const CASES: readonly (readonly [string, unknown, Expected, string])[] = [
  // The conditions Argo users write against Prometheus vectors.
  ['result[0] <= 0.01', [0.005], true, 'docs/features/analysis.md: error-rate threshold'],
  ['result[0] <= 0.01', [0.02], false, 'docs/features/analysis.md'],
  [
    'result[0] <= 0.01',
    [],
    { error: 'index out of range: 0 (array length is 0)', offset: 6 },
    'vm/runtime Fetch',
  ],
  ['len(result) == 0 || result[0] >= 0.95', [], true, 'analysis.md "Empty array": succeeds on []'],
  ['len(result) == 0 || result[0] >= 0.95', [0.9], false, 'analysis.md "Empty array"'],
  ['len(result) > 0 && result[0] >= 0.95', [], false, 'analysis.md "Empty array": fails on []'],
  ['isNaN(result[0])', [Number.NaN], true, 'analysis.md "NaN and Infinity"'],
  ['isNaN(result[0]) || result[0] >= 0.95', [Number.NaN], true, 'analysis.md: NaN considered successful'],
  ['result[0] >= 0.95', [Number.NaN], false, 'NaN comparisons are false'],
  ['result[0] < 0.95', [Number.NaN], false, 'NaN comparisons are false'],
  ['result[0] == result[0]', [Number.NaN], false, 'NaN is unequal to itself'],
  ['result >= 0.95', Number.POSITIVE_INFINITY, true, 'analysis.md: +Inf succeeds'],
  ['isInf(result)', Number.POSITIVE_INFINITY, true, 'evaluate_test.go TestIsInf'],
  ['isInf(result)', 0, false, 'evaluate_test.go TestIsInf'],
  ['result[-1] == 3', [1, 2, 3], true, 'expr-lang: negative index counts from the end'],
  [
    'result[3] == 3',
    [1, 2, 3],
    { error: 'index out of range: 3 (array length is 3)', offset: 6 },
    'vm/runtime Fetch',
  ],
  // Operators and precedence.
  ['result[0] > 0.5 && result[1] > 0.5', [0.6, 0.4], false, '&&'],
  ['result[0] > 0.5 and result[1] > 0.5', [0.6, 0.6], true, 'and'],
  ['result[0] > 0.5 || result[1] > 0.5', [0.4, 0.6], true, '||'],
  ['result[0] > 0.5 or result[1] > 0.5', [0.4, 0.4], false, 'or'],
  ['!(result > 1)', 0, true, '!'],
  ['not (result > 1)', 0, true, 'not'],
  ['!true == false', 0, true, 'unary ! binds tighter than == (precedence 50 vs 20)'],
  ['-2 ** 2 == -4', 0, true, 'unary - parses its operand at 90: -(2 ** 2)'],
  ['2 ** 3 ** 2 == 512', 0, true, '** is right-associative'],
  ['2 ^ 10 == 1024', 0, true, '^ is **'],
  ['1 + 2 * 3 == 7', 0, true, '* before +'],
  ['(1 + 2) * 3 == 9', 0, true, 'parentheses'],
  ['7 / 2 == 3.5', 0, true, '/ always gives float64'],
  ['7 % 3 == 1', 0, true, '% on ints'],
  ['-7 % 3 == -1', 0, true, 'Go remainder takes the dividend sign'],
  [
    'result % 2 == 1',
    3,
    { error: 'invalid operation: % (mismatched types float64 and int)', offset: 7 },
    'checker: % needs ints',
  ],
  ['1 < 2 < 3', 0, true, 'parser: comparisons chain'],
  ['3 > 2 > 2', 0, false, 'parser: 3 > 2 && 2 > 2'],
  ['1 == 1.0', 0, true, 'numbers compare across int and float'],
  ['"a" + "b" == "ab"', 0, true, 'string concatenation'],
  ['"abc" < "abd"', 0, true, 'string comparison'],
  ['result > 1 ? result < 3 : false', 2, true, 'ternary'],
  ['result > 1 ?: false', 0, false, 'elvis form c ?: b'],
  ['2 in result', [2, 2], true, 'evaluate_test.go TestEvaluateInOperator'],
  ['3 in result', [2, 2], false, 'in'],
  ['3 not in result', [2, 2], true, 'not in'],
  ['"score" in result', { score: 1 }, true, 'in on a map checks keys'],
  ['nil == nil', 0, true, 'nil'],
  ['result.missing == nil', { score: 1 }, true, 'a missing map key is nil'],
  ['0x10 == 16 && 0o10 == 8 && 0b10 == 2 && 1_000 == 1000', 0, true, 'integer literals'],
  ['.5 == 0.5 && 1e3 == 1000', 0, true, 'float literals'],
  ['\'single\' == "single"', 0, true, 'both quote styles'],
  ['"\\u00e9\\x41\\101\\"" == \'éAA"\'', 0, true, 'Go escapes'],
  ['"a\\tb" == `a\\tb`', 0, false, 'raw strings keep backslashes'],
  ['result > 1 // trailing comment', 2, true, 'comments'],
  // Structured results (a judge's verdict).
  ['result.score >= 80', { score: 90 }, true, 'member access'],
  ['result["score"] >= 80', { score: 70 }, false, 'index access on a map'],
  [
    'all(result.service_apdex.values.values, {# > 1})',
    { service_apdex: { values: { values: [2, 2] } } },
    true,
    'evaluate_test.go TestEvaluateArray',
  ],
  ['all(result, # > 0.5)', [0.6, 0.7], true, 'all'],
  ['all(result, # > 0.5)', [], true, 'all on [] is true'],
  ['any(result, {# > 0.65})', [0.6, 0.7], true, 'any'],
  ['any(result, # > 0.65)', [], false, 'any on [] is false'],
  ['none(result, # > 1)', [0.6, 0.7], true, 'none'],
  ['one(result, # > 0.65)', [0.6, 0.7], true, 'one'],
  ['any(result, .ok)', [{ ok: false }, { ok: true }], true, '.name is #.name inside a predicate'],
  // Argo's environment functions (utils/evaluate/evaluate.go).
  ['asInt(result) == 1', '1', true, 'evaluate_test.go TestEvaluateAsInt'],
  ['asInt(result) == 1', 1.123, true, 'evaluate_test.go TestEvaluateAsInt'],
  [
    'asInt(result) == 1.1',
    '1.1',
    { error: 'strconv.ParseInt: parsing "1.1": invalid syntax' },
    'evaluate_test.go TestEvaluateAsIntPanic',
  ],
  ['asFloat(result) == 1.1', '1.1', true, 'evaluate_test.go TestEvaluateAsFloat'],
  [
    'asFloat(result) == 1.1',
    'NotANum',
    { error: 'strconv.ParseFloat: parsing "NotANum": invalid syntax' },
    'evaluate_test.go TestEvaluateAsFloatError',
  ],
  [
    'asFloat(result) == "1.1"',
    '1.1',
    { error: 'invalid operation: == (mismatched types float64 and string)' },
    'evaluate_test.go TestEvaluateAsFloatError',
  ],
  ['asInt(7.9) % 2 == 1', 0, true, 'asInt truncates to an int'],
  ['asFloat("0x1p-2") == 0.25 && isInf(asFloat("-Inf"))', 0, true, 'asFloat is strconv.ParseFloat'],
  [
    'asFloat("1e999") > 0',
    0,
    { error: 'strconv.ParseFloat: parsing "1e999": value out of range' },
    'ParseFloat range error',
  ],
  ['isNil(result)', [], false, 'an empty vector is not nil (prometheus.go makes a non-nil slice)'],
  ['isNil(result[0])', [1], false, 'Argo quirk: isNil ignores its argument and tests result'],
  ['default(result, 0) == 0', 3, false, 'default returns result when it is not nil'],
  [
    'default(result, 0) < 0.05',
    [],
    { error: 'invalid operation: []float64 < float64' },
    'default of a non-nil vector is the vector',
  ],
  ['abs(result) == 2', -2, true, 'abs'],
  ['abs(-3) == 3', 0, true, 'abs on an int'],
  ['isNaN(1)', 0, false, 'integer literal passed to float64 parameter becomes a float'],
  [
    'isNaN(len(result))',
    [],
    { error: 'cannot use int as argument (type float64) to call isNaN' },
    'reflect call rejects int for float64',
  ],
  // Errors from Argo's evaluate_test.go and expr-lang's checker.
  ['1', 0, { error: 'expected bool, but got int', offset: 0 }, 'evaluate_test.go TestErrorWithNonBoolReturn'],
  [
    'invalidVariable',
    true,
    { error: 'unknown name invalidVariable', offset: 0 },
    'evaluate_test.go TestErrorWithInvalidReference',
  ],
  ['result == true', true, true, 'evaluate_test.go TestEvaluateConditionWithSuccess'],
  ['result == false', true, false, 'evaluate_test.go TestEvaluateConditionWithFailure'],
  ['result > 1', 5, true, 'evaluate_test.go TestEvaluateFloat64'],
  [
    'result[0] == "x"',
    [1],
    { error: 'invalid operation: == (mismatched types float64 and string)', offset: 10 },
    'checker isComparable',
  ],
  [
    'len(result) == 0 || result[0] == "x"',
    [],
    { error: 'mismatched types float64 and string' },
    'type errors are found even in a branch that does not run',
  ],
  [
    'result.score > 1',
    [1],
    { error: 'array elements can only be selected using an integer (got string)', offset: 7 },
    'checker MemberNode',
  ],
  ['result[0] > 1', 5, { error: 'type float64[int] is undefined', offset: 6 }, 'checker MemberNode'],
  [
    '"a" + 1 == "a1"',
    0,
    { error: 'invalid operation: + (mismatched types string and int)', offset: 4 },
    'checker BinaryNode',
  ],
  [
    'result && true',
    1,
    { error: 'invalid operation: && (mismatched types float64 and bool)', offset: 7 },
    'checker: && needs bools',
  ],
  ['!result', 1, { error: 'invalid operation: ! (mismatched type float64)', offset: 0 }, 'checker UnaryNode'],
  [
    'result.flag && true',
    { flag: 1 },
    { error: 'interface conversion: interface {} is float64, not bool', offset: 12 },
    'run time: && needs a bool on the left',
  ],
  [
    'result.a < 1',
    { a: 'x' },
    { error: 'invalid operation: string < int', offset: 9 },
    'runtime Less on untyped values',
  ],
  ['result.a == 1', { a: 'x' }, false, 'runtime Equal on untyped values is false, not an error'],
  ['len(result) > 0', 1, { error: 'invalid argument for len (type float64)', offset: 0 }, 'builtin len'],
  [
    'round(result) > 0',
    1,
    { error: 'the function round is not supported in rollout-lab conditions', offset: 0 },
    'outside the subset',
  ],
  ['foo(result)', 1, { error: 'unknown name foo', offset: 0 }, 'unknown function'],
  ['isNaN()', 1, { error: 'not enough arguments to call isNaN', offset: 0 }, 'checker checkArguments'],
  ['isNaN(1, 2)', 1, { error: 'too many arguments to call isNaN', offset: 0 }, 'checker checkArguments'],
  ['1 % 0 == 0', 0, { error: 'integer divide by zero', offset: 2 }, 'Go run-time panic'],
];

describe('condition evaluation (expr-lang semantics)', () => {
  it.each(CASES)('%s with result %j', (source, result, expected) => {
    const outcome = evaluate(source, result);
    if (typeof expected === 'boolean') {
      expect(outcome).toEqual({ ok: true, value: expected });
      return;
    }
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toMatch(expected.error);
    if (expected.offset !== undefined) expect(outcome.error.offset).toBe(expected.offset);
  });

  it('compiles once and evaluates many results', () => {
    const compiled = compileCondition('result[0] <= 0.01');
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.condition.evaluate([0.001])).toEqual({ ok: true, value: true });
    expect(compiled.condition.evaluate([0.5])).toEqual({ ok: true, value: false });
    expect(compiled.condition.evaluate(0.001).ok).toBe(false);
    expect(compiled.condition.evaluate([0.001])).toEqual({ ok: true, value: true });
  });
});

describe('condition syntax errors carry their offset', () => {
  it.each([
    ['(1 + ', 'unexpected token EOF', 5],
    ['result[0] <= ', 'unexpected token EOF', 13],
    ['result[0] <= 0.01)', 'unexpected token Bracket(")")', 17],
    ['result[0] <== 1', 'unexpected token Operator("=")', 12],
    ['result @ 1', 'unrecognized character: "@"', 7],
    ['"abc', 'literal not terminated', 0],
    ['result == "a\\qb"', 'invalid char escape', 10],
    ['1.2.3 > 1', 'unexpected token Number(".3")', 3],
    ['12abc > 1', 'bad number syntax: "12a"', 2],
    ['result ?? 1', 'the nil-coalescing operator ?? is not supported in rollout-lab conditions', 7],
    ['result[1:2]', 'the slice operator [:] is not supported in rollout-lab conditions', 6],
    ['# > 1', 'cannot use pointer accessor outside predicate', 0],
    ['filter(result, # > 1)', 'the function filter is not supported in rollout-lab conditions', 0],
    ['result.Name() == "hi"', 'the method call .Name() is not supported in rollout-lab conditions', 7],
    ['x ? 1', 'unexpected token EOF', 5],
  ] as const)('%s', (source, message, offset) => {
    const compiled = compileCondition(source);
    expect(compiled).toEqual({ ok: false, error: { message, offset } });
  });
});
