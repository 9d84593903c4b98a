import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock/sim-clock.js';
import type { AlertRuleModel, Millis } from '../scenario/model.js';
import { createAlertEvaluator } from './alerts.js';
import { eventsOf, fakeQuery, testJournal, vector } from './test-support/fakes.js';
import type { QueryValue } from './types.js';

const S = 1000;
const rule = (forMs: Millis, name = 'HighErrorRate'): AlertRuleModel => ({
  name,
  expr: `${name}_expr`,
  forMs,
});

/** `timeline(t)` is what the expression returns at t; 'error' makes the query fail. */
function watch(
  rules: readonly AlertRuleModel[],
  timeline: (t: Millis, expr: string) => QueryValue | 'error',
  options: { readonly startAt?: Millis; readonly stopAt?: Millis; readonly until?: Millis } = {},
) {
  const clock = new SimClock();
  const journal = testJournal();
  const query = fakeQuery((expr, t) => {
    const answer = timeline(t, expr);
    if (answer === 'error') throw new Error('query timed out');
    return answer;
  });
  const fired: { t: Millis; name: string }[] = [];
  const evaluator = createAlertEvaluator({ clock, query, journal, evaluationIntervalMs: 30 * S });
  clock.at(options.startAt ?? 0, () => {
    const w = evaluator.watch(rules, (r) => fired.push({ t: clock.now(), name: r.name }));
    if (options.stopAt !== undefined) clock.at(options.stopAt, () => w.stop());
  });
  clock.runUntil(options.until ?? 600 * S);
  const alerts = eventsOf(journal, 'alert').map(({ t, name, state }) => ({ t, name, state }));
  return { fired, alerts, evaluations: query.calls };
}

const between = (from: Millis, to: Millis) => (t: Millis) => (t >= from && t < to ? vector(0.2) : vector());

describe('alert rules (Prometheus rules/alerting.go)', () => {
  it('pending while active for less than `for`, firing once active for `for` (ts - activeAt >= for)', () => {
    const r = watch([rule(120 * S)], between(60 * S, 10_000 * S));
    expect(r.alerts).toEqual([
      { t: 60 * S, name: 'HighErrorRate', state: 'pending' },
      { t: 180 * S, name: 'HighErrorRate', state: 'firing' },
    ]);
    expect(r.fired).toEqual([{ t: 180 * S, name: 'HighErrorRate' }]);
  });

  it('`for: 0` fires at the first active evaluation', () => {
    const r = watch([rule(0)], between(90 * S, 10_000 * S));
    expect(r.alerts).toEqual([{ t: 90 * S, name: 'HighErrorRate', state: 'firing' }]);
    expect(r.fired).toEqual([{ t: 90 * S, name: 'HighErrorRate' }]);
  });

  it('an empty result drops a pending alert; when it returns, `for` starts again', () => {
    const r = watch([rule(60 * S)], (t) => (t === 30 * S || t >= 90 * S ? vector(1) : vector()));
    expect(r.alerts).toEqual([
      { t: 30 * S, name: 'HighErrorRate', state: 'pending' },
      { t: 60 * S, name: 'HighErrorRate', state: 'inactive' },
      { t: 90 * S, name: 'HighErrorRate', state: 'pending' },
      { t: 150 * S, name: 'HighErrorRate', state: 'firing' },
    ]);
  });

  it('a firing alert resolves to inactive when the result is empty', () => {
    const r = watch([rule(0)], between(30 * S, 90 * S));
    expect(r.alerts).toEqual([
      { t: 30 * S, name: 'HighErrorRate', state: 'firing' },
      { t: 90 * S, name: 'HighErrorRate', state: 'inactive' },
    ]);
  });

  it('a query error keeps the previous state and activeAt (Eval returns before touching alerts)', () => {
    const r = watch([rule(90 * S)], (t) => (t === 30 * S || t === 60 * S ? 'error' : vector(1)));
    expect(r.alerts).toEqual([
      { t: 0, name: 'HighErrorRate', state: 'pending' },
      { t: 90 * S, name: 'HighErrorRate', state: 'firing' },
    ]);
  });

  it('a query error does not resolve a firing alert', () => {
    const r = watch([rule(0)], (t) => (t === 0 ? vector(1) : t < 120 * S ? 'error' : vector()));
    expect(r.alerts).toEqual([
      { t: 0, name: 'HighErrorRate', state: 'firing' },
      { t: 120 * S, name: 'HighErrorRate', state: 'inactive' },
    ]);
  });

  it('each series is its own alert: a new series starts its own `for`', () => {
    const series = (pod: string): QueryValue => ({
      kind: 'vector',
      samples: [{ labels: { __name__: 'x', pod }, value: 1 }],
    });
    const r = watch([rule(60 * S)], (t) => (t < 30 * S ? series('a') : series('b')));
    expect(r.alerts).toEqual([
      { t: 0, name: 'HighErrorRate', state: 'pending' },
      { t: 90 * S, name: 'HighErrorRate', state: 'firing' },
    ]);
  });

  it('the same labels twice is rejected like a failed query (ErrDuplicateAlertLabelSet)', () => {
    const duplicate: QueryValue = {
      kind: 'vector',
      samples: [
        { labels: { __name__: 'a', pod: 'p' }, value: 1 },
        { labels: { __name__: 'b', pod: 'p' }, value: 1 },
      ],
    };
    const r = watch([rule(0)], () => duplicate);
    expect(r.alerts).toEqual([]);
  });

  it('a scalar result is one active alert', () => {
    const r = watch([rule(0)], () => ({ kind: 'scalar', value: 0 }));
    expect(r.alerts).toEqual([{ t: 0, name: 'HighErrorRate', state: 'firing' }]);
  });

  it('evaluates at multiples of the interval, starting with the next one', () => {
    const r = watch([rule(0)], () => vector(), { startAt: 45 * S, until: 120 * S });
    expect(r.evaluations).toEqual([60 * S, 90 * S, 120 * S]);
  });

  it('evaluates each rule on its own', () => {
    const r = watch(
      [rule(0, 'A'), rule(30 * S, 'B')],
      (_t, expr) => (expr === 'A_expr' ? vector() : vector(1)),
      { until: 60 * S },
    );
    expect(r.alerts).toEqual([
      { t: 0, name: 'B', state: 'pending' },
      { t: 30 * S, name: 'B', state: 'firing' },
    ]);
  });

  it('stop() ends the evaluations', () => {
    const r = watch([rule(0)], () => vector(), { stopAt: 61 * S, until: 300 * S });
    expect(r.evaluations).toEqual([0, 30 * S, 60 * S]);
  });

  it('refuses a non-positive evaluation interval', () => {
    expect(() =>
      createAlertEvaluator({
        clock: new SimClock(),
        query: fakeQuery(() => vector()),
        journal: testJournal(),
        evaluationIntervalMs: 0,
      }),
    ).toThrow(RangeError);
  });
});
