/**
 * The synthetic service's configuration, from command-line flags or, for each flag, an
 * environment variable `ROLLOUT_LAB_<FLAG>` (`--pool-size` → `ROLLOUT_LAB_POOL_SIZE`); a
 * flag wins over its variable. Everything is validated before anything starts; the
 * service binds loopback only.
 */
import { parseArgs } from 'node:util';
import type { FaultModel, LatencyModel, Millis, RouteModel } from '../scenario/model.js';
import type { Role } from '../targets/target.js';
import { parseFaultJson, parseRoutesJson } from './config-json.js';
import { DEFAULT_ROUTES } from './default-routes.js';

export type Release = 'v1' | 'v2';

/** When to treat the end of stdin as the parent's death and shut down. */
export type StdinLifeline = 'auto' | 'always' | 'never';

export interface ServiceConfig {
  /** Always loopback: the lab never serves beyond this machine. */
  readonly host: '127.0.0.1';
  /** 0 = an ephemeral port chosen by the OS. */
  readonly port: number;
  /** The `version` label of the metrics: which ReplicaSet this replica belongs to. */
  readonly role: Role;
  /** Which code the replica runs; faults apply to v2 only. */
  readonly release: Release;
  /** The `pod` label of the metrics. */
  readonly pod: string;
  /** The SQLite file shared by all replicas. */
  readonly dbPath: string;
  readonly pool: { readonly size: number; readonly acquireTimeoutMs: Millis };
  /** Service time of a business request (lognormal by its p50 and p99, ms). */
  readonly latency: LatencyModel;
  /** Baseline share (0–1) of business requests failing with 500, in every release. */
  readonly errorRate: number;
  /** From process start until /ready passes. */
  readonly startupMs: Millis;
  /** How long a SIGTERM waits for in-flight requests before exiting anyway. */
  readonly terminationGracePeriodMs: Millis;
  readonly fault: FaultModel;
  readonly routes: readonly RouteModel[];
  /** Seed of every random draw the replica makes. */
  readonly seed: number;
  readonly stdinLifeline: StdinLifeline;
  /**
   * Where login sessions live: in this replica's memory (lost with the pod — what session
   * affinity is for), or in the shared database (every replica knows every session).
   */
  readonly sessionStore: 'memory' | 'shared';
}

export type ServiceCommand =
  | { readonly kind: 'serve'; readonly config: ServiceConfig }
  | { readonly kind: 'revertMigration'; readonly dbPath: string }
  | { readonly kind: 'help' };

/** A bad flag or value: the service exits with code 2 and this message. */
export class ConfigError extends Error {}

export const USAGE = `usage: node dist/service/main.js --version stable|canary --release v1|v2 --db FILE [options]
       node dist/service/main.js --revert-migration --db FILE

  --host 127.0.0.1            loopback only (localhost is accepted; anything else is refused)
  --port N                    0 (default) picks an ephemeral port
  --version stable|canary     the metrics' version label (the ReplicaSet)
  --release v1|v2             the code the replica runs; the fault applies to v2 only
  --pod NAME                  the metrics' pod label (default: service-<pid>)
  --db FILE                   the SQLite database shared by all replicas
  --pool-size N               database connections per replica (default 20)
  --acquire-timeout-ms MS     wait for a connection before 503 (default 2000)
  --p50-ms MS, --p99-ms MS    lognormal service time (default 40, 220)
  --error-rate P              baseline share of 500s, 0–1 (default 0)
  --startup-ms MS             from process start until ready (default 0)
  --termination-grace-ms MS   drain time after SIGTERM (default 30000)
  --fault JSON                the release's fault, a FaultModel (default {"type":"none"})
  --routes JSON               the business routes, RouteModel[] (default get-order, create-order, login)
  --seed N                    seed of the replica's random draws (default 1)
  --session-store memory|shared
                              login sessions in this replica's memory (default) or in the database
  --exit-on-stdin-close auto|always|never
                              exit when stdin closes (auto: when stdin is a pipe or socket)
  --revert-migration          run the down migration of the release's schema change and exit
Every flag can also be given as ROLLOUT_LAB_<FLAG> in the environment (ROLLOUT_LAB_POOL_SIZE).`;

const STRING_FLAGS = [
  'host',
  'port',
  'version',
  'release',
  'pod',
  'db',
  'pool-size',
  'acquire-timeout-ms',
  'p50-ms',
  'p99-ms',
  'error-rate',
  'startup-ms',
  'termination-grace-ms',
  'fault',
  'routes',
  'seed',
  'exit-on-stdin-close',
  'session-store',
] as const;
type StringFlag = (typeof STRING_FLAGS)[number];

/** Hosts that mean loopback; the service binds 127.0.0.1 for all of them. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/** The command the arguments ask for (argv without node and the script). Throws ConfigError. */
export function parseServiceArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  pid = process.pid,
): ServiceCommand {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return { kind: 'help' };
  const strings = values as Readonly<Record<string, string | boolean | undefined>>;
  const get = (flag: StringFlag): string | undefined =>
    (strings[flag] as string | undefined) ?? env[`ROLLOUT_LAB_${flag.toUpperCase().replaceAll('-', '_')}`];
  const revert = values['revert-migration'] || env.ROLLOUT_LAB_REVERT_MIGRATION === 'true';
  const dbPath = get('db');
  if (dbPath === undefined || dbPath === '') throw new ConfigError('--db FILE is required');
  if (revert) return { kind: 'revertMigration', dbPath };

  const host = get('host') ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new ConfigError(`--host ${host} refused: the service binds loopback only (127.0.0.1 or localhost)`);
  }
  const p50Ms = number(get, 'p50-ms', 40, { min: 0, exclusiveMin: true });
  const p99Ms = number(get, 'p99-ms', 220, { min: 0, exclusiveMin: true });
  if (!(p99Ms > p50Ms)) throw new ConfigError(`--p99-ms (${p99Ms}) must exceed --p50-ms (${p50Ms})`);
  const fault = get('fault');
  const routes = get('routes');
  let faultModel: FaultModel = { type: 'none' };
  let routeModels: readonly RouteModel[] = DEFAULT_ROUTES;
  try {
    if (fault !== undefined) faultModel = parseFaultJson(fault);
    if (routes !== undefined) routeModels = parseRoutesJson(routes);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const pod = get('pod') ?? `service-${pid}`;
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(pod) || pod.length > 253) {
    throw new ConfigError(`--pod ${pod}: a lowercase name of letters, digits, dots and dashes`);
  }
  return {
    kind: 'serve',
    config: {
      host: '127.0.0.1',
      port: number(get, 'port', 0, { min: 0, max: 65535, integer: true }),
      role: oneOf(get, 'version', ['stable', 'canary'] as const, null),
      release: oneOf(get, 'release', ['v1', 'v2'] as const, null),
      pod,
      dbPath,
      pool: {
        size: number(get, 'pool-size', 20, { min: 1, max: 10_000, integer: true }),
        acquireTimeoutMs: number(get, 'acquire-timeout-ms', 2000, { min: 0, exclusiveMin: true }),
      },
      latency: { distribution: 'lognormal', p50Ms, p99Ms },
      errorRate: number(get, 'error-rate', 0, { min: 0, max: 1 }),
      startupMs: number(get, 'startup-ms', 0, { min: 0 }),
      terminationGracePeriodMs: number(get, 'termination-grace-ms', 30_000, { min: 0 }),
      fault: faultModel,
      routes: routeModels,
      seed: number(get, 'seed', 1, { min: 0, max: 2 ** 32 - 1, integer: true }),
      stdinLifeline: oneOf(get, 'exit-on-stdin-close', ['auto', 'always', 'never'] as const, 'auto'),
      sessionStore: oneOf(get, 'session-store', ['memory', 'shared'] as const, 'memory'),
    },
  };
}

function parseFlags(argv: readonly string[]) {
  const options = Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }]));
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      ...options,
      'revert-migration': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

interface Bounds {
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly integer?: boolean;
}

function number(get: (f: StringFlag) => string | undefined, flag: StringFlag, fallback: number, b: Bounds) {
  const text = get(flag);
  if (text === undefined) return fallback;
  const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  const what = `${b.integer ? 'an integer' : 'a number'}${describeBounds(b)}`;
  if (!Number.isFinite(value) || (b.integer && !Number.isInteger(value))) {
    throw new ConfigError(`--${flag} ${text}: expected ${what}`);
  }
  const tooLow = b.min !== undefined && (b.exclusiveMin ? value <= b.min : value < b.min);
  if (tooLow || (b.max !== undefined && value > b.max)) {
    throw new ConfigError(`--${flag} ${text}: expected ${what}`);
  }
  return value;
}

function describeBounds(b: Bounds): string {
  const low = b.min === undefined ? '' : `${b.exclusiveMin ? '>' : '>='} ${b.min}`;
  const high = b.max === undefined ? '' : `<= ${b.max}`;
  return low && high ? ` ${low} and ${high}` : low || high ? ` ${low || high}` : '';
}

function oneOf<T extends string>(
  get: (f: StringFlag) => string | undefined,
  flag: StringFlag,
  allowed: readonly T[],
  fallback: T | null,
): T {
  const text = get(flag);
  if (text === undefined) {
    if (fallback === null) throw new ConfigError(`--${flag} is required: one of ${allowed.join(', ')}`);
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(text)) {
    throw new ConfigError(`--${flag} ${text}: expected one of ${allowed.join(', ')}`);
  }
  return text as T;
}
