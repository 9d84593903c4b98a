import { describe, expect, it } from 'vitest';
import { LabelSetTable } from './label-set.js';
import { Series } from './series.js';

function series(capacity = 2): Series {
  return new Series(0, new LabelSetTable().fromLabels({ __name__: 'x' }), capacity);
}

describe('Series', () => {
  it('grows its typed arrays past the initial capacity', () => {
    const s = series(2);
    for (let i = 0; i < 100; i++) s.append(i * 1000, i);
    expect(s.length).toBe(100);
    expect(s.t[99]).toBe(99_000);
    expect(s.v[50]).toBe(50);
  });

  it('rejects an out-of-order timestamp and replaces a sample at the same timestamp', () => {
    const s = series();
    s.append(1000, 1);
    s.append(1000, 2);
    expect(s.length).toBe(1);
    expect(s.v[0]).toBe(2);
    expect(() => s.append(999, 3)).toThrow(RangeError);
    expect(() => s.append(Number.NaN, 3)).toThrow(RangeError);
  });

  it('flags staleness markers without confusing them with NaN values', () => {
    const s = series();
    s.append(0, Number.NaN);
    expect(s.stale).toBeNull();
    s.markStale(1000);
    s.append(2000, 5);
    expect([s.isStale(0), s.isStale(1), s.isStale(2)]).toEqual([false, true, false]);
    for (let i = 3; i < 40; i++) s.append(i * 1000, i);
    expect(s.isStale(1)).toBe(true);
  });

  it('finds samples by time with binary search', () => {
    const s = series();
    for (const t of [10, 20, 20.5, 30]) s.append(t, t);
    expect(s.lastAtOrBefore(5)).toBe(-1);
    expect(s.lastAtOrBefore(20)).toBe(1);
    expect(s.lastAtOrBefore(25)).toBe(2);
    expect(s.lastAtOrBefore(99)).toBe(3);
    expect(s.firstAtOrAfter(20)).toBe(1);
    expect(s.firstAtOrAfter(21)).toBe(3);
    expect(s.firstAtOrAfter(31)).toBe(4);
  });
});
