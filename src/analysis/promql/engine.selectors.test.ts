/**
 * Instant selectors: the 5-minute lookback, staleness markers, offset, @, matchers.
 * Series are scraped every 15 s from t = 0 (sample i at 15·i s).
 */
import { describe, expect, it } from 'vitest';
import { engineWith, ms, vectorAt } from './testing/query.js';

const series = {
  'a{x="1"}': '1 2 3 4 5', // samples at 0, 15, 30, 45, 60 s; nothing after
  'b{x="1"}': '1 2 stale', // ends with a staleness marker at 30 s
  'c{x="1"}': '1 stale 3', // marked stale at 15 s, back at 30 s
};

describe('lookback delta (5 minutes by default)', () => {
  const v2 = engineWith(series);
  const v3 = engineWith(series, { engine: { dialect: 'prometheus-3' } });

  it('returns the latest sample at or before the evaluation time', () => {
    // 61 s: latest sample is the one at 60 s, value 5; 44.999 s: the one at 30 s.
    expect(vectorAt(v2, 'a', 61_000)).toEqual({ 'a{x="1"}': 5 });
    expect(vectorAt(v2, 'a', 44_999)).toEqual({ 'a{x="1"}': 3 });
    expect(vectorAt(v2, 'a', 0)).toEqual({ 'a{x="1"}': 1 });
  });

  it('includes a sample exactly 5 minutes old in Prometheus 2, excludes it in Prometheus 3', () => {
    // Last sample at 60 s; 60 s + 300 s = 360 s. Prometheus 2.42 drops a sample only when
    // t < ref − 5m (closed window); Prometheus 3 when t ≤ ref − 5m (left-open).
    expect(vectorAt(v2, 'a', 360_000)).toEqual({ 'a{x="1"}': 5 });
    expect(vectorAt(v2, 'a', 360_001)).toEqual({});
    expect(vectorAt(v3, 'a', 360_000)).toEqual({});
    expect(vectorAt(v3, 'a', 359_999)).toEqual({ 'a{x="1"}': 5 });
  });

  it('follows the lookbackDeltaMs option', () => {
    const e = engineWith(series, { engine: { lookbackDeltaMs: 20_000 } });
    expect(vectorAt(e, 'a', 80_000)).toEqual({ 'a{x="1"}': 5 });
    expect(vectorAt(e, 'a', 80_001)).toEqual({});
  });
});

describe('staleness markers', () => {
  const e = engineWith(series);

  it('end the series for instant selectors from the marker on', () => {
    expect(vectorAt(e, 'b', 29_999)).toEqual({ 'b{x="1"}': 2 });
    expect(vectorAt(e, 'b', 30_000)).toEqual({});
    expect(vectorAt(e, 'b', ms(2))).toEqual({}); // well within the lookback, still gone
  });

  it('end it until the next sample', () => {
    expect(vectorAt(e, 'c', 15_000)).toEqual({});
    expect(vectorAt(e, 'c', 30_000)).toEqual({ 'c{x="1"}': 3 });
  });

  it('are ignored by range functions, which still use the samples before them', () => {
    // b's window at 30 s is [−30 s, 30 s]: samples 1 (0 s) and 2 (15 s), the marker left out.
    expect(vectorAt(e, 'count_over_time(b[1m])', 30_000)).toEqual({ '{x="1"}': 2 });
    expect(vectorAt(e, 'last_over_time(b[1m])', ms(1))).toEqual({ 'b{x="1"}': 2 });
    // c around its marker: 1 (0 s) and 3 (30 s), so one change and no reset.
    expect(vectorAt(e, 'changes(c[1m])', 30_000)).toEqual({ '{x="1"}': 1 });
  });
});

describe('offset and @', () => {
  const e = engineWith(series);

  it('offset moves the evaluation time back (or forward when negative)', () => {
    expect(vectorAt(e, 'a offset 30s', 60_000)).toEqual({ 'a{x="1"}': 3 });
    expect(vectorAt(e, 'a offset -15s', 30_000)).toEqual({ 'a{x="1"}': 4 });
    expect(vectorAt(e, 'sum_over_time(a[30s] offset 15s)', 60_000)).toEqual({ '{x="1"}': 2 + 3 + 4 });
  });

  it('@ pins the evaluation time (seconds, ms precision), with offset applied after', () => {
    expect(vectorAt(e, 'a @ 30', ms(3))).toEqual({ 'a{x="1"}': 3 });
    expect(vectorAt(e, 'a @ 44.999', ms(3))).toEqual({ 'a{x="1"}': 3 });
    expect(vectorAt(e, 'a @ 60 offset 15s', 0)).toEqual({ 'a{x="1"}': 4 });
    expect(vectorAt(e, 'a @ end()', 45_000)).toEqual({ 'a{x="1"}': 4 });
  });

  it('bind to the nearest selector, tighter than operators (a + a offset 15s is a + (a offset 15s))', () => {
    expect(vectorAt(e, 'a + a offset 15s', 60_000)).toEqual({ '{x="1"}': 5 + 4 });
    expect(vectorAt(e, '-a @ 30', ms(3))).toEqual({ '{x="1"}': -3 });
    expect(vectorAt(e, 'a - a @ 30 offset 15s', 60_000)).toEqual({ '{x="1"}': 5 - 2 });
  });
});

describe('label matchers', () => {
  const e = engineWith({
    'req{code="200", version="stable"}': '1',
    'req{code="500", version="canary"}': '2',
    'req{code="503"}': '3',
    'other{code="500"}': '4',
  });

  it('=, !=, =~, !~ with a missing label reading as ""', () => {
    expect(Object.keys(vectorAt(e, 'req{version=""}', 0))).toEqual(['req{code="503"}']);
    expect(Object.keys(vectorAt(e, 'req{version!="stable"}', 0))).toEqual([
      'req{code="500", version="canary"}',
      'req{code="503"}',
    ]);
    expect(Object.keys(vectorAt(e, 'req{code=~"5.."}', 0))).toHaveLength(2);
    expect(Object.keys(vectorAt(e, 'req{code!~"5.."}', 0))).toEqual(['req{code="200", version="stable"}']);
    expect(Object.keys(vectorAt(e, 'req{version=~"stable|"}', 0))).toHaveLength(2);
  });

  it('anchors regexes at both ends', () => {
    expect(vectorAt(e, 'req{code=~"50"}', 0)).toEqual({});
    expect(Object.keys(vectorAt(e, 'req{code=~".*0"}', 0))).toHaveLength(2);
  });

  it("gives regex `.` Prometheus 2's meaning (not \\n) or Prometheus 3's (anything)", () => {
    const series = { 'm{v="a\\nb"}': '1' };
    expect(vectorAt(engineWith(series), 'm{v=~"a.b"}', 0)).toEqual({});
    expect(vectorAt(engineWith(series), 'm{v=~"(?s)a.b"}', 0)).toEqual({ 'm{v="a\\nb"}': 1 });
    const v3 = engineWith(series, { engine: { dialect: 'prometheus-3' } });
    expect(vectorAt(v3, 'm{v=~"a.b"}', 0)).toEqual({ 'm{v="a\\nb"}': 1 });
  });

  it('selects by metric name through __name__', () => {
    expect(vectorAt(e, '{__name__=~"req|other", code="500"}', 0)).toEqual({
      'other{code="500"}': 4,
      'req{code="500", version="canary"}': 2,
    });
  });
});
