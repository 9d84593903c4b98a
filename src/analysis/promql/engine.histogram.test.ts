/**
 * histogram_quantile over classic histograms (`_bucket` series with `le`): grouping,
 * output labels, skipped buckets, the hot analysis query.
 */
import { describe, expect, it } from 'vitest';
import { PromQLError } from './errors.js';
import { engineWith, ms, vectorAt } from './testing/query.js';

const e = engineWith({
  // Per scrape: 5 requests ≤ 0.1 s, 3 more ≤ 0.25 s, 1 more ≤ 0.5 s, 1 slower.
  'lat_bucket{version="canary", pod="a", le="0.1"}': '0+5x20',
  'lat_bucket{version="canary", pod="a", le="0.25"}': '0+8x20',
  'lat_bucket{version="canary", pod="a", le="0.5"}': '0+9x20',
  'lat_bucket{version="canary", pod="a", le="+Inf"}': '0+10x20',
  // The same again on a second pod.
  'lat_bucket{version="canary", pod="b", le="0.1"}': '0+5x20',
  'lat_bucket{version="canary", pod="b", le="0.25"}': '0+8x20',
  'lat_bucket{version="canary", pod="b", le="0.5"}': '0+9x20',
  'lat_bucket{version="canary", pod="b", le="+Inf"}': '0+10x20',
  // Stable: everything ≤ 0.1 s but one in ten ≤ 1 s.
  'lat_bucket{version="stable", pod="c", le="0.1"}': '0+9x20',
  'lat_bucket{version="stable", pod="c", le="1"}': '0+10x20',
  'lat_bucket{version="stable", pod="c", le="+Inf"}': '0+10x20',
  // Bad buckets are skipped: no le, an le that is not a number.
  'lat_bucket{version="stable", pod="d"}': '0+1x20',
  'lat_bucket{version="stable", pod="d", le="fast"}': '0+1x20',
  // A second histogram with the same labels under another name.
  'lat2_bucket{version="canary", pod="a", le="0.1"}': '0+5x20',
  'lat2_bucket{version="canary", pod="a", le="+Inf"}': '0+10x20',
});

describe('histogram_quantile', () => {
  it('the hot analysis query: p-quantile of summed bucket rates by le', () => {
    // Rates per le over both canary pods: 10/15, 16/15, 18/15, 20/15 per second. φ = 0.75:
    // rank 15/15 falls in (0.1, 0.25] holding 6/15, 5/15 into it: 0.1 + 0.15 · 5/6 = 0.225.
    const q = 'histogram_quantile(0.75, sum(rate(lat_bucket{version="canary"}[2m])) by (le))';
    expect(vectorAt(e, q, ms(4))['{}']).toBeCloseTo(0.225, 12);
  });

  it('groups by every label but le; the output drops le and the name', () => {
    const r = vectorAt(e, 'histogram_quantile(0.9, rate(lat_bucket{pod=~"a|c"}[2m]))', ms(4));
    expect(Object.keys(r)).toEqual(['{pod="a", version="canary"}', '{pod="c", version="stable"}']);
    // a: rank 18/15 is exactly the top of (0.25, 0.5]. c: rank 9/15 is the top of (0, 0.1].
    expect(r['{pod="a", version="canary"}']).toBeCloseTo(0.5, 12);
    expect(r['{pod="c", version="stable"}']).toBeCloseTo(0.1, 12);
  });

  it('skips samples without a parsable le', () => {
    expect(vectorAt(e, 'histogram_quantile(0.5, lat_bucket{pod="d"})', ms(4))).toEqual({});
  });

  it('takes φ from any scalar expression, with its special cases', () => {
    const r = vectorAt(e, 'histogram_quantile(scalar(vector(2)), rate(lat_bucket{pod="c"}[2m]))', ms(4));
    expect(r).toEqual({ '{pod="c", version="stable"}': Number.POSITIVE_INFINITY });
  });

  it('rejects two histograms that end up with the same labels', () => {
    expect(() =>
      vectorAt(e, 'histogram_quantile(0.5, {__name__=~"lat_bucket|lat2_bucket", pod="a"})', ms(4)),
    ).toThrow(new PromQLError('vector cannot contain metrics with the same labelset'));
  });
});
