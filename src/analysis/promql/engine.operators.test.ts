/**
 * Binary and unary operators: arithmetic with Go's float rules, comparisons (filters and
 * bool), vector matching and its errors, set operators.
 */
import { describe, expect, it } from 'vitest';
import { PromQLError } from './errors.js';
import { engineWith, scalarAt, vectorAt } from './testing/query.js';

const e = engineWith({
  'req{job="api", pod="a"}': '10',
  'req{job="api", pod="b"}': '20',
  'req{job="db", pod="c"}': '0',
  'limit{job="api"}': '100',
  'limit{job="db"}': '50',
  'cap{job="api", pod="a"}': '5',
  'cap{job="api", pod="b"}': '40',
  'info{job="api", team="checkout"}': '1',
  'info{job="db", team="storage"}': '1',
  'dup{job="api", x="1"}': '1',
  'dup{job="api", x="2"}': '2',
  'quota{job="api"}': '7',
});
const at0 = (expr: string) => vectorAt(e, expr, 0);
const s0 = (expr: string) => scalarAt(e, expr, 0);

describe('scalar arithmetic', () => {
  it('precedence and associativity as Prometheus parses them', () => {
    expect(s0('1 + 2 * 3')).toBe(7);
    expect(s0('2 ^ 3 ^ 2')).toBe(512); // right-associative
    expect(s0('-2 ^ 2')).toBe(-4); // ^ binds tighter than unary minus
    expect(s0('(-2) ^ 2')).toBe(4);
    expect(s0('2 * -1 ^ 2')).toBe(-2);
  });

  it("division and modulo follow IEEE 754 and Go's math.Mod", () => {
    expect(s0('1 / 0')).toBe(Number.POSITIVE_INFINITY);
    expect(s0('-1 / 0')).toBe(Number.NEGATIVE_INFINITY);
    expect(s0('0 / 0')).toBeNaN();
    expect(s0('Inf - Inf')).toBeNaN();
    expect(s0('7 % -3')).toBe(1); // the sign of the dividend
    expect(s0('-7 % 3')).toBe(-1);
    expect(s0('5 % 0')).toBeNaN();
    expect(s0('5 % Inf')).toBe(5);
  });

  it("^ follows Go's math.Pow special cases", () => {
    expect(s0('1 ^ NaN')).toBe(1); // JavaScript's 1 ** NaN is NaN
    expect(s0('NaN ^ 0')).toBe(1);
    expect(s0('(-1) ^ Inf')).toBe(1); // JavaScript's (-1) ** Infinity is NaN
    expect(s0('0 ^ -1')).toBe(Number.POSITIVE_INFINITY);
    expect(s0('(-8) ^ (1/3)')).toBeNaN();
  });

  it('comparisons need bool between scalars and give 1 or 0', () => {
    expect(s0('1 == bool 1')).toBe(1);
    expect(s0('2 < bool 1')).toBe(0);
    expect(s0('NaN == bool NaN')).toBe(0);
    expect(s0('NaN != bool NaN')).toBe(1);
    expect(s0('1 atan2 1')).toBe(Math.PI / 4);
  });
});

describe('vector and scalar', () => {
  it('arithmetic drops the metric name', () => {
    expect(at0('req * 2')).toEqual({
      '{job="api", pod="a"}': 20,
      '{job="api", pod="b"}': 40,
      '{job="db", pod="c"}': 0,
    });
    expect(at0('100 - req{pod="a"}')).toEqual({ '{job="api", pod="a"}': 90 });
  });

  it('x/0 is ±Inf and 0/0 is NaN per sample', () => {
    const r = at0('req / 0');
    expect(r['{job="api", pod="a"}']).toBe(Number.POSITIVE_INFINITY);
    expect(r['{job="db", pod="c"}']).toBeNaN();
    expect(at0('-req{pod="a"} / 0')).toEqual({ '{job="api", pod="a"}': Number.NEGATIVE_INFINITY });
  });

  it("comparisons filter, keeping the sample's name and its own value on either side", () => {
    expect(at0('req > 10')).toEqual({ 'req{job="api", pod="b"}': 20 });
    expect(at0('15 < req')).toEqual({ 'req{job="api", pod="b"}': 20 });
    expect(at0('req == 0')).toEqual({ 'req{job="db", pod="c"}': 0 });
  });

  it('with bool they return 1 or 0 for every sample and drop the name', () => {
    expect(at0('req > bool 10')).toEqual({
      '{job="api", pod="a"}': 0,
      '{job="api", pod="b"}': 1,
      '{job="db", pod="c"}': 0,
    });
  });

  it('dropping the name may make two samples collide', () => {
    expect(() => at0('{__name__=~"req|cap", pod="a"} * 2')).toThrow(
      new PromQLError('vector cannot contain metrics with the same labelset'),
    );
  });
});

describe('vector matching', () => {
  it('one-to-one on all labels but the name', () => {
    expect(at0('req / cap')).toEqual({ '{job="api", pod="a"}': 2, '{job="api", pod="b"}': 0.5 });
  });

  it('on(…) keeps only the listed labels; ignoring(…) drops them', () => {
    expect(at0('sum by (job) (req) / on(job) limit')).toEqual({ '{job="api"}': 0.3, '{job="db"}': 0 });
    expect(at0('req{pod="a"} + ignoring(pod) limit')).toEqual({ '{job="api"}': 110 });
  });

  it('group_left: many on the left, labels copied from the one side', () => {
    expect(at0('req / on(job) group_left limit')).toEqual({
      '{job="api", pod="a"}': 0.1,
      '{job="api", pod="b"}': 0.2,
      '{job="db", pod="c"}': 0,
    });
    expect(at0('req * on(job) group_left(team) info')).toEqual({
      '{job="api", pod="a", team="checkout"}': 10,
      '{job="api", pod="b", team="checkout"}': 20,
      '{job="db", pod="c", team="storage"}': 0,
    });
  });

  it('group_right: many on the right', () => {
    expect(at0('limit - on(job) group_right req')).toEqual({
      '{job="api", pod="a"}': 90,
      '{job="api", pod="b"}': 80,
      '{job="db", pod="c"}': 50,
    });
  });

  it('comparisons keep the left value and the left labels (name included)', () => {
    expect(at0('req > cap')).toEqual({ 'req{job="api", pod="a"}': 10 });
    expect(at0('req > bool cap')).toEqual({ '{job="api", pod="a"}': 1, '{job="api", pod="b"}': 0 });
    // group_right comparison: the output keeps the "one" side's (left) value.
    expect(at0('limit > on(job) group_right req')).toEqual({
      'req{job="api", pod="a"}': 100,
      'req{job="api", pod="b"}': 100,
      'req{job="db", pod="c"}': 50,
    });
  });

  it('rejects duplicates on the "one" side', () => {
    expect(() => at0('req / on(job) dup')).toThrow(
      new PromQLError(
        'found duplicate series for the match group {job="api"} on the right hand-side of the operation: ' +
          '[{__name__="dup", job="api", x="2"}, {__name__="dup", job="api", x="1"}];' +
          'many-to-many matching not allowed: matching labels must be unique on one side',
      ),
    );
    expect(() => at0('dup / on(job) group_right req')).toThrow(/on the left hand-side of the operation/);
  });

  it('rejects two matches in one-to-one mode', () => {
    expect(() => at0('req + on(job) limit')).toThrow(
      new PromQLError(
        'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
      ),
    );
  });

  it('rejects a many-to-one match whose results collide', () => {
    // limit{job="api"} and quota{job="api"} both become {job="api"} once + drops the name.
    expect(() => at0('{__name__=~"limit|quota"} + on(job) group_left limit')).toThrow(
      new PromQLError('multiple matches for labels: grouping labels must ensure unique matches'),
    );
  });

  it('an empty side gives nothing, duplicates or not', () => {
    expect(at0('nothing / on(job) dup')).toEqual({});
  });
});

describe('set operators', () => {
  it('and keeps left samples with a match, or adds unmatched right samples, unless removes matched', () => {
    expect(at0('req and cap')).toEqual({ 'req{job="api", pod="a"}': 10, 'req{job="api", pod="b"}': 20 });
    expect(at0('req{pod="a"} or cap')).toEqual({
      'req{job="api", pod="a"}': 10,
      'cap{job="api", pod="b"}': 40,
    });
    expect(at0('req unless cap')).toEqual({ 'req{job="db", pod="c"}': 0 });
  });

  it('match on(…) or ignoring(…) labels', () => {
    expect(at0('req and on(job) limit > 60')).toEqual({
      'req{job="api", pod="a"}': 10,
      'req{job="api", pod="b"}': 20,
    });
    expect(at0('limit unless ignoring(pod) req{pod="c"}')).toEqual({ 'limit{job="api"}': 100 });
    expect(at0('nothing or limit{job="db"}')).toEqual({ 'limit{job="db"}': 50 });
  });
});

describe('unary minus', () => {
  it('negates and drops the name; unary plus changes nothing', () => {
    expect(at0('-req{pod="a"}')).toEqual({ '{job="api", pod="a"}': -10 });
    expect(at0('+req{pod="a"}')).toEqual({ 'req{job="api", pod="a"}': 10 });
    expect(s0('-(1 + 1)')).toBe(-2);
  });

  it('rejects samples that collide once the name is gone', () => {
    expect(() => at0('-{__name__=~"req|cap", pod="a"}')).toThrow(/same labelset/);
  });
});
