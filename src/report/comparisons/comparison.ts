/**
 * A comparison of two strategies of one scenario on one quantity: the test fit for the
 * data, the effect size with its interval, and the Holm-adjusted p-value.
 */
import type { Estimate } from '../statistics/estimate.js';

/** What is compared. Lower is better for each: faster detection and rollback, fewer hurt, fewer escapes. */
export type ComparedQuantity = 'detection' | 'rollback' | 'blastRadius' | 'escapes' | 'falseRollbacks';

export const COMPARED_QUANTITIES: readonly ComparedQuantity[] = [
  'detection',
  'rollback',
  'blastRadius',
  'escapes',
  'falseRollbacks',
];

export type TestName = 'log-rank' | 'mann-whitney' | 'fisher';

export type EffectMethod = 'hodges-lehmann' | 'bootstrap-median-difference' | 'newcombe';

export interface Effect {
  /** 'shift': a − b in the quantity's unit (ms or requests); 'rateDifference': rate a − rate b. */
  readonly kind: 'shift' | 'rateDifference';
  readonly method: EffectMethod;
  /** a − b, with its 95% interval. */
  readonly value: Estimate;
}

export interface Comparison {
  readonly quantity: ComparedQuantity;
  /** Strategy names; a comes before b in the scenario's order. */
  readonly a: string;
  readonly b: string;
  readonly test: TestName;
  /** Trials (or, for rollback, detected trials) in each. */
  readonly nA: number;
  readonly nB: number;
  /** The test's two-sided p-value, before correction. */
  readonly pValue: number;
  /** Holm-adjusted over every comparison of the scenario. */
  readonly pAdjusted: number;
  /** Adjusted p < 0.05. */
  readonly significant: boolean;
  /** The strategy the data lean towards (lower is better), null when they do not lean. */
  readonly better: 'a' | 'b' | null;
  /** null when the method does not apply (e.g. a median not reached). */
  readonly effect: Effect | null;
  /**
   * When not significant: about how many trials per strategy a test with 80% power would
   * need, at the level Holm holds the scenario's comparisons to (0.05/m), if the
   * difference seen were real; null when no difference was seen.
   */
  readonly trialsNeeded: number | null;
}

/** A comparison before the Holm correction. */
export type RawComparison = Omit<Comparison, 'pAdjusted' | 'significant' | 'trialsNeeded'> & {
  /** Trials per strategy needed for the effect seen, at level alpha. */
  readonly trialsForEffect: (alpha: number) => number | null;
};

/** The significance level of the verdicts (after Holm). */
export const ALPHA = 0.05;
