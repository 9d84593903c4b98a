import { describe, expect, it } from 'vitest';
import { toV1, toV2 } from '../../service/shapes.js';
import { findK6 } from '../k6/k6-binary.js';
import { canParseOrder, requestFor, requestKindOf } from './contract.js';
import { CookieJar } from './cookie-jar.js';

describe('the service contract as the load generator speaks it', () => {
  it('maps routes to requests', () => {
    expect(requestKindOf({ name: 'get-order', share: 1, db: true, method: 'GET' })).toBe('getOrder');
    expect(requestKindOf({ name: 'create-order', share: 1, db: true, method: 'POST' })).toBe('createOrder');
    expect(requestKindOf({ name: 'login', share: 1, db: false, method: 'POST' })).toBe('login');
    expect(requestKindOf({ name: 'sign-in', share: 1, db: false, method: 'POST' })).toBe('login');
    expect(requestFor('getOrder', 'v1', 1234, 'u')).toMatchObject({
      method: 'GET',
      path: '/orders/235',
      checkShape: true,
    });
    const create = requestFor('createOrder', 'v2', 3, 'u');
    expect([create.method, create.path, JSON.parse(create.body!)]).toEqual([
      'POST',
      '/orders',
      { customer: { id: 'c-3' }, lines: [{ sku: 'sku-3', quantity: 1 }] },
    ]);
    expect(requestFor('login', 'v1', 0, 'user-9')).toMatchObject({
      path: '/login',
      body: '{"user":"user-9"}',
      checkShape: false,
    });
  });

  it('lets a v1-shape client parse only v1 orders, a v2-shape client both', () => {
    const order = { id: 1, customer: 'c', item: 'i', quantity: 1, totalCents: 999, status: 'open' };
    const v1 = JSON.stringify(toV1(order));
    const v2 = JSON.stringify(toV2(order));
    expect([
      canParseOrder('v1', v1),
      canParseOrder('v1', v2),
      canParseOrder('v2', v1),
      canParseOrder('v2', v2),
    ]).toEqual([true, false, true, true]);
    expect(canParseOrder('v2', '<html>')).toBe(false);
  });
});

describe('CookieJar', () => {
  it('keeps name=value pairs from Set-Cookie and sends them back', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.store(['rl_session=abc; Path=/; HttpOnly', 'rollout-lab-pod=stable-1; Path=/']);
    jar.store('rl_session=def; Path=/');
    expect(jar.header()).toBe('rl_session=def; rollout-lab-pod=stable-1');
  });
});

describe('findK6', () => {
  it('refuses an explicit binary that does not exist', () => {
    expect(() => findK6('/no/such/k6')).toThrow(/not executable/);
  });
});
