/**
 * Evaluating a scenario's assertions against its statistics. The point estimate is
 * compared (the interval is reported beside it, so a gate that passes narrowly can be
 * seen). A strategy not in the run (left out with --strategy) skips its assertion; an
 * assertion that cannot be evaluated (bad text in an old results.json, no data) fails —
 * a CI gate fails closed.
 */
import type { ScenarioCell } from '../comparisons/scenario-comparisons.js';
import { formatCount, formatEstimate, formatMs, formatPercent } from '../text/numbers.js';
import { type AssertionValue, assertionValue } from './assertion-value.js';
import { type Assertion, assertionScenarioProblem, parseAssertion, type ValueKind } from './grammar.js';

export type AssertionStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface AssertionCheck {
  readonly strategy: string;
  readonly passed: boolean;
  /** The value compared, in the quantity's unit (ms, rate, count); null when not reached or not measured. */
  readonly value: number | null;
  /** "canary.detection.p90 = 4m10s [95% CI 3m50s–4m40s], n = 200". */
  readonly description: string;
}

export interface AssertionResult {
  readonly scenario: string;
  readonly text: string;
  readonly status: AssertionStatus;
  /** One line: what was measured and what was wanted. */
  readonly message: string;
  readonly checks: readonly AssertionCheck[];
}

/** How a value of this kind prints. */
export function formatValue(value: number, kind: ValueKind): string {
  if (kind === 'time') return formatMs(value);
  if (kind === 'rate') return formatPercent(value);
  return formatCount(value);
}

function compare(value: number | null, a: Assertion): boolean {
  const v = value === null ? Number.POSITIVE_INFINITY : value;
  switch (a.op) {
    case '<':
      return v < a.value;
    case '<=':
      return v <= a.value;
    case '>':
      return v > a.value;
    case '>=':
      return v >= a.value;
  }
}

function describe(a: Assertion, strategy: string, v: AssertionValue): string {
  const name = `${strategy}.${a.quantity}.${a.statisticName}`;
  if (!v.ok) return `${name}: ${v.reason}`;
  const format = (x: number) => formatValue(x, a.valueKind);
  const shown =
    v.value === null
      ? `not reached (${v.reached ?? 'too few events'})`
      : v.interval
        ? formatEstimate(v.interval, format)
        : format(v.value);
  return `${name} = ${shown}, ${v.nLabel}`;
}

function checkOne(a: Assertion, strategy: string, cell: ScenarioCell): AssertionCheck {
  const v = assertionValue(a, cell);
  return {
    strategy,
    passed: v.ok && compare(v.value, a),
    value: v.ok ? v.value : null,
    description: describe(a, strategy, v),
  };
}

/** Results of every assertion of a scenario, in the order written. */
export function evaluateAssertions(
  scenario: string,
  faultType: string,
  assertions: readonly string[],
  cells: readonly ScenarioCell[],
): AssertionResult[] {
  const byStrategy = new Map(cells.map((c) => [c.input.strategy, c]));
  return assertions.map((source) => {
    const parsed = parseAssertion(source);
    const text = source.trim();
    if (!parsed.ok) {
      return { scenario, text, status: 'error', message: `invalid assertion: ${parsed.message}`, checks: [] };
    }
    const a = parsed.assertion;
    const misfit = assertionScenarioProblem({ ...a, strategy: '*' }, [...byStrategy.keys()], faultType);
    if (misfit !== undefined) return { scenario, text, status: 'error', message: misfit, checks: [] };
    if (a.strategy !== '*' && !byStrategy.has(a.strategy)) {
      return {
        scenario,
        text,
        status: 'skipped',
        message: `strategy ${a.strategy} was not run (left out with --strategy?)`,
        checks: [],
      };
    }
    const names = a.strategy === '*' ? [...byStrategy.keys()] : [a.strategy];
    const checks = names.map((name) => checkOne(a, name, byStrategy.get(name)!));
    const passed = checks.every((c) => c.passed);
    const wanted = `wanted ${a.op} ${a.valueText}`;
    // For `*`, a failure names the strategies that failed.
    const shown = passed ? checks : checks.filter((c) => !c.passed);
    return {
      scenario,
      text,
      status: passed ? 'passed' : 'failed',
      message: `${shown.map((c) => c.description).join('; ')}; ${wanted}`,
      checks,
    };
  });
}
