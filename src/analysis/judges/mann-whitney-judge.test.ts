import { describe, expect, it } from 'vitest';
import type { JudgeModel, MetricModel } from '../../scenario/model.js';
import type { Labels, ProviderResult, RangeQuery } from '../types.js';
import { classifyMannWhitney, MannWhitneyJudge, type MannWhitneyVerdict } from './mann-whitney-judge.js';

const judge: JudgeModel = {
  type: 'mannWhitney',
  canary: 'latency{version="canary"}',
  baseline: 'latency{version="stable"}',
  lookbackMs: 150_000,
  stepMs: 15_000,
  direction: 'increase',
  confidence: 0.98,
  tolerance: 0.25,
  allowedIncrease: 1,
  allowedDecrease: 1,
};

function metric(j: JudgeModel = judge): MetricModel {
  return {
    name: 'latency-judge',
    intervalMs: 60_000,
    initialDelayMs: 0,
    count: null,
    successCondition: null,
    failureCondition: null,
    failureLimit: 0,
    inconclusiveLimit: 0,
    consecutiveErrorLimit: 4,
    consecutiveSuccessLimit: 0,
    provider: { kind: 'judge', judge: j },
    dryRun: false,
  };
}

/** A fake range query: each expression maps to series of values, placed at start, start+step, … */
function fakeQuery(data: Record<string, number[][]>, calls: unknown[][] = []): RangeQuery {
  return {
    range(expr, start, end, step) {
      calls.push([expr, start, end, step]);
      const series = data[expr];
      if (!series) throw new Error(`unknown series in ${expr}`);
      return series.map((values, i) => ({
        labels: { pod: `p${i}` } as Labels,
        points: values.map((value, k) => ({ t: start + k * step, value })),
      }));
    },
  };
}

function measure(query: RangeQuery, m: MetricModel = metric()): ProviderResult {
  let result: ProviderResult | undefined;
  new MannWhitneyJudge(query).measure(m, 600_000, (r) => {
    result = r;
  });
  if (!result) throw new Error('no result');
  return result;
}

describe('MannWhitneyJudge', () => {
  it('reproduces kayenta#780: canary [100×7, 1×3] against ones passes', () => {
    // The 98% CI of the shift is [0, 99] (R: lower 6.825e-5 with uniroot's 1e-4 tolerance,
    // Kayenta's "6.8e-5"); the lower limit does not exceed 0.25·|HL| = 0.25·99 = 24.75.
    const result = measure(
      fakeQuery({
        [judge.canary]: [[100, 100, 100, 100, 100, 100, 100, 1, 1, 1]],
        [judge.baseline]: [Array(10).fill(1)],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const v = result.value as unknown as MannWhitneyVerdict;
    expect(v.classification).toBe('Pass');
    expect(result.phase).toBe('Successful');
    expect(v.shift).toBe(99);
    expect(v.lower).toBeLessThan(1e-4);
    expect(v.lower).toBeLessThanOrEqual(0.25 * Math.abs(v.shift));
    expect(v.upper).toBe(99);
    // The test itself rejects (R: wilcox.test(exact = FALSE) p = 0.00161677283062061) — the
    // CI-versus-tolerance rule is what lets it pass.
    expect(v.pValue).toBeCloseTo(0.00161677283062061, 12);
    expect([v.nCanary, v.nBaseline, v.canaryMedian, v.baselineMedian]).toEqual([10, 10, 100, 1]);
    expect(result.display).toMatch(/^Pass: canary median 100 \(n=10\) vs baseline 1 \(n=10\)/);
  });

  it('catches a clear regression: canary latency 30% higher over 40 points, pooled from two pods', () => {
    const baseline = Array.from({ length: 40 }, (_, i) => 100 + ((i * 37) % 21) - 10);
    const canaryPodA = Array.from({ length: 20 }, (_, i) => 130 + ((i * 11) % 17) - 8);
    const canaryPodB = Array.from({ length: 20 }, (_, i) => 131 + ((i * 7) % 13) - 6);
    const calls: unknown[][] = [];
    const result = measure(
      fakeQuery({ [judge.canary]: [canaryPodA, canaryPodB], [judge.baseline]: [baseline] }, calls),
    );
    expect(calls).toEqual([
      [judge.canary, 450_000, 600_000, 15_000],
      [judge.baseline, 450_000, 600_000, 15_000],
    ]);
    expect(result.ok && result.phase).toBe('Failed');
    if (!result.ok) return;
    const v = result.value as unknown as MannWhitneyVerdict;
    expect(v.classification).toBe('High');
    expect(v.nCanary).toBe(40);
    expect(v.lower).toBeGreaterThan(0.25 * v.shift);
    expect(v.shift).toBeGreaterThan(25);
    expect(v.pValue).toBeLessThan(1e-10);
  });

  it('drops NaN points and says NoData (phase Error) when a sample is empty', () => {
    const result = measure(
      fakeQuery({ [judge.canary]: [[Number.NaN, Number.NaN]], [judge.baseline]: [[1, 2, 3]] }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.phase).toBe('Error');
    expect((result.value as unknown as MannWhitneyVerdict).classification).toBe('NoData');
    expect(result.display).toBe('NoData: no data for the canary over the lookback');
  });

  it('turns a failing query into an error result, never an exception', () => {
    const result = measure(fakeQuery({ [judge.canary]: [[1, 2]] }));
    expect(result).toEqual({
      ok: false,
      error: 'baseline query: unknown series in latency{version="stable"}',
    });
    const notJudge = { ...metric(), provider: { kind: 'prometheus' as const, query: 'up' } };
    expect(measure(fakeQuery({}), notJudge).ok).toBe(false);
  });
});

describe('classifyMannWhitney (Kayenta’s rules)', () => {
  const low = Array.from({ length: 30 }, (_, i) => 50 + (i % 7));
  const high = Array.from({ length: 30 }, (_, i) => 80 + (i % 5));

  it('respects the direction', () => {
    expect(classifyMannWhitney(high, low, judge).classification).toBe('High');
    expect(classifyMannWhitney(low, high, judge).classification).toBe('Pass');
    expect(classifyMannWhitney(low, high, { ...judge, direction: 'decrease' }).classification).toBe('Low');
    expect(classifyMannWhitney(low, high, { ...judge, direction: 'either' }).classification).toBe('Low');
    expect(classifyMannWhitney(high, low, { ...judge, direction: 'decrease' }).classification).toBe('Pass');
  });

  it('needs the mean ratio to reach allowedIncrease', () => {
    // Means 82 and 52.83: ratio 1.552 (and 0.644 the other way).
    expect(classifyMannWhitney(high, low, { ...judge, allowedIncrease: 1.5 }).classification).toBe('High');
    expect(classifyMannWhitney(high, low, { ...judge, allowedIncrease: 1.6 }).classification).toBe('Pass');
    expect(
      classifyMannWhitney(low, high, { ...judge, direction: 'decrease', allowedDecrease: 0.65 })
        .classification,
    ).toBe('Low');
    expect(
      classifyMannWhitney(low, high, { ...judge, direction: 'decrease', allowedDecrease: 0.6 })
        .classification,
    ).toBe('Pass');
  });

  it('ignores the ratio when a mean is 0, and passes identical or single-valued data', () => {
    const zeros = Array(20).fill(0);
    const some = Array.from({ length: 20 }, (_, i) => 5 + (i % 3));
    const v = classifyMannWhitney(some, zeros, { ...judge, allowedIncrease: 100 });
    expect(v.meanRatio).toBeNaN();
    expect(v.classification).toBe('High');
    expect(classifyMannWhitney([3, 1, 2], [1, 2, 3], judge).reason).toBe(
      'the canary and baseline data are identical',
    );
    expect(classifyMannWhitney([7, 7], [7, 7, 7], judge).classification).toBe('Pass');
  });

  it('classifies constant but different samples without Kayenta’s noise: the CI is [d, d]', () => {
    const v = classifyMannWhitney(Array(10).fill(2), Array(10).fill(1), judge);
    expect([v.shift, v.lower, v.upper]).toEqual([1, 1, 1]);
    expect(v.classification).toBe('High');
  });
});
