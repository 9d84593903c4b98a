import { describe, expect, it } from 'vitest';
import { SeriesStore } from './series-store.js';

const times = (store: SeriesStore, ref: number) => {
  const s = store.series(ref);
  return [...s.t.subarray(0, s.length)];
};
const values = (store: SeriesStore, ref: number) => {
  const s = store.series(ref);
  return [...s.v.subarray(0, s.length)];
};

describe('shared timelines', () => {
  it('gives the series scraped at the same instants one timestamps array', () => {
    const store = new SeriesStore({ initialCapacity: 16 });
    const a = store.ref({ __name__: 'x', pod: 'a' });
    const b = store.ref({ __name__: 'x', pod: 'b' });
    for (let i = 0; i < 5; i++) {
      store.append(a, i * 15_000, i);
      store.append(b, i * 15_000, 10 * i);
    }
    expect(store.series(a).t).toBe(store.series(b).t);
    expect(times(store, b)).toEqual([0, 15_000, 30_000, 45_000, 60_000]);
    expect(values(store, a)).toEqual([0, 1, 2, 3, 4]);
    expect(values(store, b)).toEqual([0, 10, 20, 30, 40]);
  });

  it('lets a later series share from the index of its first sample on', () => {
    const store = new SeriesStore({ initialCapacity: 16 });
    const a = store.ref({ __name__: 'x', pod: 'a' });
    const late = store.ref({ __name__: 'x', pod: 'late' });
    for (let i = 0; i < 6; i++) {
      store.append(a, i * 15_000, i);
      if (i >= 3) store.append(late, i * 15_000, 100 + i);
    }
    const s = store.series(late);
    expect(s.timeline).toBe(store.series(a).timeline);
    expect(s.timeOffset).toBe(3);
    expect(times(store, late)).toEqual([45_000, 60_000, 75_000]);
    expect(values(store, late)).toEqual([103, 104, 105]);
  });

  it('copies the timestamps of a series that misses a scrape, leaving the others as they were', () => {
    const store = new SeriesStore({ initialCapacity: 16 });
    const a = store.ref({ __name__: 'x', pod: 'a' });
    const b = store.ref({ __name__: 'x', pod: 'b' });
    store.append(a, 0, 1);
    store.append(b, 0, 1);
    store.append(a, 15_000, 2);
    store.append(b, 16_000, 2); // late
    store.append(a, 30_000, 3);
    store.append(b, 30_000, 3);
    expect(store.series(b).timeline).toBeNull();
    expect(times(store, a)).toEqual([0, 15_000, 30_000]);
    expect(times(store, b)).toEqual([0, 16_000, 30_000]);
  });

  it('does not share a start at -0 with one at +0', () => {
    const store = new SeriesStore();
    const a = store.ref({ __name__: 'x', pod: 'a' });
    const b = store.ref({ __name__: 'x', pod: 'b' });
    store.append(a, 0, 1);
    store.append(b, -0, 1);
    expect(Object.is(store.series(a).t[0], 0)).toBe(true);
    expect(Object.is(store.series(b).t[0], -0)).toBe(true);
  });

  it('grows a late series past the end of its shared view', () => {
    const store = new SeriesStore({ initialCapacity: 8 });
    const a = store.ref({ __name__: 'x', pod: 'a' });
    const late = store.ref({ __name__: 'x', pod: 'late' });
    for (let i = 0; i < 20; i++) {
      store.append(a, i * 1000, i);
      if (i >= 6) store.append(late, i * 1000, -i);
    }
    expect(times(store, late)).toEqual(Array.from({ length: 14 }, (_, k) => (k + 6) * 1000));
    expect(values(store, late)).toEqual(Array.from({ length: 14 }, (_, k) => -(k + 6)));
    expect(times(store, a)).toEqual(Array.from({ length: 20 }, (_, k) => k * 1000));
  });

  it('keeps replacements and staleness markers per series', () => {
    const store = new SeriesStore({ initialCapacity: 16 });
    const a = store.ref({ __name__: 'x', pod: 'a' });
    const b = store.ref({ __name__: 'x', pod: 'b' });
    store.append(a, 0, 1);
    store.append(b, 0, 1);
    store.append(a, 0, 5); // replaces
    store.markStale(b, 15_000);
    store.append(a, 15_000, 2);
    expect(store.series(a).t).toBe(store.series(b).t);
    expect(values(store, a)).toEqual([5, 2]);
    expect(store.series(b).isStale(1)).toBe(true);
    expect(store.series(a).isStale(1)).toBe(false);
  });
});

describe('Series.lastDecrease', () => {
  it('bounds the last sample below its predecessor', () => {
    const store = new SeriesStore();
    const r = store.ref({ __name__: 'c' });
    const s = store.series(r);
    for (const [t, v] of [
      [0, 1],
      [1, 5],
      [2, 9],
    ]) {
      store.append(r, t, v);
    }
    expect(s.lastDecrease).toBe(0);
    store.append(r, 3, 2); // a reset
    store.append(r, 4, 3);
    expect(s.lastDecrease).toBe(3);
    store.append(r, 4, 1); // replaces the last sample with a lower one
    expect(s.lastDecrease).toBe(4);
    store.append(r, 5, Number.NaN);
    store.append(r, 6, 0);
    expect(s.lastDecrease).toBe(4); // comparisons with NaN are false, as in rate's reset scan
  });
});

describe('a series that follows its timeline (the timestamp is already there)', () => {
  it('keeps its values, resets and staleness markers as one of its own would', () => {
    const store = new SeriesStore({ initialCapacity: 16 });
    const lead = store.ref({ __name__: 'c', pod: 'lead' });
    const follower = store.ref({ __name__: 'c', pod: 'follower' });
    const alone = new SeriesStore({ initialCapacity: 16 });
    const own = alone.ref({ __name__: 'c' });
    const samples: [number, number][] = [
      [0, 1],
      [15_000, 5],
      [30_000, 2], // a reset
      [45_000, Number.NaN],
      [60_000, 0],
      [75_000, 4],
    ];
    for (const [i, [t, v]] of samples.entries()) {
      store.append(lead, t, i);
      store.append(follower, t, v);
      alone.append(own, t, v);
      if (i === 3) {
        store.markStale(follower, 45_001); // not on the timeline: goes on alone
        alone.markStale(own, 45_001);
      }
    }
    store.append(follower, 90_000, 7);
    alone.append(own, 90_000, 7);
    const f = store.series(follower);
    const o = alone.series(own);
    expect(times(store, follower)).toEqual(times(alone, own));
    expect(values(store, follower)).toEqual(values(alone, own));
    expect([...f.stale!.subarray(0, f.length)]).toEqual([...o.stale!.subarray(0, o.length)]);
    expect(f.lastDecrease).toBe(o.lastDecrease);
    expect(f.lastDecrease).toBeGreaterThan(0);
  });

  it('records a reset while it shares the timeline', () => {
    const store = new SeriesStore({ initialCapacity: 16 });
    const lead = store.ref({ __name__: 'c', pod: 'lead' });
    const follower = store.ref({ __name__: 'c', pod: 'follower' });
    for (const [i, v] of [3, 8, 1, 2].entries()) {
      store.append(lead, i * 15_000, i);
      store.append(follower, i * 15_000, v);
    }
    const f = store.series(follower);
    expect(f.t).toBe(store.series(lead).t);
    expect(f.lastDecrease).toBe(2);
  });
});
