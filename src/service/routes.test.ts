import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_ORDERS } from './migrations.js';
import { RouteTable, requestPath } from './routes.js';
import { isOrderV1, UNIT_PRICE_CENTS } from './shapes.js';
import { request, type ServiceProcess, useServiceFixture } from './test-support/service-process.js';

describe('RouteTable', () => {
  const table = new RouteTable([
    { name: 'get-order', share: 0.5, db: true, method: 'GET' },
    { name: 'login', share: 0.2, db: false, method: 'POST' },
    { name: 'search', share: 0.2, db: false, method: 'GET' },
    { name: 'get-invoice', share: 0.1, db: true, method: 'GET' },
  ]);

  it('maps routes to paths and back', () => {
    expect(table.match('GET', '/orders/12')).toMatchObject({ kind: 'route', orderId: 12 });
    expect(table.match('GET', '/orders/0')).toMatchObject({ kind: 'badId' });
    expect(table.match('GET', '/orders/1/x')).toEqual({ kind: 'none' });
    expect(table.match('POST', '/orders')).toEqual({ kind: 'none' });
    expect(table.match('POST', '/login')).toMatchObject({ route: { behaviour: 'login' } });
    expect(table.match('GET', '/r/search')).toMatchObject({ route: { behaviour: 'plain' } });
    expect(table.match('GET', '/r/get-invoice/3')).toMatchObject({
      route: { behaviour: 'readOrder' },
      orderId: 3,
    });
    expect(requestPath({ name: 'get-order', share: 1, db: true, method: 'GET' }, 5)).toBe('/orders/5');
    expect(requestPath({ name: 'create-order', share: 1, db: true, method: 'POST' })).toBe('/orders');
    expect(requestPath({ name: 'search', share: 1, db: false, method: 'GET' })).toBe('/r/search');
    // A conventional name with another method or db flag is not the conventional route.
    expect(requestPath({ name: 'login', share: 1, db: true, method: 'POST' })).toBe('/r/login');
  });
});

describe('the service’s routes (a real replica)', () => {
  const fx = useServiceFixture('all');
  let service: ServiceProcess;
  const routes = [
    { name: 'get-order', share: 0.4, db: true, method: 'GET' },
    { name: 'create-order', share: 0.2, db: true, method: 'POST' },
    { name: 'login', share: 0.2, db: false, method: 'POST' },
    { name: 'search', share: 0.2, db: false, method: 'GET' },
  ];

  beforeAll(async () => {
    service = await fx.start({ version: 'stable', release: 'v1', pod: 'stable-a', db: fx.dbPath(), routes });
    await service.readyLine;
  });

  const call = (method: string, path: string, options?: Parameters<typeof request>[3]) =>
    request(service.port, method, path, options);

  it('reads an order in the v1 shape, with the serving headers', async () => {
    const res = await call('GET', '/orders/42');
    expect(res.status).toBe(200);
    expect(isOrderV1(res.json())).toBe(true);
    expect(res.json()).toMatchObject({ id: 42 });
    expect(res.headers).toMatchObject({
      'x-served-version': 'v1',
      'x-served-role': 'stable',
      'x-pod': 'stable-a',
    });
    expect((await call('GET', `/orders/${SEED_ORDERS * 10}`)).status).toBe(404);
    expect((await call('GET', '/orders/abc')).status).toBe(400);
  });

  it('creates orders from a body of either shape, or from the client kind alone', async () => {
    const v1 = await call('POST', '/orders', { body: { customer: 'c-1', item: 'sku-1', quantity: 3 } });
    expect(v1.status).toBe(200);
    expect(v1.json()).toMatchObject({ item: 'sku-1', quantity: 3, totalCents: 3 * UNIT_PRICE_CENTS });
    const v2 = await call('POST', '/orders', {
      body: { customer: { id: 'c-2' }, lines: [{ sku: 'sku-2', quantity: 1 }] },
    });
    expect(v2.status).toBe(200);
    const generated = await call('POST', '/orders', { headers: { 'x-client-shape': 'v2' } });
    expect(generated.status).toBe(200);
    const read = await call('GET', `/orders/${(v1.json() as { id: number }).id}`);
    expect(read.json()).toEqual(v1.json());
    expect((await call('POST', '/orders', { body: '{nope' })).status).toBe(400);
    expect((await call('POST', '/orders', { body: { customer: 'c', quantity: 1 } })).status).toBe(400);
    expect((await call('POST', '/orders', { body: 'x'.repeat(70_000) })).status).toBe(413);
  });

  it('logs in with a cookie; a session the pod does not know gets 401', async () => {
    const login = await call('POST', '/login');
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    expect(cookie).toMatch(/^rl_session=[0-9a-f-]{36}$/);
    expect((await call('GET', '/orders/1', { headers: { cookie } })).status).toBe(200);
    expect((await call('GET', '/orders/1', { headers: { cookie: 'rl_session=gone' } })).status).toBe(401);
    expect((await call('POST', '/login', { headers: { cookie: 'other=1; rl_session=gone' } })).status).toBe(
      401,
    );
  });

  it('serves a route of the scenario’s own list', async () => {
    const res = await call('GET', '/r/search');
    expect([res.status, res.json()]).toEqual([200, { ok: true, route: 'search' }]);
  });

  it('answers the probes and /version, with the serving headers', async () => {
    expect((await call('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await call('GET', '/ready')).json()).toEqual({ ready: true });
    const version = await call('GET', '/version');
    expect(version.json()).toEqual({ release: 'v1', version: 'stable', pod: 'stable-a', schemaVersion: 1 });
    expect(version.headers['x-served-version']).toBe('v1');
    const missing = await call('GET', '/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-pod']).toBe('stable-a');
    expect((await call('DELETE', '/orders/1')).status).toBe(404);
  });
});
