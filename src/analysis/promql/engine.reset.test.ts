/**
 * An engine kept across its store's resets (a simulating thread's next trial) answers as
 * a new engine over the same store would: nothing it worked out from one trial's series
 * carries over to the next, whose series come back in another order.
 */
import { describe, expect, it } from 'vitest';
import { SeriesStore } from '../../metrics/series-store.js';
import { PromQLEngine } from './engine.js';
import { ms, vectorAt } from './testing/query.js';
import { loadSeries } from './testing/series-notation.js';

/** Empties the store and loads `series` (in this order) as a new trial's. */
function trial(store: SeriesStore, series: Readonly<Record<string, string>>): void {
  store.reset();
  for (const [selector, values] of Object.entries(series)) loadSeries(store, selector, values, 15_000);
}

/** The vector an engine answers, or the message of the error it throws. */
function answer(engine: PromQLEngine, expr: string, at: number): Record<string, number> | string {
  try {
    return vectorAt(engine, expr, at);
  } catch (e) {
    return (e as Error).message;
  }
}

/** The kept engine's answer, checked against a new engine's over the same store. */
function sameAsNew(store: SeriesStore, kept: PromQLEngine, expr: string, at: number) {
  const got = answer(kept, expr, at);
  expect(got).toEqual(answer(new PromQLEngine(store), expr, at));
  return got;
}

describe('an engine kept across store resets', () => {
  it('sums each series into its own group when the series come back in another order', () => {
    const store = new SeriesStore();
    const engine = new PromQLEngine(store);
    const expr = 'sum by (le) (rate(b_bucket[1m]))';
    trial(store, {
      'b_bucket{le="0.1", pod="a"}': '0+1x10',
      'b_bucket{le="1", pod="a"}': '0+2x10',
      'b_bucket{le="0.1", pod="b"}': '0+3x10',
    });
    expect(sameAsNew(store, engine, expr, ms(2))).toEqual({ '{le="0.1"}': 4 / 15, '{le="1"}': 2 / 15 });
    // The next trial: other series first, one more, and other rates.
    trial(store, {
      'b_bucket{le="0.1", pod="c"}': '0+30x10',
      'b_bucket{le="1", pod="b"}': '0+60x10',
      'b_bucket{le="1", pod="a"}': '0+15x10',
      'b_bucket{le="0.1", pod="a"}': '0+15x10',
    });
    expect(sameAsNew(store, engine, expr, ms(2))).toEqual({ '{le="0.1"}': 3, '{le="1"}': 5 });
  });

  it('finds two series with the same labels but their name in a trial after one without', () => {
    const store = new SeriesStore();
    const engine = new PromQLEngine(store);
    const expr = 'sum(rate({job="a"}[1m]))';
    trial(store, { 'x{job="a", i="1"}': '0+15x10', 'y{job="a", i="2"}': '0+15x10' });
    expect(sameAsNew(store, engine, expr, ms(2))).toEqual({ '{}': 2 });
    trial(store, { 'x{job="a", i="1"}': '0+15x10', 'y{job="a", i="1"}': '0+15x10' });
    expect(sameAsNew(store, engine, expr, ms(2))).toBe(
      'vector cannot contain metrics with the same labelset',
    );
  });
});
