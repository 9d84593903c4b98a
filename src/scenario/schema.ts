/**
 * The scenario file, as users write it: one zod definition that validates input and
 * generates the JSON Schema for editors (`rollout-lab schema`).
 *
 * Field names follow Kubernetes and Argo Rollouts wherever those have one. Units are in
 * the names (`delayMs`, `errorRate` 0–1). Durations are Argo-style: a bare number means
 * seconds, or a string with a unit: `250ms`, `30s`, `5m`, `1h`.
 * Every object is strict: an unknown key is an error.
 */
import { z } from 'zod';

/**
 * A duration string: one or more number+unit parts, as Go's time.ParseDuration (which Argo
 * uses) accepts them, restricted to ms, s, m and h: `250ms`, `30s`, `1.5m`, `1h30m`.
 */
export const DURATION_PATTERN = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

/** What a duration looks like, for error messages. */
export const DURATION_EXAMPLES = 'a duration such as 250ms, 30s, 5m, 1h or 1m30s (a bare number is seconds)';

export const Duration = z
  .union([z.number().nonnegative(), z.string().regex(DURATION_PATTERN, { message: DURATION_EXAMPLES })], {
    error: DURATION_EXAMPLES,
  })
  .describe('A duration: a number of seconds, or a string with units (250ms, 30s, 5m, 1h, 1m30s).')
  .meta({ id: 'Duration' });

const INT_OR_PERCENT_EXAMPLES = 'an integer such as 1 or a percentage such as 25%';

/** Kubernetes int-or-percent, as in `maxSurge: 25%` or `maxSurge: 1`. */
export const IntOrPercent = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+%$/, { message: INT_OR_PERCENT_EXAMPLES })], {
    error: INT_OR_PERCENT_EXAMPLES,
  })
  .describe('An integer count or a percentage of replicas (25%).')
  .meta({ id: 'IntOrPercent' });

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    message: 'a lowercase name of letters, digits and dashes (Kubernetes DNS label), such as canary-fast',
  })
  .max(63);

const share = z.number().min(0).max(1);

// ---------------------------------------------------------------------------------------
// Service

export const LatencySpec = z
  .strictObject({
    distribution: z.literal('lognormal').default('lognormal').describe('Only lognormal for now.'),
    p50Ms: z.number().positive().describe('Median service time in milliseconds.'),
    p99Ms: z
      .number()
      .positive()
      .describe('99th percentile service time in milliseconds (must exceed p50Ms).'),
  })
  .describe('Server-side service time of one request, before any queueing.');

export const PoolSpec = z
  .strictObject({
    size: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(20)
      .describe("Connections in each replica's database pool."),
    acquireTimeoutMs: z
      .number()
      .positive()
      .default(2000)
      .describe('How long a request waits for a free connection before failing with 503.'),
  })
  .describe('Per-replica database connection pool.');

export const RouteSpec = z.strictObject({
  name: dnsLabel.describe('Route name, the `route` label of the metrics.'),
  share: share.describe('Share of requests to this route (the shares must sum to 1).'),
  db: z.boolean().default(true).describe('Whether the route queries the shared database (the orders table).'),
  method: z.enum(['GET', 'POST']).default('GET'),
});

export const ServiceSpec = z
  .strictObject({
    replicas: z
      .number()
      .int()
      .min(1)
      .max(200)
      .describe('Desired replicas of the service (Rollout spec.replicas).'),
    latency: LatencySpec,
    errorRate: share.default(0).describe('Baseline share of requests that fail with 500, in every version.'),
    pool: PoolSpec.prefault({}),
    startup: Duration.default('10s').describe('Time from pod creation until its readiness probe passes.'),
    terminationGracePeriod: Duration.default('30s').describe('Draining time of a terminating pod.'),
    routes: z
      .array(RouteSpec)
      .min(1)
      .optional()
      .describe(
        'Business routes and their traffic shares. Default: get-order 0.6, create-order 0.2, login 0.2.',
      ),
  })
  .describe('The synthetic service: replicas, latency, errors, database pool, readiness.');

// ---------------------------------------------------------------------------------------
// Traffic

export const ClientMix = z
  .strictObject({
    v1Shape: share.describe('Share of clients that only understand the v1 API response shape.'),
    v2Shape: share.describe('Share of clients that understand the v2 shape (and v1).'),
  })
  .describe('API clients by the response shape they parse; the shares must sum to 1.');

export const SessionSpec = z
  .strictObject({
    share: share.describe('Share of requests made by users with a login session.'),
    meanLength: Duration.default('5m').describe('Mean session length (exponential).'),
    requestsPerMinute: z.number().positive().default(6).describe('Requests per minute of one session user.'),
  })
  .describe('Users with in-memory login sessions (lost when their pod goes away).');

export const HeaderTraffic = z.strictObject({
  name: z.string().min(1).describe('Header name, e.g. x-canary.'),
  value: z.string().describe('Header value sent.'),
  share: share.describe('Share of requests that carry this header.'),
});

export const TrafficSpec = z
  .strictObject({
    rps: z
      .number()
      .positive()
      .max(1_000_000)
      .optional()
      .describe('Constant arrival rate, requests per second.'),
    profile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Instead of rps: a traffic profile JSON file (see fixtures/traffic/), relative to the scenario file, ' +
          'e.g. ../fixtures/traffic/diurnal.json.',
      ),
    profileScale: z.number().positive().default(1).describe("Multiplies the profile's rates."),
    clients: ClientMix.default({ v1Shape: 0.7, v2Shape: 0.3 }),
    sessions: SessionSpec.optional(),
    headers: z.array(HeaderTraffic).optional().describe('Requests that carry a header (for setHeaderRoute).'),
  })
  .describe('Open-model arrivals (Poisson) and who sends them: exactly one of rps and profile.')
  .meta({ oneOf: [{ required: ['rps'] }, { required: ['profile'] }] });

export const RouterSpec = z
  .strictObject({
    affinity: z
      .enum(['none', 'cookie', 'clientIP'])
      .default('none')
      .describe('Session affinity: pins a session user to one pod (and so to one version).'),
  })
  .describe('The ingress or mesh in front of the service.');

// ---------------------------------------------------------------------------------------
// Faults: plain data with units in the names.

export const NoFault = z
  .strictObject({ type: z.literal('none') })
  .describe('A healthy release: the control.');

export const ConnectionLeakFault = z
  .strictObject({
    type: z.literal('connectionLeak'),
    leakPerRequest: share.describe('Probability that a request served by v2 never returns its connection.'),
  })
  .describe('v2 leaks pooled connections: the pool drains, requests queue, then time out.');

export const LatencyFault = z
  .strictObject({
    type: z.literal('latency'),
    delayMs: z.number().nonnegative().describe('Mean added delay in milliseconds.'),
    jitterMs: z.number().nonnegative().default(0).describe('Standard deviation of the added delay.'),
    share: share.default(1).describe('Share of v2 requests delayed.'),
    on: z
      .enum(['service', 'network'])
      .default('service')
      .describe('Inside v2 (service) or on the network path to v2 (network, as NetworkChaos).'),
  })
  .describe('Added delay on v2.');

export const ErrorSpikeFault = z
  .strictObject({
    type: z.literal('errorSpike'),
    errorRate: share.describe('Share of v2 requests that fail.'),
    statusCode: z.number().int().min(400).max(599).default(500),
    cohort: z
      .enum(['all', 'sessions'])
      .default('all')
      .describe('Which requests can fail: all, or only those of logged-in session users.'),
  })
  .describe('v2 fails a share of requests.');

export const ApiSchemaMismatchFault = z
  .strictObject({
    type: z.literal('apiSchemaMismatch'),
    rejectOldRequests: z
      .boolean()
      .default(true)
      .describe('v2 also rejects old-shape writes with 422 (the server sees these).'),
  })
  .describe(
    'v2 answers in a new shape: v1-shape clients fail to parse it, an error the server never counts.',
  );

export const DbSchemaMismatchFault = z
  .strictObject({
    type: z.literal('dbSchemaMismatch'),
    change: z.enum(['renameColumn', 'dropColumn']).default('renameColumn'),
    expandContract: z
      .boolean()
      .default(false)
      .describe('Ship the change as expand/contract (add the new column, keep the old): v1 keeps working.'),
    revertOnAbort: z
      .boolean()
      .default(true)
      .describe('Whether the rollback runbook also runs the down migration.'),
    revertDuration: Duration.default('30s').describe('How long the down migration takes.'),
  })
  .describe("v2's migration changes the shared database so v1's queries fail during the overlap.");

export const NetworkLossFault = z
  .strictObject({
    type: z.literal('networkLoss'),
    share: share.describe(
      'Share of requests to v2 pods whose packets are dropped: the client waits, then times out.',
    ),
  })
  .describe(
    'Packet loss on the network path to v2, as Chaos Mesh NetworkChaos `action: loss` (local backend).',
  );

export const NetworkResetFault = z
  .strictObject({
    type: z.literal('networkReset'),
    share: share.describe(
      'Share of requests to v2 pods whose connection is reset: the client sees ECONNRESET.',
    ),
  })
  .describe('Connections to v2 reset on the network path (local backend).');

export const CrashOnStartFault = z
  .strictObject({
    type: z.literal('crashOnStart'),
    probability: share
      .default(1)
      .describe(
        'Probability that a starting v2 pod exits with an error before it is ready; each start draws anew.',
      ),
  })
  .describe('v2 pods crash while starting (a bad config, a missing dependency): a crash loop.');

export const SlowWarmUpFault = z
  .strictObject({
    type: z.literal('slowWarmUp'),
    warmUp: Duration.describe(
      "Time a v2 pod takes from start until ready, instead of the service's startup.",
    ),
  })
  .describe('v2 pods take longer to become ready (cold caches, a slow dependency).');

export const Fault = z.discriminatedUnion('type', [
  NoFault,
  ConnectionLeakFault,
  LatencyFault,
  ErrorSpikeFault,
  ApiSchemaMismatchFault,
  DbSchemaMismatchFault,
  NetworkLossFault,
  NetworkResetFault,
  CrashOnStartFault,
  SlowWarmUpFault,
]);

export const ReleaseSpec = z
  .strictObject({
    fault: Fault.describe('What v2 does wrong; `type: none` for a healthy release.'),
  })
  .describe('The release: what v2 does differently from v1.');

// ---------------------------------------------------------------------------------------
// Analysis: Argo Rollouts AnalysisTemplate metrics.

export const PrometheusProvider = z.strictObject({
  address: z
    .string()
    .optional()
    .describe('Ignored by the lab (it queries its own series); kept for pasted templates.'),
  query: z.string().min(1).describe("PromQL over the lab's series."),
});

export const JudgeProvider = z
  .strictObject({
    type: z.literal('mannWhitney').default('mannWhitney'),
    canary: z
      .string()
      .min(1)
      .describe("PromQL giving the canary's value (one series), sampled over the lookback."),
    baseline: z.string().min(1).describe("PromQL giving the baseline's value, sampled the same way."),
    lookback: Duration.default('5m'),
    step: Duration.default('15s').describe('Sampling step of both queries.'),
    direction: z
      .enum(['increase', 'decrease', 'either'])
      .default('increase')
      .describe('Which change is bad.'),
    confidence: z.number().gt(0.5).lt(1).default(0.98),
    tolerance: z.number().nonnegative().default(0.25),
    allowedIncrease: z
      .number()
      .positive()
      .default(1)
      .describe('Mean ratio canary/baseline above which High counts.'),
    allowedDecrease: z.number().positive().default(1),
  })
  .describe("Kayenta NetflixACAJudge's Mann-Whitney classifier, canary against baseline.");

export const MetricProvider = z
  .strictObject({
    prometheus: PrometheusProvider.optional(),
    judge: JudgeProvider.optional(),
  })
  .describe('Exactly one provider.')
  .meta({ minProperties: 1, maxProperties: 1 });

export const Metric = z
  .strictObject({
    name: z.string().min(1),
    interval: Duration.optional().describe('Time between measurements.'),
    initialDelay: Duration.optional().describe('Delay before the first measurement.'),
    count: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe(
        'Measurements to take. Absent: 1 without interval, until terminated with one; > 1 needs interval.',
      ),
    successCondition: z
      .string()
      .optional()
      .describe('Argo (expr-lang) condition over `result`, e.g. result[0] <= 0.01.'),
    failureCondition: z.string().optional(),
    failureLimit: z
      .number()
      .int()
      .min(-1)
      .optional()
      .describe('The metric fails when failed measurements > failureLimit (default 0; -1 disables).'),
    inconclusiveLimit: z.number().int().nonnegative().optional().describe('Default 0.'),
    consecutiveErrorLimit: z.number().int().nonnegative().optional().describe('Default 4.'),
    consecutiveSuccessLimit: z.number().int().nonnegative().optional().describe('Default 0 = off.'),
    query: z.string().min(1).optional().describe('Shorthand for provider.prometheus.query.'),
    provider: MetricProvider.optional(),
  })
  .describe(
    'One Argo Rollouts AnalysisTemplate metric: exactly one of query, provider.prometheus, provider.judge.',
  )
  .meta({ id: 'Metric' });

export const DryRun = z
  .strictObject({
    metricName: z
      .string()
      .min(1)
      .describe(
        'A regular expression searched in each metric name, as Argo does: "error-rate", or ".*" for all.',
      ),
  })
  .describe('Dry-run metrics are measured and recorded but never fail the AnalysisRun.')
  .meta({ id: 'DryRun' });

export const AnalysisTemplateSpec = z
  .strictObject({
    metrics: z.array(Metric).min(1),
    dryRun: z.array(DryRun).optional(),
  })
  .describe('The AnalysisTemplate named `default`.');

export const NamedAnalysisTemplate = z.strictObject({
  name: dnsLabel.describe('Referenced as templateName from a strategy.'),
  metrics: z.array(Metric).min(1),
  dryRun: z.array(DryRun).optional(),
});

export const AlertRule = z
  .strictObject({
    name: z.string().min(1),
    expr: z.string().min(1).describe('PromQL; the alert is active while the result is not empty.'),
    for: Duration.default(0).describe('How long the expression must hold before the alert fires.'),
  })
  .describe('A Prometheus alerting rule: the detector of strategies without analysis.');

// ---------------------------------------------------------------------------------------
// Strategies: Argo Rollouts (and Kubernetes Deployment) fields.

export const RolloutAnalysis = z
  .strictObject({
    templates: z
      .array(z.strictObject({ templateName: z.string().min(1) }))
      .min(1)
      .describe('`default` is spec.analysis; other names are spec.analysisTemplates.'),
    dryRun: z.array(DryRun).optional().describe("Added to the templates' own dryRun rules."),
  })
  .describe('Argo RolloutAnalysis: which templates an AnalysisRun is made of.')
  .meta({ id: 'RolloutAnalysis' });

export const BackgroundAnalysis = RolloutAnalysis.extend({
  startingStep: z.number().int().nonnegative().optional().describe('0-based step index at which it starts.'),
})
  .describe('Background analysis, from startingStep to the end of the rollout.')
  .meta({ id: 'BackgroundAnalysis' });

const HeaderMatch = z.strictObject({
  headerName: z.string().min(1),
  headerValue: z
    .strictObject({
      exact: z.string().optional(),
      prefix: z.string().optional(),
      regex: z.string().optional(),
    })
    .describe('Exactly one of exact, prefix, regex.')
    .meta({ minProperties: 1, maxProperties: 1 }),
});

const SetWeight = z.number().int().min(0).max(100);
const Pause = z.strictObject({ duration: Duration.optional() }).describe('No duration: wait for a promote.');

/** The kinds of canary step, in Argo's order; a step has exactly one of them. */
export const CANARY_STEP_KINDS = [
  'setWeight',
  'pause',
  'analysis',
  'setHeaderRoute',
  'setMirrorRoute',
  'setCanaryScale',
] as const;

export const CanaryStep = z
  .strictObject({
    setWeight: SetWeight.optional().describe(
      'Percent of traffic (or replicas, without trafficRouting) to the canary.',
    ),
    pause: Pause.optional(),
    analysis: RolloutAnalysis.optional().describe(
      'An inline AnalysisRun; the step waits until it completes.',
    ),
    setHeaderRoute: z
      .strictObject({ name: z.string().min(1), match: z.array(HeaderMatch).optional() })
      .optional()
      .describe('Route requests with matching headers to the canary; without match, removes the route.'),
    setMirrorRoute: z
      .strictObject({
        name: z.string().min(1),
        percentage: z.number().int().min(0).max(100).optional().describe('Default 100.'),
        match: z
          .array(z.strictObject({ method: z.strictObject({ exact: z.string() }).optional() }))
          .optional(),
      })
      .optional()
      .describe('Mirror matching requests to the canary; without match, removes the route.'),
    setCanaryScale: z
      .strictObject({
        replicas: z.number().int().nonnegative().optional(),
        weight: z.number().int().min(0).max(100).optional(),
        matchTrafficWeight: z.boolean().optional(),
      })
      .optional()
      .describe('Exactly one of replicas, weight, matchTrafficWeight.'),
  })
  .describe(
    'One Argo canary step: exactly one of setWeight, pause, analysis, setHeaderRoute, setMirrorRoute, setCanaryScale.',
  )
  .meta({ id: 'CanaryStep', minProperties: 1, maxProperties: 1 });

export const RecreateStrategy = z
  .strictObject({})
  .describe('Kubernetes Recreate: all old pods down, then new up.');

export const RollingUpdateStrategy = z
  .strictObject({
    maxSurge: IntOrPercent.default('25%'),
    maxUnavailable: IntOrPercent.default('25%'),
  })
  .describe('Kubernetes RollingUpdate, gated on readiness.');

export const BlueGreenStrategy = z
  .strictObject({
    autoPromotionEnabled: z.boolean().default(true),
    autoPromotionSeconds: z.number().int().nonnegative().optional(),
    scaleDownDelaySeconds: z.number().int().nonnegative().default(30),
    abortScaleDownDelaySeconds: z.number().int().nonnegative().default(30),
    previewReplicaCount: z.number().int().positive().optional(),
    prePromotionAnalysis: RolloutAnalysis.optional().describe(
      'Blocks the switch; the preview gets no user traffic.',
    ),
    postPromotionAnalysis: RolloutAnalysis.optional().describe('After the switch; failure switches back.'),
  })
  .describe('Argo blue-green: a preview ReplicaSet, then the active Service selector switches to it.');

export const CanaryStrategy = z
  .strictObject({
    steps: z.array(CanaryStep).min(1),
    analysis: BackgroundAnalysis.optional(),
    trafficRouting: z
      .boolean()
      .default(true)
      .describe('A mesh or ingress splits traffic by weight; false = split by replica count.'),
    abortScaleDownDelaySeconds: z.number().int().nonnegative().default(30),
    maxSurge: IntOrPercent.default('25%'),
    maxUnavailable: IntOrPercent.default('25%'),
  })
  .describe('Argo canary: steps of weights, pauses and analyses.');

export const ShadowStrategy = z
  .strictObject({
    mirrorPercent: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(100)
      .describe('Share of live traffic copied to v2.'),
    duration: Duration.default('10m').describe('How long v2 is watched in the shadow before promotion.'),
    analysis: RolloutAnalysis.optional().describe('Runs on the shadow while mirroring; failure aborts.'),
  })
  .describe('v2 receives a copy of live traffic; its responses are discarded.');

/** The kinds of feature-flag step; a step has exactly one of them. */
export const FEATURE_FLAG_STEP_KINDS = ['setWeight', 'pause', 'analysis'] as const;

export const FeatureFlagStep = z
  .strictObject({
    setWeight: SetWeight.optional().describe('Percent of users with the flag on.'),
    pause: Pause.optional(),
    analysis: RolloutAnalysis.optional().describe(
      'An inline analysis of the flagged cohort; the step waits for it.',
    ),
  })
  .describe('One feature-flag step: exactly one of setWeight, pause, analysis.')
  .meta({ id: 'FeatureFlagStep', minProperties: 1, maxProperties: 1 });

export const FeatureFlagStrategy = z
  .strictObject({
    steps: z.array(FeatureFlagStep).min(1),
    analysis: BackgroundAnalysis.optional().describe(
      'Analysis of the flagged cohort; failure flips the kill switch.',
    ),
  })
  .describe('A percentage rollout of a flag on already-deployed code, with a kill switch.');

/** The kinds of strategy, in the field names of the strategy object; a strategy has exactly one. */
export const STRATEGY_KINDS = [
  'recreate',
  'rollingUpdate',
  'blueGreen',
  'canary',
  'shadow',
  'featureFlag',
] as const;

export const StrategySpec = z
  .strictObject({
    name: dnsLabel.describe('How this strategy is called in all output.'),
    recreate: RecreateStrategy.optional(),
    rollingUpdate: RollingUpdateStrategy.optional(),
    blueGreen: BlueGreenStrategy.optional(),
    canary: CanaryStrategy.optional(),
    shadow: ShadowStrategy.optional(),
    featureFlag: FeatureFlagStrategy.optional(),
    alerts: z
      .array(z.string())
      .optional()
      .describe('Alert names (spec.alerts) whose firing rolls back; default: all of them; [] for none.'),
  })
  .describe('A strategy: exactly one of recreate, rollingUpdate, blueGreen, canary, shadow, featureFlag.')
  .meta({ id: 'Strategy', oneOf: STRATEGY_KINDS.map((kind) => ({ required: [kind] })) });

/** A strategy in a scenario: a preset's name, or a strategy written out. */
export const StrategyRef = z.union(
  [
    dnsLabel.describe('A shipped preset: recreate, rolling, blue-green, canary, shadow, feature-flag.'),
    StrategySpec,
  ],
  {
    error:
      'a preset name (recreate, rolling, blue-green, canary, shadow, feature-flag) or a strategy mapping',
  },
);

// ---------------------------------------------------------------------------------------
// The scenario

export const ScenarioSpec = z
  .strictObject({
    duration: Duration.default('60m').describe('Upper bound of one trial, in (simulated) time.'),
    leadIn: Duration.default('5m').describe('Steady state before the release starts: the baseline.'),
    observeAfter: Duration.default('5m').describe('How long to keep watching after promotion or recovery.'),
    scrapeInterval: Duration.default('15s').describe("Prometheus scrape interval of the lab's series."),
    alertEvaluationInterval: Duration.default('15s'),
    fidelity: z
      .enum(['request', 'tick'])
      .default('tick')
      .describe('Simulate every request, or aggregate per second.'),
    service: ServiceSpec,
    traffic: TrafficSpec,
    router: RouterSpec.prefault({}),
    release: ReleaseSpec,
    strategies: z
      .array(StrategyRef)
      .min(1)
      .describe('The strategies to compare: preset names or strategy mappings, each with a unique name.'),
    analysis: AnalysisTemplateSpec.optional(),
    analysisTemplates: z
      .array(NamedAnalysisTemplate)
      .optional()
      .describe('More AnalysisTemplates, referenced by name from the strategies.'),
    alerts: z
      .array(AlertRule)
      .optional()
      .describe('Alert rules; by default every strategy rolls back when one fires.'),
    trials: z.number().int().min(1).max(100_000).default(100),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    assert: z
      .array(z.string())
      .optional()
      .describe('CI gates such as "canary.detection.p90 < 3m" or "canary.falseRollbacks < 0.01".'),
  })
  .describe('What to simulate, which strategies to compare, and how often.');

export const ScenarioDocument = z
  .strictObject({
    apiVersion: z.literal('rollout-lab/v1'),
    kind: z.literal('Scenario'),
    metadata: z.strictObject({
      name: dnsLabel.describe('The scenario name, used in reports.'),
      description: z.string().optional(),
      labels: z.record(z.string(), z.string()).optional(),
    }),
    spec: ScenarioSpec,
  })
  .meta({
    title: 'Rollout Lab scenario',
    description: 'A service, its traffic, a release with a fault, and the deployment strategies to compare.',
  });

export type ScenarioInput = z.input<typeof ScenarioDocument>;
export type ScenarioParsed = z.output<typeof ScenarioDocument>;
export type ServiceParsed = z.output<typeof ServiceSpec>;
export type TrafficParsed = z.output<typeof TrafficSpec>;
export type FaultParsed = z.output<typeof Fault>;
export type MetricParsed = z.output<typeof Metric>;
export type DryRunParsed = z.output<typeof DryRun>;
export type AnalysisTemplateParsed = z.output<typeof AnalysisTemplateSpec>;
export type NamedAnalysisTemplateParsed = z.output<typeof NamedAnalysisTemplate>;
export type AlertRuleParsed = z.output<typeof AlertRule>;
export type RolloutAnalysisParsed = z.output<typeof RolloutAnalysis>;
export type BackgroundAnalysisParsed = z.output<typeof BackgroundAnalysis>;
export type StrategyParsed = z.output<typeof StrategySpec>;
export type StrategyRefParsed = z.output<typeof StrategyRef>;
export type CanaryStepParsed = z.output<typeof CanaryStep>;
export type FeatureFlagStepParsed = z.output<typeof FeatureFlagStep>;
