/**
 * Functions, each with a hand-computed value. Series are scraped every 15 s from t = 0.
 */
import { describe, expect, it } from 'vitest';
import { PromQLError } from './errors.js';
import { engineWith, ms, scalarAt, vectorAt } from './testing/query.js';

const e = engineWith({
  'm{p="a"}': '1 4 2 8 5', // 0 … 60 s
  'n{p="a"}': 'NaN 3 NaN 1',
  'lin{p="a"}': '0+2x4', // 0 2 4 6 8: slope 2 per 15 s
  'flat{p="a"}': '7 7 7',
  'v{p="a"}': '-2.5',
  'w{p="a"}': '8',
  'pos{p="a"}': '2.5',
  'ts{p="a"}': '1709214330', // 2024-02-29T13:45:30Z, a Thursday
});
const at60 = (expr: string) => vectorAt(e, expr, ms(1));

describe('aggregations over time, window [0 s, 60 s] of 1 4 2 8 5', () => {
  it('sum, avg, min, max, count, last, present', () => {
    expect(at60('sum_over_time(m[1m])')).toEqual({ '{p="a"}': 20 });
    expect(at60('avg_over_time(m[1m])')).toEqual({ '{p="a"}': 4 });
    expect(at60('min_over_time(m[1m])')).toEqual({ '{p="a"}': 1 });
    expect(at60('max_over_time(m[1m])')).toEqual({ '{p="a"}': 8 });
    expect(at60('count_over_time(m[1m])')).toEqual({ '{p="a"}': 5 });
    expect(at60('present_over_time(m[1m])')).toEqual({ '{p="a"}': 1 });
    // last_over_time alone keeps the metric name (Prometheus 2.42).
    expect(at60('last_over_time(m[1m])')).toEqual({ 'm{p="a"}': 5 });
  });

  it('quantile_over_time interpolates between ranks q·(n−1)', () => {
    // Sorted 1 2 4 5 8. q = 0.5: rank 2 → 4. q = 0.9: rank 3.6 → 5·0.4 + 8·0.6 = 6.8.
    expect(at60('quantile_over_time(0.5, m[1m])')).toEqual({ '{p="a"}': 4 });
    expect(at60('quantile_over_time(0.9, m[1m])')['{p="a"}']).toBeCloseTo(6.8, 12);
    expect(at60('quantile_over_time(-1, m[1m])')).toEqual({ '{p="a"}': Number.NEGATIVE_INFINITY });
    expect(at60('quantile_over_time(2, m[1m])')).toEqual({ '{p="a"}': Number.POSITIVE_INFINITY });
    expect(at60('quantile_over_time(NaN, m[1m])')['{p="a"}']).toBeNaN();
  });

  it('stdvar and stddev are population statistics', () => {
    // Mean 4; squared deviations 9 0 4 16 1 sum to 30; 30 / 5 = 6.
    expect(at60('stdvar_over_time(m[1m])')['{p="a"}']).toBeCloseTo(6, 12);
    expect(at60('stddev_over_time(m[1m])')['{p="a"}']).toBeCloseTo(Math.sqrt(6), 12);
  });

  it('changes counts value changes, NaN to NaN being none', () => {
    expect(at60('changes(m[1m])')).toEqual({ '{p="a"}': 4 });
    // NaN 3 NaN 1: three changes.
    expect(vectorAt(e, 'changes(n[1m])', 45_000)).toEqual({ '{p="a"}': 3 });
  });

  it('min and max skip NaN unless everything is NaN; sums propagate it', () => {
    expect(vectorAt(e, 'max_over_time(n[1m])', 45_000)).toEqual({ '{p="a"}': 3 });
    expect(vectorAt(e, 'min_over_time(n[1m])', 45_000)).toEqual({ '{p="a"}': 1 });
    expect(vectorAt(e, 'sum_over_time(n[1m])', 45_000)['{p="a"}']).toBeNaN();
    expect(vectorAt(e, 'max_over_time(n[1s])', 0)['{p="a"}']).toBeNaN();
  });

  it('deriv and predict_linear fit a least-squares line', () => {
    // 0 2 4 6 8 over 0 … 60 s: slope 2/15 per second; at 60 s the line is at 8, so
    // 30 s later it is at 8 + 30 · 2/15 = 12.
    expect(at60('deriv(lin[1m])')['{p="a"}']).toBeCloseTo(2 / 15, 12);
    expect(at60('predict_linear(lin[1m], 30)')['{p="a"}']).toBeCloseTo(12, 12);
    expect(vectorAt(e, 'deriv(flat[1m])', 30_000)).toEqual({ '{p="a"}': 0 });
  });
});

describe('absent and absent_over_time', () => {
  it("invent labels from the selector's equality matchers", () => {
    expect(vectorAt(e, 'absent(nothing{job="x", env=~"p.*"})', 0)).toEqual({ '{job="x"}': 1 });
    // A label matched twice is left out.
    expect(vectorAt(e, 'absent(nothing{job="x", job="y"})', 0)).toEqual({ '{}': 1 });
    expect(vectorAt(e, 'absent(sum(nothing{job="x"}))', 0)).toEqual({ '{}': 1 });
    expect(vectorAt(e, 'absent(m)', 0)).toEqual({});
  });

  it('absent_over_time looks at the whole window', () => {
    expect(vectorAt(e, 'absent_over_time(nothing{job="x"}[1m])', 0)).toEqual({ '{job="x"}': 1 });
    // m's last sample is at 60 s: present in [60 s, 120 s], absent in [60.001 s, 120.001 s].
    expect(vectorAt(e, 'absent_over_time(m[1m])', ms(2))).toEqual({});
    expect(vectorAt(e, 'absent_over_time(m[1m])', ms(2) + 1)).toEqual({ '{}': 1 });
  });
});

describe('value transforms drop the metric name', () => {
  it('abs ceil floor sgn sqrt exp ln log2 log10', () => {
    expect(vectorAt(e, 'abs(v)', 0)).toEqual({ '{p="a"}': 2.5 });
    expect(vectorAt(e, 'ceil(v)', 0)).toEqual({ '{p="a"}': -2 });
    expect(vectorAt(e, 'floor(v)', 0)).toEqual({ '{p="a"}': -3 });
    expect(vectorAt(e, 'sgn(v)', 0)).toEqual({ '{p="a"}': -1 });
    expect(vectorAt(e, 'sqrt(v)', 0)['{p="a"}']).toBeNaN();
    expect(vectorAt(e, 'sqrt(w)', 0)['{p="a"}']).toBeCloseTo(Math.SQRT2 * 2, 14);
    expect(vectorAt(e, 'exp(w - 8)', 0)).toEqual({ '{p="a"}': 1 });
    expect(vectorAt(e, 'ln(w / 8)', 0)).toEqual({ '{p="a"}': 0 });
    // Go's Log2 is exact for powers of two (Math.log(8)·LOG2E would be 2.9999999999999996).
    expect(vectorAt(e, 'log2(w)', 0)).toEqual({ '{p="a"}': 3 });
    expect(vectorAt(e, 'log10(w * 125)', 0)).toEqual({ '{p="a"}': 3 });
    expect(vectorAt(e, 'deg(pi() + w * 0)', 0)['{p="a"}']).toBeCloseTo(180, 12);
  });

  it('round: ties go up, to the nearest multiple', () => {
    expect(vectorAt(e, 'round(v)', 0)).toEqual({ '{p="a"}': -2 });
    expect(vectorAt(e, 'round(pos)', 0)).toEqual({ '{p="a"}': 3 });
    expect(vectorAt(e, 'round(v, 2)', 0)).toEqual({ '{p="a"}': -2 });
    expect(vectorAt(e, 'round(pos, 0.2)', 0)['{p="a"}']).toBeCloseTo(2.6, 12);
  });

  it('clamp, clamp_min, clamp_max; clamp with max < min returns nothing', () => {
    expect(vectorAt(e, 'clamp(v, -1, 1)', 0)).toEqual({ '{p="a"}': -1 });
    expect(vectorAt(e, 'clamp(v, 2, 1)', 0)).toEqual({});
    expect(vectorAt(e, 'clamp_min(v, 0)', 0)).toEqual({ '{p="a"}': 0 });
    expect(vectorAt(e, 'clamp_max(v, -3)', 0)).toEqual({ '{p="a"}': -3 });
  });

  it('two series differing only in name collide', () => {
    expect(() => vectorAt(e, 'abs({__name__=~"w|pos"})', 0)).toThrow(
      new PromQLError('vector cannot contain metrics with the same labelset'),
    );
  });
});

describe('scalar, vector, time, timestamp', () => {
  it('scalar is the value of a one-element vector, else NaN', () => {
    expect(scalarAt(e, 'scalar(m)', ms(1))).toBe(5);
    expect(scalarAt(e, 'scalar({__name__=~"m|w"})', 0)).toBeNaN();
    expect(scalarAt(e, 'scalar(nothing)', 0)).toBeNaN();
  });

  it('vector, time, pi', () => {
    expect(vectorAt(e, 'vector(3)', 0)).toEqual({ '{}': 3 });
    expect(scalarAt(e, 'time()', 90_000)).toBe(90);
    expect(scalarAt(e, 'pi()', 0)).toBe(Math.PI);
  });

  it("timestamp reads a selector's sample time, else the evaluation time", () => {
    expect(vectorAt(e, 'timestamp(m)', 70_000)).toEqual({ '{p="a"}': 60 });
    expect(vectorAt(e, 'timestamp(m offset 15s)', 70_000)).toEqual({ '{p="a"}': 45 });
    expect(vectorAt(e, 'timestamp(abs(m))', 70_000)).toEqual({ '{p="a"}': 70 });
  });
});

describe('date functions (UTC)', () => {
  it('read sample values as Unix seconds', () => {
    expect(vectorAt(e, 'year(ts)', 0)).toEqual({ '{p="a"}': 2024 });
    expect(vectorAt(e, 'month(ts)', 0)).toEqual({ '{p="a"}': 2 });
    expect(vectorAt(e, 'day_of_month(ts)', 0)).toEqual({ '{p="a"}': 29 });
    expect(vectorAt(e, 'days_in_month(ts)', 0)).toEqual({ '{p="a"}': 29 });
    expect(vectorAt(e, 'day_of_week(ts)', 0)).toEqual({ '{p="a"}': 4 });
    expect(vectorAt(e, 'day_of_year(ts)', 0)).toEqual({ '{p="a"}': 60 });
    expect(vectorAt(e, 'hour(ts)', 0)).toEqual({ '{p="a"}': 13 });
    expect(vectorAt(e, 'minute(ts)', 0)).toEqual({ '{p="a"}': 45 });
  });

  it('read the evaluation time without an argument', () => {
    expect(vectorAt(e, 'year()', 0)).toEqual({ '{}': 1970 });
    expect(vectorAt(e, 'minute()', ms(61))).toEqual({ '{}': 1 });
  });
});

describe('label_replace and label_join', () => {
  it('expands $1, $\u007b2}, named groups; no match leaves labels alone', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go template syntax, not JS
    expect(vectorAt(e, 'label_replace(w, "dst", "x-$1-${2}", "p", "(a)(.*)")', 0)).toEqual({
      'w{dst="x-a-", p="a"}': 8,
    });
    expect(vectorAt(e, 'label_replace(w, "dst", "$1", "p", "b")', 0)).toEqual({ 'w{p="a"}': 8 });
    expect(vectorAt(e, 'label_replace(w, "dst", "<$name>", "p", "(?P<name>.)")', 0)).toEqual({
      'w{dst="<a>", p="a"}': 8,
    });
  });

  it('follows Go\'s template rules: $1x names group "1x", $$ is $, an empty result removes the label', () => {
    expect(vectorAt(e, 'label_replace(w, "dst", "$1x$$", "p", "(a)")', 0)).toEqual({
      'w{dst="$", p="a"}': 8,
    });
    expect(vectorAt(e, 'label_replace(w, "p", "", "p", ".*")', 0)).toEqual({ 'w{}': 8 });
  });

  it('rejects an invalid destination label', () => {
    expect(() => vectorAt(e, 'label_replace(w, "1bad", "", "p", ".*")', 0)).toThrow(PromQLError);
  });

  it('label_join joins source values', () => {
    expect(vectorAt(e, 'label_join(w, "j", "-", "p", "__name__", "missing")', 0)).toEqual({
      'w{j="a-w-", p="a"}': 8,
    });
  });
});

describe('sort and sort_desc', () => {
  it('order by value with NaN last either way', () => {
    const s = engineWith({ 'x{i="1"}': '3', 'x{i="2"}': 'NaN', 'x{i="3"}': '1', 'x{i="4"}': '2' });
    const order = (expr: string) => {
      const r = s.instant(expr, 0);
      return r.kind === 'vector' ? r.samples.map((x) => x.labels.i) : [];
    };
    expect(order('sort(x)')).toEqual(['3', '4', '1', '2']);
    expect(order('sort_desc(x)')).toEqual(['1', '4', '3', '2']);
  });
});
