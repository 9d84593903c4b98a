/**
 * rate, increase and delta over a store: most series share their sample times, and those
 * whose window is the whole shared window are computed without a window of their own (one
 * extrapolation for all). Held to Prometheus's function over each series' own samples,
 * bit for bit, on series that take every path: sharing a timeline or not, starting late,
 * ending early, going stale, resetting, counters whose zero point clamps (young ones, and
 * after a gap in the scrapes any).
 */
import { describe, expect, it } from 'vitest';
import { SeriesStore } from '../../../metrics/series-store.js';
import { Sfc32 } from '../../../stats/rng.js';
import { PromQLEngine } from '../engine.js';
import { referenceExtrapolatedRate } from '../testing/extrapolated-rate-reference.js';
import type { Window } from './range-functions.js';

const SCRAPE_MS = 15_000;
const SCRAPES = 48;

/** A store of 80 series `m{i="k"}` scraped every 15 s, some of them unusual. */
function store(seed: number): SeriesStore {
  const rng = new Sfc32(seed);
  const s = new SeriesStore({ initialCapacity: SCRAPES + 2 });
  const plans = Array.from({ length: 80 }, (_, k) => ({
    ref: -1,
    k,
    start: rng.next() < 0.3 ? Math.floor(rng.next() * SCRAPES) : 0,
    end: rng.next() < 0.2 ? Math.floor(rng.next() * SCRAPES) : SCRAPES,
    // Young counters near zero (their zero point clamps), others large; some reset.
    value: rng.next() < 0.4 ? rng.next() * 2 : rng.next() * 5000,
    resets: rng.next() < 0.3,
    // Growing by 30% a scrape: its zero point is a few scrapes back.
    grows: rng.next() < 0.2,
    // A sample off the shared times (the series goes on with timestamps of its own).
    jitterAt: rng.next() < 0.1 ? Math.floor(rng.next() * SCRAPES) : -1,
    staleAt: rng.next() < 0.1 ? Math.floor(rng.next() * SCRAPES) : -1,
  }));
  // The jittered series scrape last: the first series to write a timestamp sets the
  // shared one, and a jittered one would make every other series leave it.
  plans.sort((a, b) => (a.jitterAt >= 0 ? 1 : 0) - (b.jitterAt >= 0 ? 1 : 0));
  for (let i = 0; i < SCRAPES; i++) {
    // Every target missed scrapes 28 to 34: windows just after hold two samples at their
    // end, where the zero-point clamp can apply to any counter.
    if (i >= 28 && i < 35) continue;
    for (const p of plans) {
      if (i < p.start || i >= p.end) continue;
      if (p.ref < 0) p.ref = s.ref({ __name__: 'm', i: String(p.k) });
      const t = i * SCRAPE_MS + (i >= p.jitterAt && p.jitterAt >= 0 ? 7 : 0);
      if (i === p.staleAt) {
        s.markStale(p.ref, t);
        continue;
      }
      if (p.resets && rng.next() < 0.15) p.value = rng.next() * 3;
      else if (p.grows) p.value = p.value * 1.3 + 1;
      else p.value += Math.floor(rng.next() * 40) * (rng.next() < 0.2 ? 0.25 : 1);
      s.append(p.ref, t, p.value);
    }
  }
  return s;
}

/** The function over series `ref`'s own samples in the window ending at `at`, or undefined. */
function expected(
  s: SeriesStore,
  ref: number,
  fn: 'rate' | 'increase' | 'delta',
  rangeMs: number,
  at: number,
  prometheus3: boolean,
): number | undefined {
  const series = s.series(ref);
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < series.length; i++) {
    const ti = series.t[i];
    const inside = ti <= at && (prometheus3 ? ti > at - rangeMs : ti >= at - rangeMs);
    if (inside && !series.isStale(i)) {
      t.push(ti);
      v.push(series.v[i]);
    }
  }
  const w: Window = {
    t: Float64Array.from(t),
    v: Float64Array.from(v),
    lo: 0,
    hi: t.length,
    rangeStart: at - rangeMs,
    rangeEnd: at,
    rangeMs,
    rangeSeconds: rangeMs / 1000,
  };
  return referenceExtrapolatedRate(w, fn !== 'delta', fn === 'rate', { zeroClampFirst: !prometheus3 });
}

describe('rate, increase and delta over a store', () => {
  const s = store(3);

  it('has series on the shared times and series off them (both paths are taken)', () => {
    const shared = s.inCreationOrder().filter((x) => x.timeline !== null).length;
    expect(shared).toBeGreaterThan(40);
    expect(shared).toBeLessThan(s.size);
  });

  for (const prometheus3 of [false, true]) {
    it(`gives each series the value of Prometheus's function over its own samples (${prometheus3 ? 'Prometheus 3' : 'Prometheus 2'})`, () => {
      const engine = new PromQLEngine(s, { dialect: prometheus3 ? 'prometheus-3' : 'prometheus-2' });
      let compared = 0;
      for (const [fn, range] of [
        ['rate', '2m'],
        ['increase', '1m'],
        ['delta', '2m'],
      ] as const) {
        const rangeMs = range === '2m' ? 120_000 : 60_000;
        // Aligned with the scrapes and between them.
        for (let at = 0; at <= SCRAPES * SCRAPE_MS; at += 7_500) {
          const result = engine.instant(`${fn}(m[${range}])`, at);
          if (result.kind !== 'vector') throw new Error('not a vector');
          const got = new Map(result.samples.map((x) => [x.labels.i, x.value]));
          for (const series of s.inCreationOrder()) {
            const want = expected(s, series.ref, fn, rangeMs, at, prometheus3);
            const value = got.get(series.labelSet.labels.i);
            // Object.is: bit for bit (undefined when the series has no value).
            expect(Object.is(value, want), `${fn} of m{i="${series.labelSet.labels.i}"} at ${at}`).toBe(true);
            if (want !== undefined) compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(5000);
    });
  }
});
