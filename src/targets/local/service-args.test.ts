import { describe, expect, it } from 'vitest';
import { testScenario } from '../../test-support/scenario.js';
import { replicaArgs, scaledFault } from './service-args.js';

describe('replicaArgs', () => {
  it('compresses the timeline by the time scale and keeps request-level physics real', () => {
    const scenario = testScenario({ fault: { type: 'connectionLeak', leakPerRequest: 0.002 } });
    const args = replicaArgs({
      scenario,
      role: 'canary',
      pod: 'p-0',
      dbPath: '/tmp/x.db',
      timeScale: 10,
      seed: 3,
    });
    const flag = (name: string) => args[args.indexOf(`--${name}`) + 1];
    expect(flag('host')).toBe('127.0.0.1');
    expect(flag('release')).toBe('v2');
    expect(flag('version')).toBe('canary');
    expect(flag('startup-ms')).toBe('1000'); // 10 s ÷ 10
    expect(flag('termination-grace-ms')).toBe('3000'); // 30 s ÷ 10
    expect(flag('acquire-timeout-ms')).toBe('2000'); // real
    expect(flag('p50-ms')).toBe('40'); // real
    expect(JSON.parse(flag('fault'))).toEqual({ type: 'connectionLeak', leakPerRequest: 0.02 });
    expect(flag('exit-on-stdin-close')).toBe('always');
    // No affinity: sessions in the shared database, as the simulator assumes.
    expect(flag('session-store')).toBe('shared');
    const pinned = replicaArgs({
      scenario: { ...scenario, affinity: 'cookie' },
      role: 'stable',
      pod: 'p-1',
      dbPath: '/tmp/x.db',
      timeScale: 1,
      seed: 3,
    });
    expect(pinned[pinned.indexOf('--session-store') + 1]).toBe('memory');
  });

  it('scales fault ramps and timelines, not shares or delays', () => {
    expect(scaledFault({ type: 'connectionLeak', leakPerRequest: 0.3 }, 10)).toEqual({
      type: 'connectionLeak',
      leakPerRequest: 1,
    });
    expect(scaledFault({ type: 'slowWarmUp', warmUpMs: 60_000 }, 20)).toEqual({
      type: 'slowWarmUp',
      warmUpMs: 3000,
    });
    const latency = { type: 'latency', delayMs: 400, jitterMs: 100, share: 0.25, on: 'service' } as const;
    expect(scaledFault(latency, 20)).toEqual(latency);
  });
});
