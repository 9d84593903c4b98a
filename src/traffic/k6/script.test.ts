/**
 * Golden test of the generated k6 script (fixtures/k6/). Refresh after an intended change
 * with `UPDATE_GOLDEN=1 npx vitest run src/traffic/k6`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientCanParse, createOrderBody, type OrderRecord, toV1, toV2 } from '../../service/shapes.js';
import { createRng } from '../../stats/rng.js';
import { FIXTURES, loadTrafficProfile } from '../load/test-support/profiles.js';
import { DEFAULT_ROUTES, traffic } from '../load/test-support/traffic.js';
import { k6Scenario } from './executor.js';
import { k6Script } from './script.js';
import { CONTRACT_JS, LOOPBACK_JS, RNG_JS } from './script-runtime.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, text: string): void {
  const file = join(FIXTURES, 'k6', name);
  if (UPDATE) writeFileSync(file, text);
  expect(text, `${file} is stale: UPDATE_GOLDEN=1 npx vitest run src/traffic/k6`).toBe(
    readFileSync(file, 'utf8'),
  );
}

describe('k6 script generation (golden)', () => {
  it('writes a constant-arrival-rate script with the client mix, sessions and header traffic', () => {
    golden(
      'constant-rate.js',
      k6Script({
        scenarioName: 'sticky-sessions',
        traffic: traffic(200, {
          v1Shape: 0.7,
          sessions: { share: 0.4, meanLengthMs: 300_000, requestsPerMinute: 6 },
          headers: [{ name: 'X-Canary', value: 'yes', share: 0.05 }],
        }),
        routes: DEFAULT_ROUTES,
        durationMs: 120_000,
        seed: 42,
      }),
    );
  });

  it('writes a ramping-arrival-rate script for a profile (fixtures/traffic/spike.json)', () => {
    golden(
      'ramping-rate.js',
      k6Script({
        scenarioName: 'spike',
        traffic: { ...traffic(1), profile: loadTrafficProfile('spike.json'), source: 'spike.json' },
        routes: DEFAULT_ROUTES,
        durationMs: 6 * 60_000,
        offsetMs: 19 * 60_000,
        seed: 7,
      }),
    );
  });
});

describe('k6 executors', () => {
  const vus = { preAllocatedVUs: 10, maxVUs: 50, gracefulStopMs: 11_000 };

  it('uses constant-arrival-rate for a constant profile', () => {
    expect(k6Scenario({ points: [{ tMs: 0, rps: 200 }] }, 0, 90_000, vus)).toEqual({
      executor: 'constant-arrival-rate',
      rate: 200,
      timeUnit: '1s',
      duration: '90s',
      preAllocatedVUs: 10,
      maxVUs: 50,
      gracefulStop: '11s',
    });
  });

  it('ramps linearly between the profile points inside the run, cut at its ends', () => {
    const profile = {
      points: [
        { tMs: 0, rps: 100 },
        { tMs: 60_000, rps: 200 },
        { tMs: 120_000, rps: 50 },
      ],
    };
    expect(k6Scenario(profile, 30_000, 60_000, vus)).toMatchObject({
      executor: 'ramping-arrival-rate',
      startRate: 150,
      timeUnit: '1s',
      stages: [
        { duration: '30s', target: 200 },
        { duration: '30s', target: 125 },
      ],
    });
  });

  it('counts per minute when a rate is not a whole number per second', () => {
    expect(k6Scenario({ points: [{ tMs: 0, rps: 2.5 }] }, 0, 10_000, vus)).toMatchObject({
      rate: 150,
      timeUnit: '1m',
    });
  });
});

describe('k6 script runtime', () => {
  const contract = new Function(`${CONTRACT_JS}; return { clientCanParse, createOrderBody };`)() as {
    clientCanParse(shape: string, text: string): boolean;
    createOrderBody(shape: string, n: number): object;
  };

  it("checks order shapes exactly as the service's contract does", () => {
    const order: OrderRecord = {
      id: 3,
      customer: 'c-3',
      item: 'sku-3',
      quantity: 2,
      totalCents: 1998,
      status: 'open',
    };
    const bodies: unknown[] = [
      toV1(order),
      toV2(order),
      { ...toV1(order), totalCents: 'x' },
      { ...toV2(order), lines: [] },
      { id: 3 },
      [],
      null,
      'text',
    ];
    for (const body of bodies) {
      for (const shape of ['v1', 'v2'] as const) {
        expect(contract.clientCanParse(shape, JSON.stringify(body))).toBe(clientCanParse(shape, body));
      }
    }
    expect(contract.clientCanParse('v1', 'not json')).toBe(false);
    for (let n = 0; n < 300; n += 37) {
      expect(contract.createOrderBody('v1', n)).toEqual(createOrderBody('v1', n));
      expect(contract.createOrderBody('v2', n)).toEqual(createOrderBody('v2', n));
    }
  });

  it("draws the same stream as the lab's seeded generator", () => {
    const makeRng = new Function(`${RNG_JS}; return makeRng;`)() as (seed: number) => () => number;
    const js = makeRng(42);
    const ts = createRng(42);
    for (let i = 0; i < 100; i++) expect(js()).toBe(ts.next());
  });

  it('accepts only loopback targets', () => {
    const loopbackTarget = new Function(`${LOOPBACK_JS}; return loopbackTarget;`)() as (
      url: string,
    ) => string;
    expect(loopbackTarget('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(loopbackTarget('http://[::1]:80')).toBe('http://[::1]:80');
    for (const bad of [
      'http://10.0.0.1:80',
      'http://localhost:80',
      'https://127.0.0.1:1',
      'http://127.0.0.300:1',
      '',
    ]) {
      expect(() => loopbackTarget(bad)).toThrow(/loopback only/);
    }
  });
});
