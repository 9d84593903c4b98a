import { describe, expect, it } from 'vitest';
import { type LabelMatcher, literalMatcher } from './label-matcher.js';
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
