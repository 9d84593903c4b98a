import { describe, expect, it } from 'vitest';
import { clientCanParse, createOrderBody, isOrderV1, isOrderV2 } from './shapes.js';
import { request, useServiceFixture } from './test-support/service-process.js';

const fx = useServiceFixture();

const V1_BODY = createOrderBody('v1', 1);
const V2_BODY = createOrderBody('v2', 2);

describe('the API schema mismatch, on real replicas', () => {
  it('v2 answers order reads in the new shape, whatever the client declares', async () => {
    const v2 = await fx.start({
      version: 'canary',
      release: 'v2',
      db: fx.dbPath(),
      fault: { type: 'apiSchemaMismatch', rejectOldRequests: true },
    });
    for (const kind of ['v1', 'v2']) {
      const res = await request(v2.port, 'GET', '/orders/3', { headers: { 'x-client-shape': kind } });
      expect(res.status).toBe(200);
      const body = res.json();
      expect([isOrderV2(body), isOrderV1(body)]).toEqual([true, false]);
      // The old client fails to parse it, the new one does not: the server counted a 200 either way.
      expect([clientCanParse('v1', body), clientCanParse('v2', body)]).toEqual([false, true]);
    }
  });

  it('v2 rejects old-shape order writes with 422 and accepts new-shape ones', async () => {
    const v2 = await fx.start({
      version: 'canary',
      release: 'v2',
      db: fx.dbPath(),
      fault: { type: 'apiSchemaMismatch', rejectOldRequests: true },
    });
    expect((await request(v2.port, 'POST', '/orders', { body: V1_BODY })).status).toBe(422);
    // An old client that sends no body still declares itself (no header = v1).
    expect((await request(v2.port, 'POST', '/orders')).status).toBe(422);
    const created = await request(v2.port, 'POST', '/orders', { body: V2_BODY });
    expect(created.status).toBe(200);
    expect(isOrderV2(created.json())).toBe(true);
    const generated = await request(v2.port, 'POST', '/orders', { headers: { 'x-client-shape': 'v2' } });
    expect(generated.status).toBe(200);
    const metrics = (await request(v2.port, 'GET', '/metrics')).text;
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="create-order",status_code="422"\} 2/);
  });

  it('with rejectOldRequests false, v2 accepts old-shape writes but answers in the new shape', async () => {
    const v2 = await fx.start({
      version: 'canary',
      release: 'v2',
      db: fx.dbPath(),
      fault: { type: 'apiSchemaMismatch', rejectOldRequests: false },
    });
    const res = await request(v2.port, 'POST', '/orders', { body: V1_BODY });
    expect(res.status).toBe(200);
    expect(clientCanParse('v1', res.json())).toBe(false);
  });

  it('v1, and v2 without the fault, keep the v1 contract and accept both request shapes', async () => {
    const fault = { type: 'apiSchemaMismatch', rejectOldRequests: true };
    const db = fx.dbPath();
    const v1 = await fx.start({ version: 'stable', release: 'v1', db, fault });
    const healthyV2 = await fx.start({ version: 'canary', release: 'v2', db });
    for (const port of [v1.port, healthyV2.port]) {
      expect(isOrderV1((await request(port, 'GET', '/orders/3')).json())).toBe(true);
      for (const body of [V1_BODY, V2_BODY]) {
        const res = await request(port, 'POST', '/orders', { body });
        expect(res.status).toBe(200);
        expect(clientCanParse('v1', res.json())).toBe(true);
      }
    }
  });
});
