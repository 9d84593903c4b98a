import { normalQuantile } from './normal-quantile.js';

/** How the pointwise confidence band of S(t) is built (R's `survfit(conf.type = …)`). */
export type SurvivalConfType = 'log' | 'log-log' | 'plain';

export interface KaplanMeierOptions {
  /** Two-sided level of the pointwise band (default 0.95). */
  readonly confidence?: number;
  /** Default 'log', R's default; 'log-log' is lifelines' and SAS's; 'plain' is S ± z·se. */
  readonly confType?: SurvivalConfType;
}

/**
 * A Kaplan–Meier curve, one entry per distinct observed time (events and censorings),
 * as R's `survfit` stores it. S is a right-continuous step function: S(t) = survival[i]
 * for time[i] ≤ t < time[i+1], and 1 before time[0].
 */
export interface KaplanMeierCurve {
  readonly time: readonly number[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  readonly survival: readonly number[];
  /** Greenwood standard error of S(t): S·√Σ d/(n(n − d)) (0 once S = 0). */
  readonly stdErr: readonly number[];
  /** Standard error of log S(t), √Σ d/(n(n − d)) (R's `std.err`); Infinity once S = 0. */
  readonly stdErrLog: readonly number[];
  /** Pointwise band; NaN where S = 0 (R: NA). */
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly confidence: number;
  readonly confType: SurvivalConfType;
  /** Number of subjects. */
  readonly n: number;
}

/**
 * The Kaplan–Meier estimate of a survival function from right-censored data — e.g.
 * "fault not yet detected" over time since fault onset, with trials in which nothing
 * detected the fault censored at their run length (never dropped, never counted as
 * detected). S(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ); Greenwood's variance
 * Var S = S²·Σ dⱼ/(nⱼ(nⱼ − dⱼ)); the pointwise band on the log scale,
 * S·exp(±z·se_log) capped at 1 ('log', R's default), on the log(−log) scale,
 * exp(−exp(log(−log S) ± z·se_log/log S)) ('log-log'), or S ± z·se ('plain', clipped to
 * [0, 1]). Matches R's `survfit(Surv(time, event) ~ 1, conf.type = …)` and, for 'log-log',
 * lifelines' `KaplanMeierFitter`. Events at a time are counted before censorings at the
 * same time (the usual convention). Cost: O(n log n).
 *
 * Edge cases: where S = 1 the band is [1, 1] (R: the same for 'log', NA for 'log-log');
 * where S = 0 it is [NaN, NaN], as R's NA (no interval can be formed on the log scale). Throws on lengths that differ, a negative or non-finite time, or no
 * data.
 *
 * @example kaplanMeier([6, 6, 6, 7, 10], [true, true, false, true, false]).survival // [0.6, 0.3, 0.3]
 */
export function kaplanMeier(
  times: readonly number[],
  events: readonly boolean[],
  options: KaplanMeierOptions = {},
): KaplanMeierCurve {
  const { confidence = 0.95, confType = 'log' } = options;
  if (times.length !== events.length) throw new RangeError('kaplanMeier: times and events differ in length');
  if (times.length === 0) throw new RangeError('kaplanMeier: no data');
  for (const t of times)
    if (!Number.isFinite(t) || t < 0) throw new RangeError('kaplanMeier: times must be finite and ≥ 0');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('kaplanMeier: confidence must be in (0, 1)');
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b]);

  const curve = {
    time: [] as number[],
    nRisk: [] as number[],
    nEvent: [] as number[],
    nCensor: [] as number[],
    survival: [] as number[],
    stdErr: [] as number[],
    stdErrLog: [] as number[],
    lower: [] as number[],
    upper: [] as number[],
  };
  let atRisk = times.length;
  let s = 1;
  let greenwood = 0;
  let i = 0;
  while (i < order.length) {
    const t = times[order[i]];
    let d = 0;
    let c = 0;
    while (i < order.length && times[order[i]] === t) {
      if (events[order[i]]) d++;
      else c++;
      i++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      greenwood += atRisk === d ? Number.POSITIVE_INFINITY : d / (atRisk * (atRisk - d));
    }
    const seLog = Math.sqrt(greenwood);
    const [lower, upper] = band(s, seLog, z, confType);
    curve.time.push(t);
    curve.nRisk.push(atRisk);
    curve.nEvent.push(d);
    curve.nCensor.push(c);
    curve.survival.push(s);
    curve.stdErr.push(s === 0 ? 0 : s * seLog);
    curve.stdErrLog.push(seLog);
    curve.lower.push(lower);
    curve.upper.push(upper);
    atRisk -= d + c;
  }
  return { ...curve, confidence, confType, n: times.length };
}

function band(s: number, seLog: number, z: number, confType: SurvivalConfType): [number, number] {
  if (s === 0) return [Number.NaN, Number.NaN];
  if (seLog === 0) return [s, s];
  if (confType === 'plain') return [Math.max(0, s - z * s * seLog), Math.min(1, s + z * s * seLog)];
  if (confType === 'log') return [s * Math.exp(-z * seLog), Math.min(1, s * Math.exp(z * seLog))];
  const logS = Math.log(s);
  const centre = Math.log(-logS);
  const spread = (z * seLog) / logS;
  const a = Math.exp(-Math.exp(centre + spread));
  const b = Math.exp(-Math.exp(centre - spread));
  return [Math.min(a, b), Math.max(a, b)];
}
