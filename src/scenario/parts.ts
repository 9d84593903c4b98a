/**
 * The scenario's sections, each parsed on its own, so the checks that follow the schema can
 * run on every section that is valid even when another one is not: one pass reports all
 * mistakes, not just those of the first broken section.
 */
import type { z } from 'zod';
import type { Path } from './problem.js';
import {
  AlertRule,
  type AlertRuleParsed,
  type AnalysisTemplateParsed,
  AnalysisTemplateSpec,
  NamedAnalysisTemplate,
  type NamedAnalysisTemplateParsed,
  type ServiceParsed,
  ServiceSpec,
  StrategyRef,
  type StrategyRefParsed,
  type TrafficParsed,
  TrafficSpec,
} from './schema.js';

export interface ScenarioParts {
  /** undefined: the section is missing or invalid (the schema reports why). */
  readonly service?: ServiceParsed;
  readonly traffic?: TrafficParsed;
  /** Index-aligned with spec.strategies; undefined where an entry is invalid. */
  readonly strategies: readonly (StrategyRefParsed | undefined)[];
  readonly analysisTemplates: readonly (NamedAnalysisTemplateParsed | undefined)[];
  readonly alerts: readonly (AlertRuleParsed | undefined)[];
  /** Every template a strategy can name, valid or not. */
  readonly catalog: TemplateCatalog;
  /** The names of spec.alerts, read even from invalid entries (so no false "unknown alert"). */
  readonly alertNames: readonly string[];
}

/** An AnalysisTemplate a strategy can refer to by name. */
export interface TemplateEntry {
  readonly name: string;
  /** Where it is defined: spec.analysis or spec.analysisTemplates[i]. */
  readonly path: Path;
  /** undefined when the template itself is invalid. */
  readonly template: AnalysisTemplateParsed | undefined;
}

/** Templates by name; `default` is spec.analysis. The first definition of a name wins. */
export type TemplateCatalog = ReadonlyMap<string, TemplateEntry>;

/** The name under which spec.analysis is referenced. */
export const DEFAULT_TEMPLATE = 'default';

/** Parse each section of the raw document (the YAML's plain data) on its own. */
export function scenarioParts(data: unknown): ScenarioParts {
  const spec = field(data, 'spec');
  const analysisTemplates = list(field(spec, 'analysisTemplates')).map((t) => part(NamedAnalysisTemplate, t));
  const rawTemplates = list(field(spec, 'analysisTemplates'));
  const catalog = new Map<string, TemplateEntry>();
  const analysis = field(spec, 'analysis');
  if (analysis !== undefined) {
    catalog.set(DEFAULT_TEMPLATE, {
      name: DEFAULT_TEMPLATE,
      path: ['spec', 'analysis'],
      template: part(AnalysisTemplateSpec, analysis),
    });
  }
  rawTemplates.forEach((raw, i) => {
    const name = field(raw, 'name');
    if (typeof name !== 'string' || name === '' || catalog.has(name)) return;
    catalog.set(name, { name, path: ['spec', 'analysisTemplates', i], template: analysisTemplates[i] });
  });
  const rawAlerts = list(field(spec, 'alerts'));
  return {
    service: part(ServiceSpec, field(spec, 'service')),
    traffic: part(TrafficSpec, field(spec, 'traffic')),
    strategies: list(field(spec, 'strategies')).map((s) => part(StrategyRef, s)),
    analysisTemplates,
    alerts: rawAlerts.map((a) => part(AlertRule, a)),
    catalog,
    alertNames: rawAlerts.map((a) => field(a, 'name')).filter((n): n is string => typeof n === 'string'),
  };
}

function part<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
