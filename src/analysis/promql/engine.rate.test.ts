/**
 * rate, increase, delta, irate, idelta: Prometheus's extrapolatedRate and instantValue,
 * hand-computed. Series are scraped every 15 s from t = 0.
 *
 * extrapolatedRate in short: with n samples in the window, first at tF and last at tL,
 * sampled = tL − tF, avg = sampled / (n − 1), threshold = 1.1 · avg. The gap to the window
 * start (or end) is bridged when under the threshold, else only avg/2 is added. For
 * counters the start gap is also capped at the counter's zero point,
 * sampled · first / (last − first + resets) — before the threshold test in Prometheus 2,
 * after it in Prometheus 3. increase = Δ · (sampled + gaps) / sampled; rate = increase / range.
 */
import { describe, expect, it } from 'vitest';
import { engineWith, ms, vectorAt } from './testing/query.js';

const series = {
  'x{job="a"}': '0+10x20', // 0, 10, … 200 at 0 … 300 s: 10 per 15 s = 2/3 per second
  'y{job="a"}': '_x4 100+10x10', // starts at 60 s with 100
  'z{job="a"}': '_x4 0+10x4', // starts at 60 s with 0: 0, 10, 20, 30, 40 (at 120 s)
  'late{job="a"}': '_x10 6+10x3', // starts at 150 s: 6, 16, 26, 36 (at 195 s)
  'r{job="a"}': '10 20 30 5 15', // a counter reset between 30 s and 45 s
  'ended{job="a"}': '0+10x4', // 0 … 40 from 0 to 60 s, then nothing
  'g{job="a"}': '5 3 -1 2', // a gauge
};
const v2 = engineWith(series);
const v3 = engineWith(series, { engine: { dialect: 'prometheus-3' } });
const one = (e: ReturnType<typeof engineWith>, expr: string, at: number) =>
  Object.values(vectorAt(e, expr, at))[0];

describe('rate and increase over a fully covered window', () => {
  it('aligned with the scrapes: Prometheus 2 includes the sample at the window start', () => {
    // [60 s, 120 s] holds 40, 50, 60, 70, 80: Δ = 40 over exactly the 60 s window.
    expect(one(v2, 'increase(x[1m])', ms(2))).toBe(40);
    expect(one(v2, 'rate(x[1m])', ms(2))).toBe(40 / 60);
  });

  it('aligned: Prometheus 3 excludes it and extrapolates the 15 s gap back', () => {
    // (60 s, 120 s] holds 50 … 80: Δ = 30 over 45 s; the 15 s gap is < 1.1 × 15 s, so
    // it is bridged: 30 × 60 / 45 = 40.
    expect(one(v3, 'increase(x[1m])', ms(2))).toBeCloseTo(40, 12);
    expect(one(v3, 'rate(x[1m])', ms(2))).toBeCloseTo(40 / 60, 12);
  });

  it('unaligned: both gaps are bridged', () => {
    // At 127 s, [67 s, 127 s] holds 50 (75 s) … 80 (120 s): Δ = 30 over 45 s, gaps 8 s
    // and 7 s, both < 16.5 s: 30 × (45 + 8 + 7) / 45 = 40.
    expect(one(v2, 'increase(x[1m])', 127_000)).toBeCloseTo(40, 12);
    expect(one(v2, 'rate(x[1m])', 127_000)).toBeCloseTo(40 / 60, 12);
  });

  it('drops the metric name and needs two samples', () => {
    expect(vectorAt(v2, 'rate(x[1m])', ms(2))).toEqual({ '{job="a"}': 40 / 60 });
    // [110 s, 120 s] holds one sample.
    expect(vectorAt(v2, 'rate(x[10s])', ms(2))).toEqual({});
    expect(vectorAt(v2, 'increase(nothing[1m])', ms(2))).toEqual({});
  });

  it('honours offset', () => {
    expect(one(v2, 'rate(x[1m] offset 1m)', ms(3))).toBe(one(v2, 'rate(x[1m])', ms(2)));
  });
});

describe('extrapolation at the edges of a partly covered window', () => {
  it('adds only half an interval where the series starts inside the window', () => {
    // increase(y[2m]) at 120 s: 100 (60 s) … 140 (120 s), Δ = 40 over 60 s, avg 15 s.
    // Start gap 60 s ≥ 16.5 s, zero point 60 × 100/40 = 150 s is further: add 7.5 s.
    // 40 × 67.5 / 60 = 45.
    expect(one(v2, 'increase(y[2m])', ms(2))).toBe(45);
    expect(one(v3, 'increase(y[2m])', ms(2))).toBe(45);
  });

  it('adds only half an interval where the series ends inside the window', () => {
    // ended: 0 (0 s) … 40 (60 s), window [0 s, 120 s]: end gap 60 s, add 7.5 s → 45.
    expect(one(v2, 'increase(ended[2m])', ms(2))).toBe(45);
  });

  it('never extrapolates a counter below zero', () => {
    // z starts at 0 (60 s): the zero point is at the first sample, so nothing is added
    // before it: 0 … 40 over 60 s → 40, rate 40/120.
    expect(one(v2, 'increase(z[2m])', ms(2))).toBe(40);
    expect(one(v3, 'increase(z[2m])', ms(2))).toBe(40);
    expect(one(v2, 'rate(z[2m])', ms(2))).toBe(40 / 120);
  });

  it('applies the zero-point cap before the threshold (Prometheus 2) or after it (Prometheus 3)', () => {
    // late at 195 s over [75 s, 195 s]: 6, 16, 26, 36: Δ = 30 over 45 s, avg 15 s.
    // Start gap 75 s; zero point 45 × 6/30 = 9 s.
    // Prometheus 2.42: gap ← min(75, 9) = 9 < 16.5, bridged: 30 × (45 + 9) / 45 = 36
    //   (promtool 2.42 agrees: fixtures/promql/reference.test.yml).
    // Prometheus 3: 75 ≥ 16.5 → 7.5, then min(7.5, 9) = 7.5: 30 × 52.5 / 45 = 35.
    expect(one(v2, 'increase(late[2m])', 195_000)).toBeCloseTo(36, 12);
    expect(one(v3, 'increase(late[2m])', 195_000)).toBeCloseTo(35, 12);
  });
});

describe('counter resets', () => {
  it('increase adds the value before each reset; delta does not', () => {
    // r over [0 s, 60 s]: 10 20 30 | 5 15. Δ = 15 − 10 = 5, plus 30 at the reset = 35;
    // fully covered, so no extrapolation. delta is for gauges: 5.
    expect(one(v2, 'increase(r[1m])', ms(1))).toBe(35);
    expect(one(v2, 'rate(r[1m])', ms(1))).toBe(35 / 60);
    expect(one(v2, 'delta(r[1m])', ms(1))).toBe(5);
    expect(one(v2, 'resets(r[1m])', ms(1))).toBe(1);
  });

  it('irate treats a drop as a reset; idelta does not', () => {
    // At 45 s the last two samples are 30 (30 s) and 5 (45 s): irate = 5 / 15 s.
    expect(one(v2, 'irate(r[1m])', 45_000)).toBe(5 / 15);
    expect(one(v2, 'idelta(r[1m])', 45_000)).toBe(-25);
    // At 60 s: 5 → 15 over 15 s.
    expect(one(v2, 'irate(r[1m])', ms(1))).toBe(10 / 15);
    expect(vectorAt(v2, 'irate(r[10s])', ms(1))).toEqual({});
  });
});

describe('delta over a gauge', () => {
  it('extrapolates like rate but without counter rules', () => {
    // g over [0 s, 45 s]: 5 3 −1 2, fully covered: 2 − 5 = −3.
    expect(one(v2, 'delta(g[45s])', 45_000)).toBe(-3);
    // Over [15 s, 45 s]: 3 −1 2: −1, fully covered.
    expect(one(v2, 'delta(g[30s])', 45_000)).toBe(-1);
  });
});

describe('the analysis hot path: an error ratio', () => {
  it('is the 5xx share of the request rate', () => {
    const e = engineWith({
      'http_requests_total{version="canary",status_code="500"}': '0+1x20',
      'http_requests_total{version="canary",status_code="200"}': '0+9x20',
      'http_requests_total{version="stable",status_code="500"}': '0+5x20',
    });
    const q =
      'sum(rate(http_requests_total{version="canary",status_code=~"5.."}[2m])) / sum(rate(http_requests_total{version="canary"}[2m]))';
    // Rates 1/15 and 9/15 per second: 1 / (1 + 9).
    expect(vectorAt(e, q, ms(4))).toEqual({ '{}': expect.closeTo(0.1, 12) });
  });
});
