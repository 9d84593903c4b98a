/**
 * Test support: an engine over series written in Prometheus's test notation, and its
 * results as `{ 'name{a="b"}': value }` maps that read well in assertions.
 */

import { SeriesStore } from '../../../metrics/series-store.js';
import type { Labels } from '../../types.js';
import { PromQLEngine, type PromQLEngineOptions } from '../engine.js';
import { loadSeries } from './series-notation.js';

export interface TestEngineOptions {
  /** Scrape interval of the series, ms. Default 15 s. */
  readonly intervalMs?: number;
  readonly engine?: PromQLEngineOptions;
}

/** An engine over `{ 'selector': 'values' }` (sample i at i × interval). */
export function engineWith(
  series: Readonly<Record<string, string>>,
  options: TestEngineOptions = {},
): PromQLEngine {
  const store = new SeriesStore();
  for (const [selector, values] of Object.entries(series)) {
    loadSeries(store, selector, values, options.intervalMs ?? 15_000);
  }
  return new PromQLEngine(store, options.engine);
}

/** `name{a="b", c="d"}`, or `{…}` without a name. */
export function formatLabels(labels: Labels): string {
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ');
  return `${labels.__name__ ?? ''}{${rest}}`;
}

/** The instant vector at `atMs` as a label-string → value map (throws on a scalar). */
export function vectorAt(engine: PromQLEngine, expr: string, atMs: number): Record<string, number> {
  const r = engine.instant(expr, atMs);
  if (r.kind !== 'vector') throw new Error(`${expr} is a scalar`);
  const out: Record<string, number> = {};
  for (const s of r.samples) out[formatLabels(s.labels)] = s.value;
  return out;
}

/** The scalar at `atMs` (throws on a vector). */
export function scalarAt(engine: PromQLEngine, expr: string, atMs: number): number {
  const r = engine.instant(expr, atMs);
  if (r.kind !== 'scalar') throw new Error(`${expr} is a vector`);
  return r.value;
}

/** Minutes and seconds to ms: `ms(5)` is 5 minutes, `ms(5, 7)` is 5m7s. */
export function ms(minutes: number, seconds = 0): number {
  return (minutes * 60 + seconds) * 1000;
}
