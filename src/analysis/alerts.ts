/**
 * Prometheus alerting-rule semantics (rules/alerting.go AlertingRule.Eval), the detector
 * for strategies without an analysis of their own:
 * - rules are evaluated together every evaluation interval, at multiples of the interval
 *   since the trial started (Prometheus aligns a group's evaluations to its interval);
 * - each series the expression returns is an alert (identified by its labels without
 *   `__name__`), pending from the first evaluation that returns it; it fires once it has
 *   been active for `for` (`now - activeAt >= for`), so `for: 0` fires at once;
 * - a series that is no longer returned is dropped (a pending alert disappears, a firing
 *   one resolves); a scalar result counts as one series;
 * - a query that fails (or returns two series with the same labels) changes nothing: the
 *   alerts keep their state and their `activeAt`, as Eval returns before touching them.
 * The rule's state is the highest of its alerts' (firing > pending > inactive); each
 * change is journaled as an `alert` event, and `onFiring` is called when it becomes firing.
 */
import { type Clock, Priority, type TimerId } from '../clock/clock.js';
import type { Journal } from '../journal/journal.js';
import type { AlertRuleModel, Millis } from '../scenario/model.js';
import type { AlertEvaluator, AlertWatch, InstantQuery, Labels, QueryValue } from './types.js';

export interface AlertEvaluatorDeps {
  readonly clock: Clock;
  readonly query: InstantQuery;
  readonly journal: Journal;
  /** Prometheus' `evaluation_interval`, in milliseconds (> 0). */
  readonly evaluationIntervalMs: Millis;
}

type RuleState = 'inactive' | 'pending' | 'firing';

interface ActiveAlert {
  readonly activeAt: Millis;
  state: 'pending' | 'firing';
}

interface RuleRun {
  readonly rule: AlertRuleModel;
  /** Alerts by label set. */
  readonly active: Map<string, ActiveAlert>;
  state: RuleState;
}

function alertKey(labels: Labels): string {
  const entries = Object.entries(labels)
    .filter(([name]) => name !== '__name__')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** The label sets of the alerts the result stands for; null when Prometheus would reject it. */
function alertKeys(value: QueryValue): string[] | null {
  if (value.kind === 'scalar') return [alertKey({})];
  const keys = value.samples.map((s) => alertKey(s.labels));
  return new Set(keys).size === keys.length ? keys : null;
}

function evaluate(run: RuleRun, query: InstantQuery, at: Millis): void {
  let keys: string[] | null;
  try {
    keys = alertKeys(query.instant(run.rule.expr, at));
  } catch {
    keys = null;
  }
  if (keys === null) return;
  const present = new Set(keys);
  for (const key of run.active.keys()) if (!present.has(key)) run.active.delete(key);
  for (const key of keys) if (!run.active.has(key)) run.active.set(key, { activeAt: at, state: 'pending' });
  for (const alert of run.active.values()) {
    if (alert.state === 'pending' && at - alert.activeAt >= run.rule.forMs) alert.state = 'firing';
  }
}

function ruleState(run: RuleRun): RuleState {
  let state: RuleState = 'inactive';
  for (const alert of run.active.values()) {
    if (alert.state === 'firing') return 'firing';
    state = 'pending';
  }
  return state;
}

/** An AlertEvaluator on the injected clock; throws a RangeError for a non-positive interval. */
export function createAlertEvaluator(deps: AlertEvaluatorDeps): AlertEvaluator {
  const interval = deps.evaluationIntervalMs;
  if (!(interval > 0)) throw new RangeError(`evaluationIntervalMs must be > 0, got ${interval}`);
  return {
    watch(rules: readonly AlertRuleModel[], onFiring: (rule: AlertRuleModel) => void): AlertWatch {
      const runs: RuleRun[] = rules.map((rule) => ({ rule, active: new Map(), state: 'inactive' }));
      let timer: TimerId | null = null;
      let stopped = false;
      const tick = (): void => {
        const now = deps.clock.now();
        for (const run of runs) {
          if (stopped) return;
          evaluate(run, deps.query, now);
          const state = ruleState(run);
          if (state === run.state) continue;
          run.state = state;
          deps.journal.record({ t: now, type: 'alert', name: run.rule.name, state });
          if (state === 'firing') onFiring(run.rule);
        }
        if (!stopped) timer = deps.clock.at(now + interval, tick, Priority.alert);
      };
      const first = Math.ceil(deps.clock.now() / interval) * interval;
      timer = deps.clock.at(first, tick, Priority.alert);
      return {
        stop(): void {
          stopped = true;
          if (timer !== null) deps.clock.cancel(timer);
        },
      };
    },
  };
}
