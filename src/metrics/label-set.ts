/**
 * An immutable, interned label set: label names sorted as Prometheus sorts them, no empty
 * values (Prometheus drops labels with empty values at ingestion, so `{a=""}` and `{}`
 * are the same series). Interning (see {@link LabelSetTable}) makes equal sets the same
 * object, so the query engine can compare, hash and cache by identity.
 */
import type { Labels } from '../analysis/types.js';
import { LabelObjectIndex } from './label-object-index.js';

export const METRIC_NAME = '__name__';

export class LabelSet {
  /** Label names, ascending in UTF-8 byte order. */
  readonly names: readonly string[];
  /** Values, parallel to `names`; never empty strings. */
  readonly values: readonly string[];
  /** Canonical identity: equal keys mean equal label sets. */
  readonly key: string;
  /** The table that interned it, and its number there (0, 1, 2, …): an array index for stores. */
  readonly table: LabelSetTable;
  readonly id: number;
  private labelsMemo: Labels | undefined = undefined;
  /** Whether {@link LabelSetTable.fromLabels} has returned this set before. */
  fromLabelsBefore = false;
  /** Engine scratch: this set without `__name__`, filled in lazily by {@link LabelSetTable.withoutName}. */
  withoutNameMemo: LabelSet | undefined = undefined;
  /** Engine scratch: an epoch stamp, to find duplicates or group a vector without a map. */
  stamp = 0;
  /** Engine scratch: a slot number valid while `stamp` equals the current epoch. */
  slot = 0;

  constructor(
    names: readonly string[],
    values: readonly string[],
    key: string,
    table: LabelSetTable,
    id: number,
  ) {
    this.names = names;
    this.values = values;
    this.key = key;
    this.table = table;
    this.id = id;
  }

  /** The same labels as a frozen plain object (built on first use, then kept). */
  get labels(): Labels {
    let labels = this.labelsMemo;
    if (labels === undefined) {
      const obj: Record<string, string> = {};
      for (let i = 0; i < this.names.length; i++) obj[this.names[i]] = this.values[i];
      labels = Object.freeze(obj);
      this.labelsMemo = labels;
    }
    return labels;
  }

  /** The value of a label, or "" when the set does not have it (PromQL's convention). */
  get(name: string): string {
    const names = this.names;
    for (let i = 0; i < names.length; i++) {
      if (names[i] === name) return this.values[i];
    }
    return '';
  }

  get size(): number {
    return this.names.length;
  }

  /** Prometheus's text form, e.g. `{__name__="up", job="api"}` (Go-quoted values). */
  toString(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.names.length; i++) parts.push(`${this.names[i]}=${goQuote(this.values[i])}`);
    return `{${parts.join(', ')}}`;
  }
}

/**
 * Canonical key of a sorted label list. Length-prefixed, so no value can forge a
 * separator.
 */
export function labelSetKey(names: readonly string[], values: readonly string[]): string {
  let key = '';
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    const v = values[i];
    key += `${n.length}:${n}${v.length}:${v}`;
  }
  return key;
}

/**
 * Compares two strings in UTF-8 byte order (Go's string order), which differs from
 * JavaScript's UTF-16 order only between astral characters and U+E000–U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Prometheus's `labels.Compare`: pairwise by name then value; a prefix sorts first. */
export function compareLabelSets(a: LabelSet, b: LabelSet): number {
  if (a === b) return 0;
  const an = a.names;
  const bn = b.names;
  const n = Math.min(an.length, bn.length);
  for (let i = 0; i < n; i++) {
    if (an[i] !== bn[i]) return compareUtf8(an[i], bn[i]) < 0 ? -1 : 1;
    const av = a.values[i];
    const bv = b.values[i];
    if (av !== bv) return compareUtf8(av, bv) < 0 ? -1 : 1;
  }
  return an.length - bn.length;
}

/**
 * Go's `strconv.Quote` for the characters label values realistically hold: the named
 * escapes, `\xNN` for other ASCII control characters, printable Unicode as is.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Interns label sets: one object per distinct set for the life of the table (one trial,
 * or shared by the trials of one worker).
 * Holds both the series' label sets and those the engine derives (without the metric
 * name, grouped, joined), so identity means equality across both.
 */
export class LabelSetTable {
  private readonly byKey = new Map<string, LabelSet>();
  /** Sets that {@link fromLabels} returned more than once, by label object (its key order). */
  private readonly byObject = new LabelObjectIndex<LabelSet>();
  /** The empty label set `{}`. */
  readonly empty: LabelSet;

  constructor() {
    this.empty = this.intern([], []);
  }

  get size(): number {
    return this.byKey.size;
  }

  /**
   * The interned set for these parallel arrays. `names` must be sorted ascending (UTF-8
   * order) and unique; empty values must already be removed. The arrays are kept, so do
   * not mutate them afterwards.
   */
  intern(names: readonly string[], values: readonly string[]): LabelSet {
    const key = labelSetKey(names, values);
    let set = this.byKey.get(key);
    if (set === undefined) {
      set = new LabelSet(names, values, key, this, this.byKey.size);
      this.byKey.set(key, set);
    }
    return set;
  }

  /**
   * Interns a plain label object; labels with empty values are dropped. A set asked for a
   * second time is indexed by its label object, so that later requests skip sorting the
   * names: a table shared by trials sees each series' labels again in every trial, while a
   * table used once does not pay for the index.
   */
  fromLabels(labels: Labels): LabelSet {
    let set = this.byObject.get(labels);
    if (set === undefined) {
      // Insertion sort: a dozen names at most, and no comparator calls through Array.sort.
      const names: string[] = [];
      const values: string[] = [];
      for (const name of Object.keys(labels)) {
        const value = labels[name];
        if (value === '') continue;
        let i = names.length;
        names.push(name);
        values.push(value);
        for (; i > 0 && compareUtf8(names[i - 1], name) > 0; i--) {
          names[i] = names[i - 1];
          values[i] = values[i - 1];
        }
        names[i] = name;
        values[i] = value;
      }
      set = this.intern(names, values);
      if (set.fromLabelsBefore) this.byObject.set(labels, set);
      set.fromLabelsBefore = true;
    }
    return set;
  }

  /** The set without `__name__` (memoized on the set). */
  withoutName(set: LabelSet): LabelSet {
    let out = set.withoutNameMemo;
    if (out === undefined) {
      const i = set.names.indexOf(METRIC_NAME);
      out = i < 0 ? set : this.intern(without(set.names, i), without(set.values, i));
      set.withoutNameMemo = out;
    }
    return out;
  }

  /**
   * Projections already made (keep and drop), by kind and names: label sets repeat from
   * trial to trial, and so do the groupings of the queries over them. `byNameSet` finds a
   * name set's memo without building its key again.
   */
  private readonly projections = new Map<string, Map<LabelSet, LabelSet>>();
  private readonly projectionByNameSet = {
    keep: new WeakMap<ReadonlySet<string>, Map<LabelSet, LabelSet>>(),
    drop: new WeakMap<ReadonlySet<string>, Map<LabelSet, LabelSet>>(),
  };

  private projectionMemo(kind: 'keep' | 'drop', names: ReadonlySet<string>): Map<LabelSet, LabelSet> {
    let memo = this.projectionByNameSet[kind].get(names);
    if (memo === undefined) {
      const key = `${kind}\u0000${[...names].sort().join('\u0000')}`;
      memo = this.projections.get(key);
      if (memo === undefined) {
        memo = new Map();
        this.projections.set(key, memo);
      }
      this.projectionByNameSet[kind].set(names, memo);
    }
    return memo;
  }

  /** The set keeping only the given names (`keep` need not be sorted). */
  keep(set: LabelSet, keep: ReadonlySet<string>): LabelSet {
    return this.projected('keep', set, keep);
  }

  /** The set without the given names. */
  drop(set: LabelSet, drop: ReadonlySet<string>): LabelSet {
    return this.projected('drop', set, drop);
  }

  private projected(kind: 'keep' | 'drop', set: LabelSet, names: ReadonlySet<string>): LabelSet {
    const memo = this.projectionMemo(kind, names);
    let out = memo.get(set);
    if (out === undefined) {
      out = this.project(set, names, kind === 'keep');
      memo.set(set, out);
    }
    return out;
  }

  /** The set with only (`keep`) or without the names in `names`. */
  private project(set: LabelSet, given: ReadonlySet<string>, keep: boolean): LabelSet {
    const names: string[] = [];
    const values: string[] = [];
    for (let i = 0; i < set.names.length; i++) {
      if (given.has(set.names[i]) === keep) {
        names.push(set.names[i]);
        values.push(set.values[i]);
      }
    }
    return names.length === set.names.length ? set : this.intern(names, values);
  }

  /** The set with `name` set to `value` (removed when `value` is ""). */
  with(set: LabelSet, name: string, value: string): LabelSet {
    const names: string[] = [];
    const values: string[] = [];
    let placed = value === '';
    for (let i = 0; i < set.names.length; i++) {
      const n = set.names[i];
      if (n === name) continue;
      if (!placed && compareUtf8(name, n) < 0) {
        names.push(name);
        values.push(value);
        placed = true;
      }
      names.push(n);
      values.push(set.values[i]);
    }
    if (!placed) {
      names.push(name);
      values.push(value);
    }
    return this.intern(names, values);
  }
}

function without<T>(arr: readonly T[], i: number): T[] {
  return arr.toSpliced(i, 1);
}
