/**
 * A validated scenario document as the model the rest of the lab reads: defaults applied,
 * durations in milliseconds, presets and templates resolved.
 */
import { durationToMs } from './duration.js';
import type {
  AlertRuleModel,
  RateProfile,
  RouteModel,
  Scenario,
  ServiceModel,
  TrafficModel,
} from './model.js';
import { normalizeStrategyModel } from './normalize-strategy.js';
import type { TemplateCatalog } from './parts.js';
import type { PresetCatalog } from './presets.js';
import type { ScenarioParsed, ServiceParsed, TrafficParsed } from './schema.js';
import { constantProfile } from './traffic-profile.js';

/** The routes of a service that does not list its own. */
export const DEFAULT_ROUTES: readonly RouteModel[] = [
  { name: 'get-order', share: 0.6, db: true, method: 'GET' },
  { name: 'create-order', share: 0.2, db: true, method: 'POST' },
  { name: 'login', share: 0.2, db: false, method: 'POST' },
];

export interface NormalizeContext {
  /** Absolute path of the scenario file ("" when built in code). */
  readonly file: string;
  /** The loaded profile and its absolute path, when traffic.profile is set. */
  readonly profile?: { readonly profile: RateProfile; readonly file: string };
  readonly presets: PresetCatalog;
  readonly catalog: TemplateCatalog;
}

/** The model of a document that passed validation (throws if it did not). */
export function normalizeScenario(doc: ScenarioParsed, context: NormalizeContext): Scenario {
  const { spec } = doc;
  const alerts: AlertRuleModel[] = (spec.alerts ?? []).map((a) => ({
    name: a.name,
    expr: a.expr,
    forMs: durationToMs(a.for),
  }));
  const strategies = spec.strategies.map((ref) => {
    const strategy = typeof ref === 'string' ? context.presets.presets.get(ref)?.strategy : ref;
    if (!strategy) throw new Error(`unknown preset ${ref} (validation should have caught it)`);
    return normalizeStrategyModel(strategy, { catalog: context.catalog, alerts });
  });
  return {
    name: doc.metadata.name,
    description: doc.metadata.description ?? '',
    file: context.file,
    durationMs: durationToMs(spec.duration),
    leadInMs: durationToMs(spec.leadIn),
    observeAfterMs: durationToMs(spec.observeAfter),
    scrapeIntervalMs: durationToMs(spec.scrapeInterval),
    alertEvaluationIntervalMs: durationToMs(spec.alertEvaluationInterval),
    fidelity: spec.fidelity,
    service: serviceModel(spec.service),
    traffic: trafficModel(spec.traffic, context.profile),
    affinity: spec.router.affinity,
    fault: faultModel(spec.release.fault),
    strategies,
    alerts,
    trials: spec.trials,
    seed: spec.seed,
    assertions: spec.assert ?? [],
  };
}

function serviceModel(service: ServiceParsed): ServiceModel {
  return {
    replicas: service.replicas,
    latency: { ...service.latency },
    errorRate: service.errorRate,
    pool: { ...service.pool },
    startupMs: durationToMs(service.startup),
    terminationGracePeriodMs: durationToMs(service.terminationGracePeriod),
    routes: service.routes?.map((r) => ({ ...r })) ?? DEFAULT_ROUTES,
  };
}

function trafficModel(traffic: TrafficParsed, loaded: NormalizeContext['profile']): TrafficModel {
  let profile: RateProfile;
  let source: string;
  if (traffic.profile !== undefined) {
    if (!loaded) throw new Error('traffic profile not loaded (validation should have caught it)');
    profile = {
      points: loaded.profile.points.map((p) => ({ tMs: p.tMs, rps: p.rps * traffic.profileScale })),
    };
    source = loaded.file;
  } else {
    profile = constantProfile(traffic.rps!);
    source = 'rps';
  }
  const sessions = traffic.sessions;
  return {
    profile,
    source,
    clients: { ...traffic.clients },
    sessions: sessions
      ? {
          share: sessions.share,
          meanLengthMs: durationToMs(sessions.meanLength),
          requestsPerMinute: sessions.requestsPerMinute,
        }
      : null,
    headers: (traffic.headers ?? []).map((h) => ({ ...h })),
  };
}

function faultModel(fault: ScenarioParsed['spec']['release']['fault']): Scenario['fault'] {
  if (fault.type === 'slowWarmUp') return { type: fault.type, warmUpMs: durationToMs(fault.warmUp) };
  if (fault.type !== 'dbSchemaMismatch') return { ...fault };
  const { revertDuration, ...rest } = fault;
  return { ...rest, revertDurationMs: durationToMs(revertDuration) };
}
