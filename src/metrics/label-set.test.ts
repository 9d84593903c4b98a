import { describe, expect, it } from 'vitest';
import { compareLabelSets, compareUtf8, goQuote, LabelSetTable } from './label-set.js';

describe('LabelSetTable', () => {
  it('interns equal label sets to one object, whatever the key order', () => {
    const t = new LabelSetTable();
    const a = t.fromLabels({ job: 'api', __name__: 'up' });
    const b = t.fromLabels({ __name__: 'up', job: 'api' });
    expect(a).toBe(b);
    expect(a.names).toEqual(['__name__', 'job']);
    expect(a.labels).toEqual({ __name__: 'up', job: 'api' });
    expect(Object.isFrozen(a.labels)).toBe(true);
  });

  it('drops labels with empty values, as Prometheus does at ingestion', () => {
    const t = new LabelSetTable();
    expect(t.fromLabels({ a: '1', b: '' })).toBe(t.fromLabels({ a: '1' }));
  });

  it('keys cannot be forged by separators inside values', () => {
    const t = new LabelSetTable();
    expect(t.fromLabels({ a: 'x', b: 'y' })).not.toBe(t.fromLabels({ a: 'x1:b1:y' }));
  });

  it('keeps and drops by the names, not by the name set object (its results are memoized)', () => {
    const t = new LabelSetTable();
    const set = t.fromLabels({ __name__: 'x', le: '0.1', pod: 'a', version: 'v1' });
    const byLe = t.keep(set, new Set(['le']));
    expect(byLe.labels).toEqual({ le: '0.1' });
    expect(t.keep(set, new Set(['le']))).toBe(byLe);
    expect(t.keep(set, new Set(['pod', 'le'])).labels).toEqual({ le: '0.1', pod: 'a' });
    expect(t.drop(set, new Set(['le'])).labels).toEqual({ __name__: 'x', pod: 'a', version: 'v1' });
    expect(t.drop(set, new Set(['le', 'pod']))).toBe(t.fromLabels({ __name__: 'x', version: 'v1' }));
    const other = t.fromLabels({ le: '0.2', pod: 'b' });
    expect(t.keep(other, new Set(['le'])).labels).toEqual({ le: '0.2' });
    expect(t.keep(set, new Set(['nothing']))).toBe(t.empty);
  });

  it('derives sets without the name, keeping, dropping and setting labels', () => {
    const t = new LabelSetTable();
    const s = t.fromLabels({ __name__: 'm', a: '1', b: '2' });
    expect(t.withoutName(s)).toBe(t.fromLabels({ a: '1', b: '2' }));
    expect(t.withoutName(t.withoutName(s))).toBe(t.fromLabels({ a: '1', b: '2' }));
    expect(t.keep(s, new Set(['b', 'zzz']))).toBe(t.fromLabels({ b: '2' }));
    expect(t.drop(s, new Set(['a']))).toBe(t.fromLabels({ __name__: 'm', b: '2' }));
    expect(t.with(s, 'aa', 'x')).toBe(t.fromLabels({ __name__: 'm', a: '1', aa: 'x', b: '2' }));
    expect(t.with(s, 'a', '')).toBe(t.fromLabels({ __name__: 'm', b: '2' }));
    expect(s.get('a')).toBe('1');
    expect(s.get('missing')).toBe('');
  });
});

describe('compareLabelSets', () => {
  it("orders as Prometheus's labels.Compare: by name, then value, a prefix first", () => {
    const t = new LabelSetTable();
    const sets = [
      t.fromLabels({ a: '2' }),
      t.fromLabels({ a: '1', b: '1' }),
      t.fromLabels({ a: '1' }),
      t.fromLabels({ b: '0' }),
      t.fromLabels({}),
    ];
    const sorted = [...sets].sort(compareLabelSets).map((s) => s.toString());
    expect(sorted).toEqual(['{}', '{a="1"}', '{a="1", b="1"}', '{a="2"}', '{b="0"}']);
  });

  it('compares strings in UTF-8 byte order, as Go does', () => {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 …) in UTF-8,
    // but after it in UTF-16 (D83D …).
    expect(compareUtf8('\uff5e', '😀')).toBeLessThan(0);
    expect('\uff5e' < '😀').toBe(false);
    expect(compareUtf8('a', 'b')).toBeLessThan(0);
    expect(compareUtf8('ab', 'a')).toBeGreaterThan(0);
  });
});

describe('goQuote', () => {
  it("quotes like Go's strconv.Quote", () => {
    expect(goQuote('a"b\\c\n\t')).toBe('"a\\"b\\\\c\\n\\t"');
    expect(goQuote('\x01é')).toBe('"\\x01é"');
  });
});
