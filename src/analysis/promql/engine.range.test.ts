/**
 * Range queries, subqueries, result types and result order.
 */
import { describe, expect, it } from 'vitest';
import { PromQLError } from './errors.js';
import { engineWith, vectorAt } from './testing/query.js';

const e = engineWith({
  'x{a="1"}': '1 5 2 4 3', // 0 … 60 s
  'late{a="1"}': '_x2 7 8', // 30 s and 45 s only
  'p{a="1"}': '1 2', // 0 and 15 s
  'q{a="1"}': '_x5 3 4', // 75 and 90 s
  'b{a="1"}': '1',
});

describe('range queries', () => {
  it('evaluate at start, start + step, … ≤ end, one series per label set', () => {
    expect(e.range('x', 0, 60_000, 15_000)).toEqual([
      {
        labels: { __name__: 'x', a: '1' },
        points: [
          { t: 0, value: 1 },
          { t: 15_000, value: 5 },
          { t: 30_000, value: 2 },
          { t: 45_000, value: 4 },
          { t: 60_000, value: 3 },
        ],
      },
    ]);
  });

  it('give each series only the steps where it had a value', () => {
    const r = e.range('late', 0, 60_000, 15_000);
    expect(r[0].points.map((p) => p.t)).toEqual([30_000, 45_000, 60_000]); // 60 s via lookback
  });

  it('sort series by labels', () => {
    const r = e.range('{__name__=~"x|b"}', 0, 0, 1000);
    expect(r.map((s) => s.labels.__name__)).toEqual(['b', 'x']);
  });

  it('return a scalar as one series without labels', () => {
    expect(e.range('time()', 0, 30_000, 15_000)).toEqual([
      {
        labels: {},
        points: [
          { t: 0, value: 0 },
          { t: 15_000, value: 15 },
          { t: 30_000, value: 30 },
        ],
      },
    ]);
  });

  it('resolve @ start() and @ end() against the query range', () => {
    const r = e.range('x @ start()', 15_000, 45_000, 15_000);
    expect(r[0].points.map((p) => p.value)).toEqual([5, 5, 5]);
    const s = e.range('x @ end()', 15_000, 45_000, 15_000);
    expect(s[0].points.map((p) => p.value)).toEqual([4, 4, 4]);
  });

  it("report duplicate label sets across the whole range, as Prometheus's result matrix does", () => {
    // p and q never share a 10 s window, so each step alone is fine …
    expect(vectorAt(e, 'max_over_time({__name__=~"p|q"}[10s])', 15_000)).toEqual({ '{a="1"}': 2 });
    // … but over 0 … 90 s both become {a="1"}.
    expect(() => e.range('max_over_time({__name__=~"p|q"}[10s])', 0, 90_000, 15_000)).toThrow(
      new PromQLError('vector cannot contain metrics with the same labelset'),
    );
  });

  it('reject invalid ranges and non-instant expressions with Prometheus messages', () => {
    expect(() => e.range('x', 0, 60_000, 0)).toThrow(/zero or negative query resolution step widths/);
    expect(() => e.range('x', 60_000, 0, 1000)).toThrow(/end timestamp must not be before start time/);
    expect(() => e.range('x', 0, 11_001_000, 1000)).toThrow(/exceeded maximum resolution of 11,000 points/);
    expect(() => e.range('x[1m]', 0, 60_000, 15_000)).toThrow(
      new PromQLError(
        'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
      ),
    );
    expect(() => e.range('"text"', 0, 60_000, 15_000)).toThrow(/invalid expression type "string"/);
  });
});

describe('instant query result types', () => {
  it('return vectors and scalars, not range vectors or strings', () => {
    expect(e.instant('1 + 1', 0)).toEqual({ kind: 'scalar', value: 2 });
    expect(() => e.instant('x[1m]', 0)).toThrow(PromQLError);
    expect(() => e.instant('"text"', 0)).toThrow(PromQLError);
  });

  it('sort vectors by labels unless the outermost operation orders them', () => {
    const s = engineWith({ 'v{i="b"}': '1', 'v{i="a"}': '3', 'v{i="c"}': '2' });
    const order = (expr: string) => {
      const r = s.instant(expr, 0);
      return r.kind === 'vector' ? r.samples.map((x) => x.labels.i) : [];
    };
    expect(order('v')).toEqual(['a', 'b', 'c']);
    expect(order('v * 2')).toEqual(['a', 'b', 'c']);
    expect(order('sort_desc(v)')).toEqual(['a', 'c', 'b']);
    expect(order('(bottomk(3, v))')).toEqual(['b', 'c', 'a']);
  });
});

describe('subqueries', () => {
  it('evaluate the inner expression at multiples of the step inside the window', () => {
    // [1m:15s] at 60 s: inner steps 0, 15, 30, 45, 60 s → 1 5 2 4 3.
    expect(vectorAt(e, 'max_over_time(x[1m:15s])', 60_000)).toEqual({ '{a="1"}': 5 });
    expect(vectorAt(e, 'count_over_time(x[1m:15s])', 60_000)).toEqual({ '{a="1"}': 5 });
    // [30s:15s]: 30, 45, 60 s → 2 4 3.
    expect(vectorAt(e, 'max_over_time(x[30s:15s])', 60_000)).toEqual({ '{a="1"}': 4 });
    // Unaligned: at 52 s, [30s:15s] covers 22 … 52 s: steps 30 and 45 s.
    expect(vectorAt(e, 'count_over_time(x[30s:15s])', 52_000)).toEqual({ '{a="1"}': 2 });
  });

  it('exclude the window start in Prometheus 3', () => {
    const v3 = engineWith({ 'x{a="1"}': '1 5 2 4 3' }, { engine: { dialect: 'prometheus-3' } });
    expect(vectorAt(v3, 'count_over_time(x[1m:15s])', 60_000)).toEqual({ '{a="1"}': 4 });
  });

  it('use the default step when none is given', () => {
    // Default 1 m: steps 0 and 60 s → 1 and 3.
    expect(vectorAt(e, 'max_over_time(x[1m:])', 60_000)).toEqual({ '{a="1"}': 3 });
    const fine = engineWith({ 'x{a="1"}': '1 5 2 4 3' }, { engine: { defaultSubqueryStepMs: 15_000 } });
    expect(vectorAt(fine, 'max_over_time(x[1m:])', 60_000)).toEqual({ '{a="1"}': 5 });
  });

  it('honour offset and nest', () => {
    // offset 30s at 60 s: window [0, 30 s] → 1 5 2.
    expect(vectorAt(e, 'max_over_time(x[30s:15s] offset 30s)', 60_000)).toEqual({ '{a="1"}': 5 });
    // Inner max over [t − 15 s, t] at 30, 45, 60 s: max(5, 2), max(2, 4), max(4, 3).
    expect(vectorAt(e, 'max_over_time(max_over_time(x[15s:15s])[30s:15s])', 60_000)).toEqual({
      '{a="1"}': 5,
    });
    expect(vectorAt(e, 'min_over_time(max_over_time(x[15s:15s])[30s:15s])', 60_000)).toEqual({
      '{a="1"}': 4,
    });
  });

  it('give a range query the same values as instant queries at each step', () => {
    const expr = 'max_over_time(x[30s:15s])';
    const r = e.range(expr, 30_000, 60_000, 15_000)[0].points.map((p) => p.value);
    const instant = [30_000, 45_000, 60_000].map((t) => vectorAt(e, expr, t)['{a="1"}']);
    expect(r).toEqual(instant);
  });
});
