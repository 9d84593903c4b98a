/**
 * Test support: series written in Prometheus's test notation (as in promtool's
 * `input_series` and Prometheus's own promql tests), loaded into a SeriesStore.
 *
 * Values: `1 2 3`; `a+bxN` is a then N more values, each adding b (accumulated, as
 * Prometheus does); `axN` is a repeated N+1 times; `_` skips one scrape, `_xN` skips N;
 * `stale` is a staleness marker; `Inf`, `-Inf`, `NaN` are floats.
 */

import type { SeriesStore } from '../../../metrics/series-store.js';
import type { Labels } from '../../types.js';
import { unquote } from '../literals.js';

export type NotationValue = number | 'stale' | null;

function num(s: string): number {
  const lower = s.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === 'inf' || lower === '+inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  const v = Number(s);
  if (Number.isNaN(v) || s.trim() === '') throw new Error(`not a number in series notation: ${s}`);
  return v;
}

const NUMBER = '[+-]?(?:\\d+(?:\\.\\d*)?(?:e[+-]?\\d+)?|\\.\\d+|Inf|NaN)';

/** Expands a values string into one entry per scrape (null: no sample). */
export function expandSeriesValues(notation: string): NotationValue[] {
  const out: NotationValue[] = [];
  for (const tok of notation.trim().split(/\s+/)) {
    if (tok === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^_(?:x(\d+))?$/.exec(tok)) !== null) {
      const n = m[1] === undefined ? 1 : Number(m[1]);
      for (let i = 0; i < n; i++) out.push(null);
    } else if (tok === 'stale') out.push('stale');
    else if (
      (m = new RegExp(`^(${NUMBER})([+-](?:\\d+(?:\\.\\d*)?(?:e[+-]?\\d+)?|\\.\\d+))x(\\d+)$`, 'i').exec(
        tok,
      )) !== null
    ) {
      let v = num(m[1]);
      const step = num(m[2]);
      out.push(v);
      for (let i = 1; i <= Number(m[3]); i++) {
        v += step;
        out.push(v);
      }
    } else if ((m = new RegExp(`^(${NUMBER})x(\\d+)$`, 'i').exec(tok)) !== null) {
      for (let i = 0; i <= Number(m[2]); i++) out.push(num(m[1]));
    } else out.push(num(tok));
  }
  return out;
}

/** Parses `name{a="b", c="d"}` (name optional) into labels. */
export function parseSeriesSelector(text: string): Labels {
  const m = /^\s*([A-Za-z_:][\w:]*)?\s*(?:\{(.*)\})?\s*$/s.exec(text);
  if (m === null) throw new Error(`bad series selector: ${text}`);
  const labels: Record<string, string> = {};
  if (m[1] !== undefined) labels.__name__ = m[1];
  const body = m[2] ?? '';
  const pair = /\s*([A-Za-z_][\w]*)\s*=\s*("(?:[^"\\]|\\.)*")\s*,?/gy;
  let p: RegExpExecArray | null;
  let consumed = 0;
  while ((p = pair.exec(body)) !== null) {
    labels[p[1]] = unquote(p[2])!;
    consumed = pair.lastIndex;
  }
  if (body.slice(consumed).trim() !== '') throw new Error(`bad labels in series selector: ${text}`);
  return labels;
}

/**
 * Adds a series to the store: sample i at `startMs + i·intervalMs`. Returns its ref.
 */
export function loadSeries(
  store: SeriesStore,
  selector: string,
  values: string,
  intervalMs: number,
  startMs = 0,
): number {
  const ref = store.ref(parseSeriesSelector(selector));
  expandSeriesValues(values).forEach((v, i) => {
    const t = startMs + i * intervalMs;
    if (v === 'stale') store.markStale(ref, t);
    else if (v !== null) store.append(ref, t, v);
  });
  return ref;
}
