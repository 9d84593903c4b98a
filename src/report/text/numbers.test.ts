import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatInterval,
  formatMs,
  formatNs,
  formatP,
  formatPercent,
  formatRate,
} from './numbers.js';

describe('report numbers', () => {
  it('formats counts with separators and few decimals', () => {
    expect(formatCount(12239)).toBe('12,239');
    expect(formatCount(2190.45)).toBe('2,190');
    expect(formatCount(7.25)).toBe('7.3');
    expect(formatCount(-1508)).toBe('−1,508');
    expect(formatCount(0)).toBe('0');
  });

  it('formats percentages with the digits they need', () => {
    expect(formatPercent(0.2)).toBe('20%');
    expect(formatPercent(0.025)).toBe('2.5%');
    expect(formatPercent(0.0035)).toBe('0.35%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.9996)).toBe('99.9%');
    expect(formatPercent(-0.16)).toBe('−16%');
  });

  it('formats durations with a real minus sign', () => {
    expect(formatMs(190_000)).toBe('3m10s');
    expect(formatMs(-24_000)).toBe('−24s');
  });

  it('formats p-values as people quote them', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0034)).toBe('p = 0.003');
    expect(formatP(0.31)).toBe('p = 0.31');
    expect(formatP(0.999)).toBe('p = 1');
  });

  it('formats intervals, open ones included', () => {
    expect(formatInterval(350_000, 440_000, formatMs)).toBe('[95% CI 5m50s–7m20s]');
    expect(formatInterval(30_000, null, formatMs)).toBe('[95% CI 30s–not reached]');
    expect(formatInterval(null, null, formatMs)).toBe('');
  });

  it('formats rates with their n and, with no events, the one-sided bound', () => {
    expect(
      formatRate({ successes: 8, n: 40, estimate: 0.2, lower: 0.105, upper: 0.348, zeroEventUpper: null }),
    ).toBe('8/40 = 20% [95% CI 11–35%]');
    expect(
      formatRate({ successes: 0, n: 40, estimate: 0, lower: 0, upper: 0.0876, zeroEventUpper: 0.072 }),
    ).toBe('0/40 = 0% [95% CI 0–8.8%], below 7.2% (one-sided 95%)');
    expect(formatNs(40, 40)).toBe('n = 40 each');
    expect(formatNs(40, 38, 'rollbacks')).toBe('n = 40 vs 38 rollbacks');
  });
});
