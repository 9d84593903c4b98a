/**
 * The value an assertion compares: quantity.statistic of one strategy, with its 95%
 * interval where the report has one and the n it rests on. Kaplan–Meier quantiles that
 * are not reached (too few trials had the event) have value null, which compares as
 * later than anything (+∞).
 */
import { linearQuantile } from '../../stats/linear-quantile.js';
import type { ScenarioCell } from '../comparisons/scenario-comparisons.js';
import type { Estimate, Rate } from '../statistics/estimate.js';
import {
  controlPlaneSample,
  detectionSample,
  recoverySample,
  rollbackSample,
} from '../statistics/samples.js';
import { type CensoredTimes, curveOf, quantileOf } from '../statistics/time-to-event.js';
import type { ValueSummary } from '../statistics/value-summary.js';
import type { Assertion } from './grammar.js';

export type AssertionValue =
  | {
      readonly ok: true;
      /** null: a Kaplan–Meier quantile not reached (counts as +∞). */
      readonly value: number | null;
      readonly interval: Estimate | null;
      /** What the value rests on: "n = 40", "n = 38 detected". */
      readonly n: number;
      readonly nLabel: string;
      /** For a null value: "12/40 detected". */
      readonly reached?: string;
    }
  | { readonly ok: false; readonly reason: string };

function fromRate(rate: Rate | null, what: string): AssertionValue {
  if (rate === null || rate.n === 0) return { ok: false, reason: `no ${what} to measure` };
  return {
    ok: true,
    value: rate.estimate,
    interval: { estimate: rate.estimate, lower: rate.lower, upper: rate.upper },
    n: rate.n,
    nLabel: `n = ${rate.n}`,
  };
}

function fromCensored(sample: CensoredTimes, p: number, what: string, unit: string): AssertionValue {
  const n = sample.times.length;
  if (n === 0) return { ok: false, reason: `no ${what} to measure` };
  const q = quantileOf(curveOf(sample), p);
  const events = sample.events.filter(Boolean).length;
  return {
    ok: true,
    value: q.estimate,
    interval: q,
    n,
    nLabel: `n = ${n}${unit}`,
    reached: `${events}/${n} ${what === 'detections' ? 'detected' : 'recovered'}`,
  };
}

function fromValues(
  values: readonly number[],
  summary: ValueSummary | null,
  a: Assertion,
  what: string,
): AssertionValue {
  if (values.length === 0) return { ok: false, reason: `no ${what} to measure` };
  const base = { ok: true as const, n: values.length, nLabel: `n = ${values.length}` };
  if (a.statistic.kind === 'mean' && summary)
    return { ...base, value: summary.mean.estimate, interval: summary.mean };
  if (a.statistic.kind === 'quantile' && a.statistic.p === 0.5 && summary)
    return { ...base, value: summary.median.estimate, interval: summary.median };
  const sorted = Float64Array.from(values).sort();
  const value =
    a.statistic.kind === 'mean'
      ? sorted.reduce((s, v) => s + v, 0) / sorted.length
      : linearQuantile(sorted, a.statistic.kind === 'quantile' ? a.statistic.p : 0.5);
  return { ...base, value, interval: null };
}

/** The value of `assertion` for one strategy's cell. */
export function assertionValue(a: Assertion, cell: ScenarioCell): AssertionValue {
  const { input, statistics: s } = cell;
  const trials = input.trials;
  const p = a.statistic.kind === 'quantile' ? a.statistic.p : 0.5;
  switch (a.quantity) {
    case 'detection':
      if (s.detection === null)
        return { ok: false, reason: 'detection is not measured in a control scenario' };
      return a.statistic.kind === 'rate'
        ? fromRate(s.detection.rate, 'trials')
        : fromCensored(detectionSample(trials), p, 'detections', '');
    case 'rollback':
      if (s.rollback === null) return { ok: false, reason: 'rollback is not measured in a control scenario' };
      return a.statistic.kind === 'rate'
        ? fromRate(s.rollback.recovered, 'rollbacks (nothing was detected)')
        : fromCensored(rollbackSample(trials), p, 'rollbacks', ' detected');
    case 'recovery':
      if (s.recovery === null) return { ok: false, reason: 'recovery is not measured in a control scenario' };
      return fromCensored(recoverySample(trials), p, 'recoveries', '');
    case 'controlPlane':
      return fromValues(controlPlaneSample(trials), s.controlPlane, a, 'aborts');
    case 'escapes':
      return s.escapes === null
        ? { ok: false, reason: 'escapes are not counted in a control scenario' }
        : fromRate(s.escapes, 'trials');
    case 'falseRollbacks':
      return s.falseRollbacks === null
        ? { ok: false, reason: 'false rollbacks are counted in control scenarios (fault type none) only' }
        : fromRate(s.falseRollbacks, 'trials');
    case 'blastRadius':
      return fromValues(
        trials.map((t) => t.failedAboveBaseline),
        s.blastRadius.failedRequests,
        a,
        'trials',
      );
    case 'blastShare':
      return fromValues(
        trials.map((t) => t.blastShare),
        s.blastRadius.share,
        a,
        'trials',
      );
    case 'affectedSessions':
      return fromValues(
        trials.map((t) => t.affectedSessionsAboveBaseline),
        s.blastRadius.affectedSessions,
        a,
        'trials',
      );
  }
}
