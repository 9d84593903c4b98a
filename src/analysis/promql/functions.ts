/**
 * The PromQL function signatures, as Prometheus 2.42 declares them (argument types,
 * variadic arity, result type), plus the functions the grammar knows that the lab does
 * not evaluate, each with the reason.
 */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface FunctionDef {
  readonly name: string;
  readonly argTypes: readonly ValueType[];
  /**
   * 0: exactly `argTypes`; n > 0: the last argument is optional and may repeat up to n
   * times; -1: the last argument may repeat without limit (Prometheus's `Variadic`).
   */
  readonly variadic: number;
  readonly returnType: ValueType;
  /** Why the lab does not evaluate this function, or null when it does. */
  readonly unsupported: string | null;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

function fn(name: string, argTypes: ValueType[], returnType: ValueType = V, variadic = 0): FunctionDef {
  return { name, argTypes, variadic, returnType, unsupported: null };
}

function off(name: string, why: string): FunctionDef {
  return { name, argTypes: [], variadic: -1, returnType: V, unsupported: why };
}

const NATIVE = 'it works on native histograms, which the lab does not record';
const NEWER = 'it is newer than Prometheus 2.42, whose semantics the lab follows';

const DEFS: readonly FunctionDef[] = [
  fn('abs', [V]),
  fn('absent', [V]),
  fn('absent_over_time', [M]),
  fn('acos', [V]),
  fn('acosh', [V]),
  fn('asin', [V]),
  fn('asinh', [V]),
  fn('atan', [V]),
  fn('atanh', [V]),
  fn('avg_over_time', [M]),
  fn('ceil', [V]),
  fn('changes', [M]),
  fn('clamp', [V, S, S]),
  fn('clamp_max', [V, S]),
  fn('clamp_min', [V, S]),
  fn('cos', [V]),
  fn('cosh', [V]),
  fn('count_over_time', [M]),
  fn('days_in_month', [V], V, 1),
  fn('day_of_month', [V], V, 1),
  fn('day_of_week', [V], V, 1),
  fn('day_of_year', [V], V, 1),
  fn('deg', [V]),
  fn('delta', [M]),
  fn('deriv', [M]),
  fn('exp', [V]),
  fn('floor', [V]),
  fn('histogram_quantile', [S, V]),
  fn('hour', [V], V, 1),
  fn('idelta', [M]),
  fn('increase', [M]),
  fn('irate', [M]),
  fn('label_replace', [V, STR, STR, STR, STR]),
  fn('label_join', [V, STR, STR, STR], V, -1),
  fn('last_over_time', [M]),
  fn('ln', [V]),
  fn('log10', [V]),
  fn('log2', [V]),
  fn('max_over_time', [M]),
  fn('min_over_time', [M]),
  fn('minute', [V], V, 1),
  fn('month', [V], V, 1),
  fn('pi', [], S),
  fn('predict_linear', [M, S]),
  fn('present_over_time', [M]),
  fn('quantile_over_time', [S, M]),
  fn('rad', [V]),
  fn('rate', [M]),
  fn('resets', [M]),
  fn('round', [V, S], V, 1),
  fn('scalar', [V], S),
  fn('sgn', [V]),
  fn('sin', [V]),
  fn('sinh', [V]),
  fn('sort', [V]),
  fn('sort_desc', [V]),
  fn('sqrt', [V]),
  fn('stddev_over_time', [M]),
  fn('stdvar_over_time', [M]),
  fn('sum_over_time', [M]),
  fn('tan', [V]),
  fn('tanh', [V]),
  fn('time', [], S),
  fn('timestamp', [V]),
  fn('vector', [S]),
  fn('year', [V], V, 1),
  off('histogram_count', NATIVE),
  off('histogram_sum', NATIVE),
  off('histogram_fraction', NATIVE),
  off('histogram_avg', NATIVE),
  off('histogram_stddev', NATIVE),
  off('histogram_stdvar', NATIVE),
  off('histogram_quantiles', NEWER),
  off('holt_winters', 'it was removed from PromQL (Prometheus 3 calls it double_exponential_smoothing)'),
  off('double_exponential_smoothing', NEWER),
  off('first_over_time', NEWER),
  off('mad_over_time', NEWER),
  off('ts_of_first_over_time', NEWER),
  off('ts_of_last_over_time', NEWER),
  off('ts_of_max_over_time', NEWER),
  off('ts_of_min_over_time', NEWER),
  off('sort_by_label', NEWER),
  off('sort_by_label_desc', NEWER),
  off('info', NEWER),
  off('start', NEWER),
  off('end', NEWER),
  off('range', NEWER),
  off('step', NEWER),
  off('start_timestamp', NEWER),
];

const BY_NAME: ReadonlyMap<string, FunctionDef> = new Map(DEFS.map((d) => [d.name, d]));

/** The signature of a PromQL function, or undefined when PromQL has no such function. */
export function functionDef(name: string): FunctionDef | undefined {
  return BY_NAME.get(name);
}

/** Names of the functions the lab evaluates. */
export function supportedFunctionNames(): string[] {
  return DEFS.filter((d) => d.unsupported === null).map((d) => d.name);
}

/** Prometheus's name for a value type in messages ("range vector", "instant vector"). */
export function documentedType(t: ValueType | 'none'): string {
  switch (t) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return t;
  }
}
