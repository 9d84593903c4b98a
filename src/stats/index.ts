/** The lab's statistics: one function per file, re-exported here. See each file's doc. */
export { argoFalseAbortProbability } from './argo-false-abort-probability.js';
export { type BootstrapInterval, bcaInterval } from './bca-interval.js';
export { binomialUpperTail } from './binomial-upper-tail.js';
export { type BootstrapOptions, bootstrapInterval } from './bootstrap-interval.js';
export { bootstrapReplicates, type SampleStatistic } from './bootstrap-replicates.js';
export { commonLanguageEffectSize } from './common-language-effect-size.js';
export { type CumulativeIncidence, cumulativeIncidence } from './cumulative-incidence.js';
export { type Alternative, type FisherExactResult, fisherExact } from './fisher-exact.js';
export { type HodgesLehmannOptions, hodgesLehmannShift, type ShiftInterval } from './hodges-lehmann-shift.js';
export { holmAdjust } from './holm-adjust.js';
export { jackknifeAcceleration } from './jackknife-acceleration.js';
export {
  type KaplanMeierCurve,
  type KaplanMeierOptions,
  kaplanMeier,
  type SurvivalConfType,
} from './kaplan-meier.js';
export { linearQuantile } from './linear-quantile.js';
export { logFactorial } from './log-factorial.js';
export { type CensoredSample, type LogRankResult, logRankTest } from './log-rank-test.js';
export { type MannWhitneyOptions, type MannWhitneyResult, mannWhitneyU } from './mann-whitney-u.js';
export { mannWhitneyUCounts } from './mann-whitney-u-counts.js';
export { type MidRanks, midRanks } from './mid-ranks.js';
export { newcombeInterval, type RateDifferenceInterval } from './newcombe-interval.js';
export { type NoetherDesign, type NoetherSampleSize, noetherSampleSize } from './noether-sample-size.js';
export { normalCdf } from './normal-cdf.js';
export { normalQuantile } from './normal-quantile.js';
export { percentileInterval } from './percentile-interval.js';
export { powerTwoProportions } from './power-two-proportions.js';
export { randomExponential } from './random-exponential.js';
export { randomNormal } from './random-normal.js';
export { type RestrictedMean, restrictedMeanSurvival } from './restricted-mean-survival.js';
export { sampleSizeTwoProportions, type TwoProportionDesign } from './sample-size-two-proportions.js';
export { type SurvivalAt, survivalAt } from './survival-at.js';
export { type SurvivalQuantile, survivalQuantile } from './survival-quantile.js';
export { trialsForZeroEvents } from './trials-for-zero-events.js';
export { type ProportionInterval, wilsonInterval } from './wilson-interval.js';
export { type ZeroEventBound, zeroEventUpperBound } from './zero-event-upper-bound.js';
