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
});
