/**
 * One measurement's phase from what the provider returned, as Argo's
 * utils/evaluate/evaluate.go decides it:
 * - the provider failed → Error (its message kept);
 * - a condition fails to compile, type-check or run (`result[0]` on an empty vector) →
 *   Error; both conditions are evaluated, success first, so either can cause it;
 * - only `successCondition`: Failed when it is false (NaN therefore fails);
 * - only `failureCondition`: Successful when it is false;
 * - both: Failed if the failure condition holds, else Successful if the success condition
 *   holds, else Inconclusive;
 * - neither: the provider's own phase when it judged (a judge), else Successful.
 */
import type { MeasurementPhase } from '../journal/journal.js';
import type { MetricModel } from '../scenario/model.js';
import { type CompileResult, compileCondition } from './expr/condition.js';
import type { ProviderResult } from './types.js';

export interface MeasurementOutcome {
  readonly phase: MeasurementPhase;
  /** The value as recorded (Argo's `measurement.value`); "" when the provider failed. */
  readonly value: string;
  readonly message?: string;
}

/** A metric's conditions, compiled once per metric of a scenario. */
export interface MetricConditions {
  readonly success: CompileResult | null;
  readonly failure: CompileResult | null;
}

/**
 * Compiled conditions by metric. A compiled condition keeps nothing from one evaluation
 * to the next but its type checks (a function of the condition and the type of
 * `result`), so the AnalysisRuns of every trial of a scenario can share it.
 */
const COMPILED = new WeakMap<MetricModel, MetricConditions>();

export function compileMetricConditions(metric: MetricModel): MetricConditions {
  let conditions = COMPILED.get(metric);
  if (conditions === undefined) {
    conditions = {
      success: metric.successCondition === null ? null : compileCondition(metric.successCondition),
      failure: metric.failureCondition === null ? null : compileCondition(metric.failureCondition),
    };
    COMPILED.set(metric, conditions);
  }
  return conditions;
}

type Evaluated =
  | { readonly ok: true; readonly value: boolean }
  | { readonly ok: false; readonly message: string };

function evaluate(name: string, compiled: CompileResult, result: unknown): Evaluated {
  const outcome = compiled.ok ? compiled.condition.evaluate(result) : compiled;
  if (outcome.ok) return outcome;
  return { ok: false, message: `${name}: ${outcome.error.message} (at offset ${outcome.error.offset})` };
}

export function assessMeasurement(conditions: MetricConditions, result: ProviderResult): MeasurementOutcome {
  if (!result.ok) return { phase: 'Error', value: '', message: result.error };
  const value = result.display;
  const { success, failure } = conditions;
  if (success === null && failure === null) return { phase: result.phase ?? 'Successful', value };
  let succeeded = false;
  let failed = false;
  if (success !== null) {
    const s = evaluate('successCondition', success, result.value);
    if (!s.ok) return { phase: 'Error', value, message: s.message };
    succeeded = s.value;
  }
  if (failure !== null) {
    const f = evaluate('failureCondition', failure, result.value);
    if (!f.ok) return { phase: 'Error', value, message: f.message };
    failed = f.value;
  }
  if (failure === null) failed = !succeeded;
  if (success === null) succeeded = !failed;
  if (failed) return { phase: 'Failed', value };
  return { phase: succeeded ? 'Successful' : 'Inconclusive', value };
}
