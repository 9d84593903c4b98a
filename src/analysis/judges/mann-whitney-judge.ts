/**
 * Kayenta's NetflixACAJudge metric classifier as an Argo metric provider: canary against
 * baseline with a two-sided Mann-Whitney test and the Hodges–Lehmann shift's confidence
 * interval, in the lab's PromQL world.
 *
 * Rules, from spinnaker/kayenta (now spinnaker/spinnaker, kayenta/…):
 * - kayenta-judge/src/main/scala/com/netflix/kayenta/judge/classifiers/metric/MannWhitneyClassifier.scala
 *   (`classify`, `compare`, `calculateBounds`): NoData when either sample is empty; Pass
 *   when the sorted samples are identical or all values are one number; otherwise the
 *   bounds are ±tolerance·|estimate|; High when the direction allows an increase, the CI's
 *   lower limit > tolerance·|estimate| and the effect size (mean ratio canary/baseline by
 *   default) ≥ allowedIncrease; Low mirrors it (upper limit < −tolerance·|estimate|, ratio ≤
 *   allowedDecrease); an effect size that cannot be computed (a mean of 0) is ignored;
 *   otherwise Pass.
 * - kayenta-judge/src/main/scala/com/netflix/kayenta/judge/NetflixACAJudge.scala
 *   (`classifyMetric`): confidence 0.98, tolerance 0.25, effect size "meanRatio" with
 *   allowedIncrease/allowedDecrease default 1.
 * - kayenta-mannwhitney/src/main/scala/com/netflix/kayenta/mannwhitney/MannWhitney.scala:
 *   the interval inverts the normal approximation with continuity and tie correction
 *   (R's `wilcox.test(exact = FALSE, conf.int = TRUE)`) — `hodgesLehmannShift` with
 *   method 'asymptotic' finds the same limits exactly rather than by a Brent solver.
 *   Kayenta adds Gaussian noise (sd 1e-5 × the value) when each sample is constant, only
 *   to keep its solver away from a zero variance; the exact root needs no noise, so this
 *   judge stays deterministic (the interval is then [d, d], d the difference).
 * Known weakness, kept on purpose (spinnaker/kayenta#780): with few points the test has
 * little power — 7 of 10 canary points at 100× the baseline still pass. Kayenta's docs ask
 * for about 50 points per metric; lookback / step sets that here.
 */
import type { MeasurementPhase } from '../../journal/journal.js';
import type { JudgeModel, MetricModel, Millis } from '../../scenario/model.js';
import { hodgesLehmannShift } from '../../stats/hodges-lehmann-shift.js';
import { linearQuantile } from '../../stats/linear-quantile.js';
import { mannWhitneyU } from '../../stats/mann-whitney-u.js';
import type { MetricProvider, ProviderResult, RangeQuery } from '../types.js';

export type KayentaClassification = 'High' | 'Low' | 'Pass' | 'NoData';

/** The verdict handed to conditions as `result` (absent numbers are NaN). */
export interface MannWhitneyVerdict {
  readonly classification: KayentaClassification;
  /** Two-sided p-value of the normal-approximation Mann-Whitney test (continuity- and tie-corrected). */
  readonly pValue: number;
  /** Hodges–Lehmann estimate of canary − baseline. */
  readonly shift: number;
  /** Confidence interval of the shift at the judge's confidence. */
  readonly lower: number;
  readonly upper: number;
  readonly canaryMedian: number;
  readonly baselineMedian: number;
  /** mean(canary)/mean(baseline); NaN when either mean is 0 (Kayenta's `meanRatio`). */
  readonly meanRatio: number;
  readonly nCanary: number;
  readonly nBaseline: number;
  /** Why, in words. */
  readonly reason: string;
}

/** The judge's settings that classification reads (JudgeModel's, without the queries). */
export type ClassifierSettings = Pick<
  JudgeModel,
  'direction' | 'confidence' | 'tolerance' | 'allowedIncrease' | 'allowedDecrease'
>;

const PHASE: Readonly<Record<KayentaClassification, MeasurementPhase>> = {
  Pass: 'Successful',
  High: 'Failed',
  Low: 'Failed',
  // Not a verdict either way. As an Error, Argo retries it after 10 s without counting it
  // toward `count`, and fails the run after `consecutiveErrorLimit` in a row: a canary that
  // never gets traffic cannot pass by default (Kayenta's `mustHaveData`).
  NoData: 'Error',
};

/**
 * Classify a canary sample against a baseline sample as Kayenta's MannWhitneyClassifier
 * does. Non-finite values must already be dropped. Cost: O(n_c·n_b log(n_c·n_b)).
 */
export function classifyMannWhitney(
  canary: readonly number[],
  baseline: readonly number[],
  settings: ClassifierSettings,
): MannWhitneyVerdict {
  const nCanary = canary.length;
  const nBaseline = baseline.length;
  const canarySorted = [...canary].sort((a, b) => a - b);
  const baselineSorted = [...baseline].sort((a, b) => a - b);
  const canaryMedian = linearQuantile(canarySorted, 0.5);
  const baselineMedian = linearQuantile(baselineSorted, 0.5);
  const base = { canaryMedian, baselineMedian, nCanary, nBaseline };
  const none = { pValue: Number.NaN, shift: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  if (nCanary === 0 || nBaseline === 0) {
    const which =
      nCanary === 0 && nBaseline === 0 ? 'canary and baseline' : nCanary === 0 ? 'canary' : 'baseline';
    return {
      classification: 'NoData',
      ...none,
      ...base,
      meanRatio: Number.NaN,
      reason: `no data for the ${which} over the lookback`,
    };
  }
  const identical = nCanary === nBaseline && canarySorted.every((v, i) => v === baselineSorted[i]);
  const oneValue =
    canarySorted[0] === canarySorted[nCanary - 1] &&
    canarySorted[0] === baselineSorted[0] &&
    baselineSorted[0] === baselineSorted[nBaseline - 1];
  if (identical || oneValue) {
    return {
      classification: 'Pass',
      ...none,
      shift: 0,
      lower: 0,
      upper: 0,
      pValue: 1,
      ...base,
      meanRatio: 1,
      reason: identical ? 'the canary and baseline data are identical' : 'every value is the same',
    };
  }
  const test = mannWhitneyU(canary, baseline, { method: 'asymptotic' });
  const ci = hodgesLehmannShift(canary, baseline, { confidence: settings.confidence, method: 'asymptotic' });
  const canaryMean = mean(canary);
  const baselineMean = mean(baseline);
  const meanRatio = canaryMean === 0 || baselineMean === 0 ? Number.NaN : canaryMean / baselineMean;
  const bound = settings.tolerance * Math.abs(ci.estimate);
  const { direction } = settings;
  const isHigh =
    (direction === 'increase' || direction === 'either') &&
    ci.lower > bound &&
    (Number.isNaN(meanRatio) || meanRatio >= settings.allowedIncrease);
  const isLow =
    (direction === 'decrease' || direction === 'either') &&
    ci.upper < -bound &&
    (Number.isNaN(meanRatio) || meanRatio <= settings.allowedDecrease);
  const classification: KayentaClassification = isHigh ? 'High' : isLow ? 'Low' : 'Pass';
  const level = `${round(settings.confidence * 100)}%`;
  const reason = isHigh
    ? `canary higher: the ${level} CI of the shift starts at ${round(ci.lower)} > ${settings.tolerance}·|${round(ci.estimate)}|`
    : isLow
      ? `canary lower: the ${level} CI of the shift ends at ${round(ci.upper)} < −${settings.tolerance}·|${round(ci.estimate)}|`
      : `no ${direction === 'either' ? '' : `${direction} `}beyond the tolerance: ${level} CI [${round(ci.lower)}, ${round(ci.upper)}] vs ±${round(bound)}`;
  return {
    classification,
    pValue: test.pValue,
    shift: ci.estimate,
    lower: ci.lower,
    upper: ci.upper,
    ...base,
    meanRatio,
    reason,
  };
}

/**
 * The judge as a metric provider for metrics whose `provider.kind === 'judge'`: runs the
 * canary and baseline queries as range queries over [at − lookback, at] at the judge's
 * step, pools every series' points into one sample each (NaN and ±Inf dropped: Kayenta's
 * NaN "remove" strategy, and an infinite value has no shift), and classifies. Pass →
 * Successful, High/Low → Failed, NoData → Error. A query error is an `ok: false` result
 * (a measurement in phase Error), never an exception.
 */
export class MannWhitneyJudge implements MetricProvider {
  constructor(private readonly query: RangeQuery) {}

  measure(metric: MetricModel, at: Millis, done: (result: ProviderResult) => void): void {
    done(this.judge(metric, at));
  }

  private judge(metric: MetricModel, at: Millis): ProviderResult {
    if (metric.provider.kind !== 'judge') {
      return {
        ok: false,
        error: `metric ${metric.name}: not a judge metric (provider ${metric.provider.kind})`,
      };
    }
    const { judge } = metric.provider;
    const start = at - judge.lookbackMs;
    let canary: number[];
    let baseline: number[];
    try {
      canary = this.sample(judge.canary, start, at, judge.stepMs);
    } catch (error) {
      return { ok: false, error: `canary query: ${message(error)}` };
    }
    try {
      baseline = this.sample(judge.baseline, start, at, judge.stepMs);
    } catch (error) {
      return { ok: false, error: `baseline query: ${message(error)}` };
    }
    const verdict = classifyMannWhitney(canary, baseline, judge);
    return {
      ok: true,
      value: { ...verdict },
      display: display(verdict, judge),
      phase: PHASE[verdict.classification],
    };
  }

  private sample(expr: string, start: Millis, end: Millis, step: Millis): number[] {
    const values: number[] = [];
    for (const series of this.query.range(expr, start, end, step)) {
      for (const point of series.points) if (Number.isFinite(point.value)) values.push(point.value);
    }
    return values;
  }
}

function display(v: MannWhitneyVerdict, judge: JudgeModel): string {
  if (v.classification === 'NoData') return `NoData: ${v.reason}`;
  const level = `${round(judge.confidence * 100)}%`;
  return (
    `${v.classification}: canary median ${round(v.canaryMedian)} (n=${v.nCanary}) vs baseline ${round(v.baselineMedian)} ` +
    `(n=${v.nBaseline}); shift ${round(v.shift)} [${level} CI ${round(v.lower)}, ${round(v.upper)}], p=${round(v.pValue)}`
  );
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function round(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
