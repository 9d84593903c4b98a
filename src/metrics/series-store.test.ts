import { describe, expect, it } from 'vitest';
import { type LabelMatcher, literalMatcher } from './label-matcher.js';
import { LabelSetTable } from './label-set.js';
import { SeriesStore } from './series-store.js';

const eq = (name: string, value: string) => literalMatcher(name, '=', value);
const neq = (name: string, value: string) => literalMatcher(name, '!=', value);
const re = (name: string, pattern: RegExp): LabelMatcher => ({
  name,
  type: '=~',
  value: pattern.source,
  matches: (v) => pattern.test(v),
});

function names(store: SeriesStore, matchers: LabelMatcher[]): string[] {
  return store.select(matchers).series.map((s) => s.labelSet.toString());
}

describe('SeriesStore', () => {
  it('returns the same ref for the same labels, in any order', () => {
    const store = new SeriesStore();
    const a = store.ref({ __name__: 'up', job: 'api' });
    expect(store.ref({ job: 'api', __name__: 'up' })).toBe(a);
    expect(store.ref({ job: 'api', __name__: 'up', empty: '' })).toBe(a);
    expect(store.ref({ __name__: 'up', job: 'db' })).not.toBe(a);
    expect(store.size).toBe(2);
    expect(store.labels(a)).toEqual({ __name__: 'up', job: 'api' });
  });

  it('finds a series by its label set, one of another table included (by equal labels, not by number)', () => {
    const shared = new LabelSetTable();
    const store = new SeriesStore({ labelSets: shared });
    const a = store.refOfSet(shared.fromLabels({ __name__: 'up', job: 'a' }));
    const b = store.refOfSet(shared.fromLabels({ __name__: 'up', job: 'b' }));
    expect(store.refOfSet(shared.fromLabels({ job: 'a', __name__: 'up' }))).toBe(a);
    // Another table numbers its sets from 0 too: its {job="b"} is its first, as {job="a"} is here.
    const other = new LabelSetTable();
    const otherB = other.fromLabels({ __name__: 'up', job: 'b' });
    expect(store.refOfSet(otherB)).toBe(b);
    expect(store.refOfSet(other.fromLabels({ __name__: 'up', job: 'a' }))).toBe(a);
    expect(store.refOfSet(other.fromLabels({ __name__: 'up', job: 'c' }))).toBe(2);
    expect(store.size).toBe(3);
    // A second store on the same table starts empty.
    const fresh = new SeriesStore({ labelSets: shared });
    expect(fresh.refOfSet(shared.fromLabels({ __name__: 'up', job: 'b' }))).toBe(0);
  });

  it('stores samples and staleness markers per series', () => {
    const store = new SeriesStore({ initialCapacity: 1 });
    const r = store.ref({ __name__: 'x' });
    store.append(r, 0, 1);
    store.append(r, 15_000, 2);
    store.markStale(r, 30_000);
    const s = store.series(r);
    expect([...s.t.subarray(0, s.length)]).toEqual([0, 15_000, 30_000]);
    expect(s.isStale(2)).toBe(true);
    expect(() => store.append(r, 10_000, 3)).toThrow(/out-of-order/);
    expect(() => store.series(99)).toThrow(RangeError);
  });

  it('selects by matchers; a missing label reads as ""', () => {
    const store = new SeriesStore();
    store.ref({ __name__: 'req', code: '200', version: 'stable' });
    store.ref({ __name__: 'req', code: '500', version: 'canary' });
    store.ref({ __name__: 'req', code: '503' });
    store.ref({ __name__: 'other', code: '500' });
    expect(names(store, [eq('__name__', 'req'), re('code', /^5..$/)])).toEqual([
      '{__name__="req", code="500", version="canary"}',
      '{__name__="req", code="503"}',
    ]);
    expect(names(store, [eq('__name__', 'req'), eq('version', '')])).toEqual([
      '{__name__="req", code="503"}',
    ]);
    expect(names(store, [eq('__name__', 'req'), neq('version', 'stable')])).toHaveLength(2);
    expect(names(store, [re('code', /^500$/)])).toHaveLength(2);
  });

  it('keeps selections in creation order and current as series are added', () => {
    const store = new SeriesStore();
    store.ref({ __name__: 'req', pod: 'b' });
    const sel = store.select([eq('__name__', 'req')]);
    expect(store.select([eq('__name__', 'req')])).toBe(sel);
    const version = sel.version;
    store.ref({ __name__: 'req', pod: 'a' });
    store.ref({ __name__: 'nope', pod: 'a' });
    expect(sel.series.map((s) => s.labelSet.get('pod'))).toEqual(['b', 'a']);
    expect(sel.version).toBe(version + 1);
  });

  it('shares one selection for the same matchers in another order', () => {
    const store = new SeriesStore();
    const m1 = [eq('a', '1'), eq('b', '2')];
    const m2 = [eq('b', '2'), eq('a', '1')];
    expect(store.select(m1)).toBe(store.select(m2));
  });

  describe("reset (a thread's next trial)", () => {
    it('empties the store: no series, no samples, selections empty', () => {
      const store = new SeriesStore({ initialCapacity: 4 });
      const sel = store.select([eq('__name__', 'req')]);
      const r = store.ref({ __name__: 'req', pod: 'a' });
      store.append(r, 0, 5);
      store.markStale(r, 15_000);
      const version = sel.version;
      store.reset();
      expect(store.size).toBe(0);
      expect(store.inCreationOrder()).toEqual([]);
      expect(sel.series).toEqual([]);
      expect(sel.version).toBeGreaterThan(version);
      expect(() => store.series(r)).toThrow(RangeError);
    });

    it("gives series back in this generation's creation order, with only their new samples", () => {
      const store = new SeriesStore({ initialCapacity: 2 });
      const sel = store.select([eq('__name__', 'req')]);
      const a = store.ref({ __name__: 'req', pod: 'a' });
      const b = store.ref({ __name__: 'req', pod: 'b' });
      store.append(a, 0, 10);
      store.append(a, 15_000, 20);
      store.append(a, 30_000, 5); // a reset, past the initial capacity: arrays of its own
      store.append(b, 0, 7);
      store.markStale(b, 15_000);
      store.reset();
      // b first this time, then a series never seen before (a new ref), then a.
      expect(store.ref({ __name__: 'req', pod: 'b' })).toBe(b);
      expect(store.ref({ __name__: 'req', pod: 'c' })).toBe(2);
      expect(store.ref({ __name__: 'req', pod: 'a' })).toBe(a);
      expect(store.ref({ __name__: 'req', pod: 'a' })).toBe(a);
      expect(sel.series.map((s) => s.labelSet.get('pod'))).toEqual(['b', 'c', 'a']);
      expect(store.inCreationOrder().map((s) => s.labelSet.get('pod'))).toEqual(['b', 'c', 'a']);
      expect(store.size).toBe(3);
      store.append(a, 5_000, 1);
      store.append(b, 5_000, 2);
      store.append(b, 20_000, 1);
      const sa = store.series(a);
      const sb = store.series(b);
      expect([...sa.t.subarray(0, sa.length)]).toEqual([5_000]);
      expect([...sa.v.subarray(0, sa.length)]).toEqual([1]);
      expect([...sb.t.subarray(0, sb.length)]).toEqual([5_000, 20_000]);
      expect(sb.isStale(1)).toBe(false);
      // A decrease in the last generation is not one in this one.
      expect(sb.lastDecrease).toBe(1);
      expect(sa.lastDecrease).toBe(0);
      // Both share the new generation's timeline.
      expect(sa.timeline).not.toBeNull();
      expect(sa.timeline).toBe(sb.timeline);
    });

    it('builds a selection made after a reset from the series of this generation, and keeps it current', () => {
      const store = new SeriesStore();
      const a = store.ref({ __name__: 'req', code: '500' });
      store.ref({ __name__: 'req', code: '200' });
      store.reset();
      const b = store.ref({ __name__: 'req', code: '503' });
      const errors = store.select([eq('__name__', 'req'), re('code', /^5..$/)]);
      const any = store.select([re('code', /^5..$/)]);
      expect(errors.series.map((s) => s.ref)).toEqual([b]);
      expect(any.series.map((s) => s.ref)).toEqual([b]);
      // A series of an earlier generation it takes joins when it comes back; one it does not, not.
      store.ref({ __name__: 'req', code: '200' });
      expect(store.ref({ __name__: 'req', code: '500' })).toBe(a);
      expect(errors.series.map((s) => s.ref)).toEqual([b, a]);
      expect(any.series.map((s) => s.ref)).toEqual([b, a]);
    });
  });
});
