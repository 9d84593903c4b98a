/**
 * The seams of analysis: how a query reaches the metrics, how a measurement is taken, and
 * how the controller starts an AnalysisRun or watches alert rules. The controller only
 * sees these interfaces; the PromQL engine, the judges and the run semantics sit behind.
 */
import type { AnalysisPhase, MeasurementPhase } from '../journal/journal.js';
import type { AlertRuleModel, MetricModel, Millis, RolloutAnalysisModel } from '../scenario/model.js';

/** A label set; `__name__` is the metric name. */
export type Labels = Readonly<Record<string, string>>;

/** The result of an instant PromQL query, as Argo's Prometheus provider sees it. */
export type QueryValue =
  | {
      readonly kind: 'vector';
      readonly samples: readonly { readonly labels: Labels; readonly value: number }[];
    }
  | { readonly kind: 'scalar'; readonly value: number };

/** Instant query over the lab's series at a time. Throws a PromQLError on bad queries. */
export interface InstantQuery {
  instant(expr: string, at: Millis): QueryValue;
}

/** Range query: the values of one expression at start, start+step, … end, per series. */
export interface RangeQuery {
  range(
    expr: string,
    start: Millis,
    end: Millis,
    step: Millis,
  ): readonly {
    readonly labels: Labels;
    readonly points: readonly { readonly t: Millis; readonly value: number }[];
  }[];
}

/**
 * What a provider hands to the conditions as `result`: a number (PromQL scalar), an array
 * of numbers (a PromQL vector, as Argo does), or an object (a judge's verdict).
 */
export type ProviderValue = number | readonly number[] | Readonly<Record<string, unknown>>;

export type ProviderResult =
  | {
      readonly ok: true;
      readonly value: ProviderValue;
      readonly display: string;
      readonly phase?: MeasurementPhase;
    }
  | { readonly ok: false; readonly error: string };

/**
 * A metric provider (Argo: metricproviders.Provider). A failure is a result with
 * `ok: false` — it becomes a measurement in phase Error — never an exception. A provider
 * may return `phase` when it judges by itself (a judge without conditions).
 */
export interface MetricProvider {
  measure(metric: MetricModel, at: Millis, done: (result: ProviderResult) => void): void;
}

export interface AnalysisRunHandle {
  readonly name: string;
  phase(): AnalysisPhase;
  /** Stop measuring now; metrics still running count as Successful (Argo's terminate). */
  terminate(): void;
}

export interface AnalysisRunner {
  /**
   * Start an AnalysisRun of these metrics at the current time. `onPhase` is called each
   * time the run's phase changes, last with its terminal phase.
   */
  start(
    name: string,
    analysis: RolloutAnalysisModel,
    onPhase: (phase: AnalysisPhase) => void,
  ): AnalysisRunHandle;
}

export interface AlertWatch {
  stop(): void;
}

export interface AlertEvaluator {
  /**
   * Evaluate these rules every evaluation interval from now on, with Prometheus semantics
   * (`for`: pending until the expression held that long). `onFiring` is called when a rule
   * starts firing.
   */
  watch(rules: readonly AlertRuleModel[], onFiring: (rule: AlertRuleModel) => void): AlertWatch;
}
