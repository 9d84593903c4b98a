import { describe, expect, it } from 'vitest';
import { LabelObjectIndex } from './label-object-index.js';
import { LabelSetTable } from './label-set.js';

describe('LabelObjectIndex', () => {
  it('finds a value by the labels in the same key order, skipping empty values', () => {
    const index = new LabelObjectIndex<number>();
    index.set({ __name__: 'x', a: '1', b: '' }, 7);
    expect(index.get({ __name__: 'x', a: '1' })).toBe(7);
    expect(index.get({ __name__: 'x', a: '1', c: '' })).toBe(7);
    expect(index.get({ a: '1', __name__: 'x' })).toBeUndefined();
    expect(index.get({ __name__: 'x' })).toBeUndefined();
    expect(index.get({ __name__: 'x', a: '1', b: '2' })).toBeUndefined();
  });
});

describe('LabelSetTable.fromLabels on a shared table', () => {
  it('returns the same set from the object index as from sorting, whatever the key order', () => {
    const table = new LabelSetTable();
    const make = () => ({ __name__: 'req', pod: 'p-1', job: 'api', empty: '' });
    const first = table.fromLabels(make());
    expect(table.fromLabels(make())).toBe(first); // second time: indexed
    expect(table.fromLabels(make())).toBe(first); // from the index
    expect(table.fromLabels({ job: 'api', pod: 'p-1', __name__: 'req' })).toBe(first);
    expect(first.names).toEqual(['__name__', 'job', 'pod']);
    expect(table.fromLabels({ __name__: 'req', pod: 'p-1', job: 'web' })).not.toBe(first);
  });
});
