/**
 * Aggregation operators: values and the labels of their output.
 */
import { describe, expect, it } from 'vitest';
import { PromQLError } from './errors.js';
import { engineWith, vectorAt } from './testing/query.js';

const e = engineWith({
  'req{job="api", pod="a", code="200"}': '10',
  'req{job="api", pod="b", code="200"}': '20',
  'req{job="api", pod="b", code="500"}': '4',
  'req{job="db", pod="c", code="200"}': '6',
});
const at0 = (expr: string) => vectorAt(e, expr, 0);

describe('grouping and output labels', () => {
  it('no clause gives one group without labels', () => {
    expect(at0('sum(req)')).toEqual({ '{}': 40 });
  });

  it('by keeps exactly the listed labels (not the name unless listed)', () => {
    expect(at0('sum by (job) (req)')).toEqual({ '{job="api"}': 34, '{job="db"}': 6 });
    expect(at0('sum(req) by (job)')).toEqual({ '{job="api"}': 34, '{job="db"}': 6 });
    expect(at0('sum by (__name__, job) (req)')).toEqual({ 'req{job="api"}': 34, 'req{job="db"}': 6 });
    // A label no series has groups everything together, and is not in the output.
    expect(at0('sum by (nope) (req)')).toEqual({ '{}': 40 });
  });

  it('without drops the listed labels and the name', () => {
    expect(at0('sum without (pod) (req)')).toEqual({
      '{code="200", job="api"}': 30,
      '{code="500", job="api"}': 4,
      '{code="200", job="db"}': 6,
    });
  });
});

describe('operators', () => {
  it('sum avg min max count group', () => {
    // avg is Prometheus 2.42's incremental mean, m += x/n − m/n: 10, 15, 15 + (4/3 − 15/3).
    expect(at0('avg by (job) (req)')).toEqual({ '{job="api"}': 15 + (4 / 3 - 15 / 3), '{job="db"}': 6 });
    expect(at0('min by (job) (req)')).toEqual({ '{job="api"}': 4, '{job="db"}': 6 });
    expect(at0('max by (job) (req)')).toEqual({ '{job="api"}': 20, '{job="db"}': 6 });
    expect(at0('count by (job) (req)')).toEqual({ '{job="api"}': 3, '{job="db"}': 1 });
    expect(at0('group by (job) (req)')).toEqual({ '{job="api"}': 1, '{job="db"}': 1 });
  });

  it('stddev and stdvar are population statistics', () => {
    // api: 10 20 4, mean 34/3; squared deviations sum to 130.666…; /3 = 43.555…
    expect(at0('stdvar by (job) (req)')['{job="api"}']).toBeCloseTo(392 / 9, 12);
    expect(at0('stddev by (job) (req)')['{job="api"}']).toBeCloseTo(Math.sqrt(392 / 9), 12);
    expect(at0('stddev by (job) (req)')['{job="db"}']).toBe(0);
  });

  it('quantile interpolates between ranks q·(n−1)', () => {
    // 4 6 10 20: q = 0.5 → rank 1.5 → 6·0.5 + 10·0.5 = 8.
    expect(at0('quantile(0.5, req)')).toEqual({ '{}': 8 });
    expect(at0('quantile(1.5, req)')).toEqual({ '{}': Number.POSITIVE_INFINITY });
  });

  it('topk and bottomk keep the samples, labels and all, best first', () => {
    const r = e.instant('topk(2, req)', 0);
    expect(r.kind === 'vector' && r.samples.map((s) => [s.labels.pod, s.value])).toEqual([
      ['b', 20],
      ['a', 10],
    ]);
    expect(at0('bottomk(1, req) by (job)')).toEqual({
      'req{code="500", job="api", pod="b"}': 4,
      'req{code="200", job="db", pod="c"}': 6,
    });
    expect(at0('topk(0, req)')).toEqual({});
    expect(() => at0('topk(NaN, req)')).toThrow(new PromQLError('Scalar value NaN overflows int64'));
  });

  it('count_values counts samples per value, the value as a label', () => {
    const c = engineWith({ 'x{i="1"}': '1.5', 'x{i="2"}': '1.5', 'x{i="3"}': '2e21' });
    expect(vectorAt(c, 'count_values("v", x)', 0)).toEqual({
      '{v="1.5"}': 2,
      '{v="2000000000000000000000"}': 1,
    });
    expect(() => vectorAt(c, 'count_values("bad-name", x)', 0)).toThrow(/invalid label name/);
  });

  it('avg keeps an infinite mean instead of turning it into NaN', () => {
    const c = engineWith({ 'x{i="1"}': 'Inf', 'x{i="2"}': '1', 'x{i="3"}': 'Inf' });
    expect(vectorAt(c, 'avg(x)', 0)).toEqual({ '{}': Number.POSITIVE_INFINITY });
    const d = engineWith({ 'x{i="1"}': 'Inf', 'x{i="2"}': '-Inf' });
    expect(vectorAt(d, 'avg(x)', 0)['{}']).toBeNaN();
  });

  it('min and max let any number replace NaN', () => {
    const c = engineWith({ 'x{i="1"}': 'NaN', 'x{i="2"}': '3', 'x{i="3"}': 'NaN' });
    expect(vectorAt(c, 'max(x)', 0)).toEqual({ '{}': 3 });
    expect(vectorAt(c, 'min(x)', 0)).toEqual({ '{}': 3 });
    expect(vectorAt(c, 'sum(x)', 0)['{}']).toBeNaN();
  });
});
