import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTES as LOADER_DEFAULT_ROUTES } from '../scenario/normalize.js';
import { loadInline, MINIMAL_SPEC } from '../scenario/test-support/inline.js';
import { ConfigError, parseServiceArgs, type ServiceConfig } from './config.js';
import { DEFAULT_ROUTES } from './default-routes.js';

const BASE = ['--version', 'canary', '--release', 'v2', '--db', '/tmp/x.sqlite'];

function serve(args: readonly string[], env: Record<string, string> = {}): ServiceConfig {
  const command = parseServiceArgs(args, env, 4242);
  if (command.kind !== 'serve') throw new Error(`expected serve, got ${command.kind}`);
  return command.config;
}

function problem(args: readonly string[], env: Record<string, string> = {}): string {
  try {
    parseServiceArgs(args, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseServiceArgs', () => {
  it('fills in defaults', () => {
    expect(serve(BASE)).toEqual({
      host: '127.0.0.1',
      port: 0,
      role: 'canary',
      release: 'v2',
      pod: 'service-4242',
      dbPath: '/tmp/x.sqlite',
      pool: { size: 20, acquireTimeoutMs: 2000 },
      latency: { distribution: 'lognormal', p50Ms: 40, p99Ms: 220 },
      errorRate: 0,
      startupMs: 0,
      terminationGracePeriodMs: 30_000,
      fault: { type: 'none' },
      routes: DEFAULT_ROUTES,
      seed: 1,
      stdinLifeline: 'auto',
      sessionStore: 'memory',
    });
  });

  it('keeps the default routes equal to the scenario loader’s', () => {
    expect(DEFAULT_ROUTES).toEqual(LOADER_DEFAULT_ROUTES);
  });

  it('reads every flag', () => {
    const fault = { type: 'connectionLeak', leakPerRequest: 0.01 };
    const routes = [{ name: 'search', share: 1, db: false, method: 'GET' }];
    const config = serve([
      ...BASE,
      ...['--pod', 'canary-1', '--port', '8081', '--pool-size', '3', '--acquire-timeout-ms', '150'],
      ...['--p50-ms', '5', '--p99-ms', '25', '--error-rate', '0.01', '--startup-ms', '1500'],
      ...['--termination-grace-ms', '2000', '--seed', '7', '--exit-on-stdin-close', 'never'],
      ...['--fault', JSON.stringify(fault), '--routes', JSON.stringify(routes), '--host', 'localhost'],
    ]);
    expect(config).toMatchObject({
      pod: 'canary-1',
      port: 8081,
      host: '127.0.0.1',
      pool: { size: 3, acquireTimeoutMs: 150 },
      latency: { p50Ms: 5, p99Ms: 25 },
      errorRate: 0.01,
      startupMs: 1500,
      terminationGracePeriodMs: 2000,
      seed: 7,
      stdinLifeline: 'never',
      fault,
      routes,
    });
  });

  it('reads ROLLOUT_LAB_* variables, and a flag wins over its variable', () => {
    const env = {
      ROLLOUT_LAB_VERSION: 'stable',
      ROLLOUT_LAB_RELEASE: 'v1',
      ROLLOUT_LAB_DB: '/tmp/env.sqlite',
      ROLLOUT_LAB_POOL_SIZE: '4',
      ROLLOUT_LAB_POD: 'from-env',
    };
    expect(serve([], env)).toMatchObject({
      role: 'stable',
      release: 'v1',
      pool: { size: 4 },
      pod: 'from-env',
    });
    expect(serve(['--pod', 'from-flag'], env).pod).toBe('from-flag');
  });

  it('refuses any host but loopback', () => {
    for (const host of ['0.0.0.0', '10.0.0.7', '::', 'example.com', '127.0.0.2']) {
      expect(problem([...BASE, '--host', host])).toContain('loopback only');
    }
    expect(problem(BASE, { ROLLOUT_LAB_HOST: '0.0.0.0' })).toContain('loopback only');
  });

  it('rejects bad values, naming the flag and what would be valid', () => {
    expect(problem(['--release', 'v2', '--db', 'x'])).toBe('--version is required: one of stable, canary');
    expect(problem([...BASE, '--release', 'v3'])).toBe('--release v3: expected one of v1, v2');
    expect(problem([...BASE, '--pool-size', '0'])).toBe(
      '--pool-size 0: expected an integer >= 1 and <= 10000',
    );
    expect(problem([...BASE, '--pool-size', '2.5'])).toContain('expected an integer');
    expect(problem([...BASE, '--error-rate', '1.5'])).toContain('--error-rate 1.5');
    expect(problem([...BASE, '--port', '12ab'])).toContain('--port 12ab');
    expect(problem([...BASE, '--p50-ms', '50', '--p99-ms', '50'])).toBe(
      '--p99-ms (50) must exceed --p50-ms (50)',
    );
    expect(problem([...BASE, '--pod', 'Bad_Name'])).toContain('--pod Bad_Name');
    expect(problem(['--version', 'canary', '--release', 'v2'])).toBe('--db FILE is required');
    expect(problem([...BASE, '--no-such-flag'])).toContain("Unknown option '--no-such-flag'");
  });

  it('rejects a fault or routes that are not the model’s', () => {
    expect(problem([...BASE, '--fault', '{'])).toContain('--fault is not JSON');
    expect(problem([...BASE, '--fault', '{"type":"meteor"}'])).toContain('--fault is not valid');
    expect(problem([...BASE, '--fault', '{"type":"connectionLeak","leakPerRequest":2}'])).toContain(
      'leakPerRequest',
    );
    expect(problem([...BASE, '--fault', '{"type":"none","extra":1}'])).toContain('--fault is not valid');
    const twice = JSON.stringify([
      { name: 'a', share: 0.5, db: true, method: 'GET' },
      { name: 'a', share: 0.5, db: true, method: 'GET' },
    ]);
    expect(problem([...BASE, '--routes', twice])).toContain('route names must be unique');
  });

  it('accepts every fault type of the model', () => {
    const faults = [
      { type: 'latency', delayMs: 100, jitterMs: 10, share: 0.5, on: 'network' },
      { type: 'errorSpike', errorRate: 0.1, statusCode: 502, cohort: 'sessions' },
      { type: 'apiSchemaMismatch', rejectOldRequests: true },
      {
        type: 'dbSchemaMismatch',
        change: 'dropColumn',
        expandContract: false,
        revertOnAbort: true,
        revertDurationMs: 30_000,
      },
      { type: 'networkLoss', share: 0.1 },
      { type: 'networkReset', share: 0.1 },
      { type: 'crashOnStart', probability: 0.5 },
      { type: 'slowWarmUp', warmUpMs: 60_000 },
    ];
    for (const fault of faults)
      expect(serve([...BASE, '--fault', JSON.stringify(fault)]).fault).toEqual(fault);
  });

  it('accepts the fault of every shipped fault type as the scenario loader models it', () => {
    const declared = [
      '{type: connectionLeak, leakPerRequest: 0.002}',
      '{type: latency, delayMs: 200}',
      '{type: errorSpike, errorRate: 0.05}',
      '{type: apiSchemaMismatch}',
      '{type: dbSchemaMismatch, revertDuration: 45s}',
      '{type: networkLoss, share: 0.1}',
      '{type: networkReset, share: 0.1}',
      '{type: crashOnStart}',
      '{type: slowWarmUp, warmUp: 90s}',
    ];
    for (const fault of declared) {
      const scenario = loadInline(MINIMAL_SPEC.replace('fault: {type: none}', `fault: ${fault}`));
      const config = serve([...BASE, '--fault', JSON.stringify(scenario.fault)]);
      expect(config.fault).toEqual(scenario.fault);
    }
    const slow = loadInline(
      MINIMAL_SPEC.replace('fault: {type: none}', 'fault: {type: slowWarmUp, warmUp: 90s}'),
    );
    expect(slow.fault).toEqual({ type: 'slowWarmUp', warmUpMs: 90_000 });
    const crash = loadInline(MINIMAL_SPEC.replace('fault: {type: none}', 'fault: {type: crashOnStart}'));
    expect(crash.fault).toEqual({ type: 'crashOnStart', probability: 1 });
  });

  it('parses the revert command and help', () => {
    expect(parseServiceArgs(['--revert-migration', '--db', '/tmp/x.sqlite'])).toEqual({
      kind: 'revertMigration',
      dbPath: '/tmp/x.sqlite',
    });
    expect(parseServiceArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
