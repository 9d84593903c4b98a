/**
 * The scenario after loading: defaults filled in, durations in milliseconds, presets and
 * template references resolved. Everything past the loader reads this, never raw YAML.
 */

/** Milliseconds of (simulated or real) time. */
export type Millis = number;

export interface LatencyModel {
  readonly distribution: 'lognormal';
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface RouteModel {
  readonly name: string;
  readonly share: number;
  /** The route queries the shared database. */
  readonly db: boolean;
  readonly method: 'GET' | 'POST';
}

export interface ServiceModel {
  readonly replicas: number;
  readonly latency: LatencyModel;
  readonly errorRate: number;
  readonly pool: { readonly size: number; readonly acquireTimeoutMs: number };
  readonly startupMs: Millis;
  readonly terminationGracePeriodMs: Millis;
  readonly routes: readonly RouteModel[];
}

/** Arrival rate over time: piecewise-linear points (t from the start of the trial). */
export interface RateProfile {
  readonly points: readonly { readonly tMs: Millis; readonly rps: number }[];
}

export interface SessionModel {
  readonly share: number;
  readonly meanLengthMs: Millis;
  readonly requestsPerMinute: number;
}

export interface TrafficModel {
  readonly profile: RateProfile;
  /** Source of the profile: "rps" or the file path. */
  readonly source: string;
  readonly clients: { readonly v1Shape: number; readonly v2Shape: number };
  readonly sessions: SessionModel | null;
  readonly headers: readonly { readonly name: string; readonly value: string; readonly share: number }[];
}

export type Affinity = 'none' | 'cookie' | 'clientIP';

export type FaultModel =
  | { readonly type: 'none' }
  | { readonly type: 'connectionLeak'; readonly leakPerRequest: number }
  | {
      readonly type: 'latency';
      readonly delayMs: number;
      readonly jitterMs: number;
      readonly share: number;
      readonly on: 'service' | 'network';
    }
  | {
      readonly type: 'errorSpike';
      readonly errorRate: number;
      readonly statusCode: number;
      readonly cohort: 'all' | 'sessions';
    }
  | { readonly type: 'apiSchemaMismatch'; readonly rejectOldRequests: boolean }
  | {
      readonly type: 'dbSchemaMismatch';
      readonly change: 'renameColumn' | 'dropColumn';
      readonly expandContract: boolean;
      readonly revertOnAbort: boolean;
      readonly revertDurationMs: Millis;
    }
  /** Packet loss on the path to v2 pods (NetworkChaos `loss`): the client times out. */
  | { readonly type: 'networkLoss'; readonly share: number }
  /** Connections to v2 pods reset on the path: the client sees ECONNRESET. */
  | { readonly type: 'networkReset'; readonly share: number }
  /** A starting v2 pod exits non-zero before it is ready, with this probability (0–1) per start. */
  | { readonly type: 'crashOnStart'; readonly probability: number }
  /** A v2 pod becomes ready warmUpMs after it starts, instead of the service's startupMs. */
  | { readonly type: 'slowWarmUp'; readonly warmUpMs: Millis };

export type FaultType = FaultModel['type'];

export interface JudgeModel {
  readonly type: 'mannWhitney';
  readonly canary: string;
  readonly baseline: string;
  readonly lookbackMs: Millis;
  readonly stepMs: Millis;
  readonly direction: 'increase' | 'decrease' | 'either';
  readonly confidence: number;
  readonly tolerance: number;
  readonly allowedIncrease: number;
  readonly allowedDecrease: number;
}

export type MetricProviderModel =
  | { readonly kind: 'prometheus'; readonly query: string }
  | { readonly kind: 'judge'; readonly judge: JudgeModel };

/** An Argo Rollouts metric with its documented defaults applied. */
export interface MetricModel {
  readonly name: string;
  /** null: no interval (Argo: a single measurement unless count says otherwise). */
  readonly intervalMs: Millis | null;
  readonly initialDelayMs: Millis;
  /** null: unbounded (measure until the run is terminated). */
  readonly count: number | null;
  readonly successCondition: string | null;
  readonly failureCondition: string | null;
  /** Default 0; -1 disables. */
  readonly failureLimit: number;
  readonly inconclusiveLimit: number;
  /** Default 4. */
  readonly consecutiveErrorLimit: number;
  /** Default 0 = off. */
  readonly consecutiveSuccessLimit: number;
  readonly provider: MetricProviderModel;
  readonly dryRun: boolean;
}

export interface AnalysisTemplateModel {
  readonly name: string;
  readonly metrics: readonly MetricModel[];
}

/** A RolloutAnalysis: the metrics of its templates, merged in order. */
export interface RolloutAnalysisModel {
  readonly templateNames: readonly string[];
  readonly metrics: readonly MetricModel[];
}

export interface BackgroundAnalysisModel extends RolloutAnalysisModel {
  readonly startingStep: number;
}

export interface AlertRuleModel {
  readonly name: string;
  readonly expr: string;
  readonly forMs: Millis;
}

export type HeaderValueMatch =
  | { readonly exact: string }
  | { readonly prefix: string }
  | { readonly regex: string };

export type CanaryStepModel =
  | { readonly kind: 'setWeight'; readonly weight: number }
  | { readonly kind: 'pause'; readonly durationMs: Millis | null }
  | { readonly kind: 'analysis'; readonly analysis: RolloutAnalysisModel }
  | {
      readonly kind: 'setHeaderRoute';
      readonly name: string;
      readonly match: readonly { readonly headerName: string; readonly headerValue: HeaderValueMatch }[];
    }
  | {
      readonly kind: 'setMirrorRoute';
      readonly name: string;
      readonly percentage: number;
      readonly enabled: boolean;
    }
  | {
      readonly kind: 'setCanaryScale';
      readonly replicas: number | null;
      readonly weight: number | null;
      readonly matchTrafficWeight: boolean;
    };

/** "25%" or 3, resolved against a replica count by the strategy (Kubernetes rounding rules). */
export type IntOrPercent = { readonly percent: number } | { readonly count: number };

export type StrategyKind = 'recreate' | 'rollingUpdate' | 'blueGreen' | 'canary' | 'shadow' | 'featureFlag';

interface StrategyBase {
  /** The scenario's name for it, used in all output. */
  readonly name: string;
  /** Alert rules that trigger an automated rollback (for strategies without their own analysis). */
  readonly alerts: readonly AlertRuleModel[];
}

export type StrategyModel =
  | (StrategyBase & { readonly kind: 'recreate' })
  | (StrategyBase & {
      readonly kind: 'rollingUpdate';
      readonly maxSurge: IntOrPercent;
      readonly maxUnavailable: IntOrPercent;
    })
  | (StrategyBase & {
      readonly kind: 'blueGreen';
      readonly autoPromotionEnabled: boolean;
      readonly autoPromotionSeconds: number | null;
      readonly scaleDownDelaySeconds: number;
      readonly abortScaleDownDelaySeconds: number;
      readonly previewReplicaCount: number | null;
      readonly prePromotionAnalysis: RolloutAnalysisModel | null;
      readonly postPromotionAnalysis: RolloutAnalysisModel | null;
    })
  | (StrategyBase & {
      readonly kind: 'canary';
      readonly steps: readonly CanaryStepModel[];
      readonly analysis: BackgroundAnalysisModel | null;
      readonly trafficRouting: boolean;
      readonly abortScaleDownDelaySeconds: number;
      readonly maxSurge: IntOrPercent;
      readonly maxUnavailable: IntOrPercent;
    })
  | (StrategyBase & {
      readonly kind: 'shadow';
      readonly mirrorPercent: number;
      readonly durationMs: Millis;
      readonly analysis: RolloutAnalysisModel | null;
    })
  | (StrategyBase & {
      readonly kind: 'featureFlag';
      readonly steps: readonly CanaryStepModel[];
      readonly analysis: BackgroundAnalysisModel | null;
    });

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Absolute path of the file it came from ("" when built in code). */
  readonly file: string;
  readonly durationMs: Millis;
  readonly leadInMs: Millis;
  readonly observeAfterMs: Millis;
  readonly scrapeIntervalMs: Millis;
  readonly alertEvaluationIntervalMs: Millis;
  readonly fidelity: 'request' | 'tick';
  readonly service: ServiceModel;
  readonly traffic: TrafficModel;
  readonly affinity: Affinity;
  readonly fault: FaultModel;
  readonly strategies: readonly StrategyModel[];
  readonly alerts: readonly AlertRuleModel[];
  readonly trials: number;
  readonly seed: number;
  readonly assertions: readonly string[];
}
