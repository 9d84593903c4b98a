/**
 * Fakes for analysis tests: a metric with Argo's defaults, a journal, and a provider that
 * answers from a script per metric. Tests run on a SimClock and finish in milliseconds.
 */
import type { Clock } from '../../clock/clock.js';
import { Journal, type JournalEvent } from '../../journal/journal.js';
import type { MetricModel, Millis } from '../../scenario/model.js';
import type { InstantQuery, MetricProvider, ProviderResult, ProviderValue, QueryValue } from '../types.js';

/** A Prometheus metric with Argo's defaults (single measurement, failureLimit 0, consecutiveErrorLimit 4). */
export function metric(overrides: Partial<MetricModel> & { readonly name?: string } = {}): MetricModel {
  return {
    name: 'error-rate',
    intervalMs: null,
    initialDelayMs: 0,
    count: null,
    successCondition: null,
    failureCondition: null,
    failureLimit: 0,
    inconclusiveLimit: 0,
    consecutiveErrorLimit: 4,
    consecutiveSuccessLimit: 0,
    provider: { kind: 'prometheus', query: 'q' },
    dryRun: false,
    ...overrides,
  };
}

export function testJournal(): Journal {
  return new Journal(
    {
      scenario: 'test',
      strategy: 'canary',
      strategyKind: 'canary',
      trial: 0,
      seed: 1,
      backend: 'sim',
      fidelity: 'tick',
      timeScale: 1,
      baselineErrorRate: 0,
      faultType: 'none',
      releaseAt: 0,
      detectors: ['analysis'],
      wayBack: 'abort',
    },
    1,
  );
}

export function eventsOf<T extends JournalEvent['type']>(
  journal: Journal,
  type: T,
): Extract<JournalEvent, { type: T }>[] {
  return journal.events.filter((e): e is Extract<JournalEvent, { type: T }> => e.type === type);
}

/** A provider value as the Prometheus provider would display it. */
export function value(v: ProviderValue): ProviderResult {
  return { ok: true, value: v, display: Array.isArray(v) ? `[${v.join(',')}]` : String(v) };
}

export function queryError(message = 'query failed'): ProviderResult {
  return { ok: false, error: message };
}

export interface ScriptedProvider extends MetricProvider {
  /** Every measurement asked for: metric name and time. */
  readonly calls: { readonly metric: string; readonly at: Millis }[];
}

/**
 * Answers each metric's measurements from its script, in order; the last entry repeats.
 * With `delayMs`, answers arrive that much later on `clock` (an asynchronous provider).
 */
export function scriptedProvider(
  script: Readonly<Record<string, readonly ProviderResult[]>>,
  options: { readonly clock?: Clock; readonly delayMs?: Millis } = {},
): ScriptedProvider {
  const used = new Map<string, number>();
  const calls: { metric: string; at: Millis }[] = [];
  return {
    calls,
    measure(m, at, done) {
      calls.push({ metric: m.name, at });
      const answers = script[m.name];
      if (answers === undefined || answers.length === 0) throw new Error(`no script for metric ${m.name}`);
      const i = used.get(m.name) ?? 0;
      used.set(m.name, i + 1);
      const answer = answers[Math.min(i, answers.length - 1)];
      if (options.clock !== undefined && options.delayMs !== undefined) {
        options.clock.after(options.delayMs, () => done(answer));
      } else {
        done(answer);
      }
    },
  };
}

/** An InstantQuery answering from a function of (expr, time); a thrown error is a query error. */
export function fakeQuery(
  answer: (expr: string, at: Millis) => QueryValue,
): InstantQuery & { readonly calls: Millis[] } {
  const calls: Millis[] = [];
  return {
    calls,
    instant(expr, at) {
      calls.push(at);
      return answer(expr, at);
    },
  };
}

export function vector(...values: number[]): QueryValue {
  return { kind: 'vector', samples: values.map((v, i) => ({ labels: { pod: `p${i}` }, value: v })) };
}
