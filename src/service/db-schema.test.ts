import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { FaultModel } from '../scenario/model.js';
import { request, toArgs, useServiceFixture, withDeadline } from './test-support/service-process.js';

const fx = useServiceFixture();

function dbFault(change: 'renameColumn' | 'dropColumn', expandContract: boolean): FaultModel {
  return { type: 'dbSchemaMismatch', change, expandContract, revertOnAbort: true, revertDurationMs: 30_000 };
}

/** A v1 stable replica and a v2 canary replica on one database; v2 starts second. */
async function stableThenCanary(fault: FaultModel) {
  const db = fx.dbPath();
  const v1 = await fx.start({ version: 'stable', release: 'v1', pod: 'stable-1', db, fault });
  expect((await request(v1.port, 'GET', '/orders/1')).status).toBe(200);
  const v2 = await fx.start({ version: 'canary', release: 'v2', pod: 'canary-1', db, fault });
  return { db, v1: v1.port, v2: v2.port };
}

describe('the database schema change, on a real shared SQLite file', () => {
  it('renameColumn: v2’s migration breaks v1 (500); reverting it mends v1 and breaks v2', async () => {
    const { v1, v2 } = await stableThenCanary(dbFault('renameColumn', false));
    const read = await request(v1, 'GET', '/orders/1');
    expect(read.status).toBe(500);
    expect(read.json()).toMatchObject({ error: 'database error', detail: 'no such column: item' });
    expect((await request(v1, 'POST', '/orders')).status).toBe(500);
    expect((await request(v1, 'POST', '/login')).status).toBe(200);
    expect((await request(v2, 'GET', '/orders/1')).status).toBe(200);
    expect((await request(v2, 'POST', '/orders')).status).toBe(200);
    expect((await request(v1, 'GET', '/version')).json()).toMatchObject({ schemaVersion: 2 });

    const revert = await request(v1, 'POST', '/admin/revert-migration');
    expect(revert.json()).toEqual({ reverted: 'rename-item-to-sku', schemaVersion: 1 });
    expect((await request(v1, 'GET', '/orders/1')).status).toBe(200);
    expect((await request(v2, 'GET', '/orders/1')).status).toBe(500);
    expect((await request(v1, 'POST', '/admin/revert-migration')).json()).toEqual({
      reverted: null,
      schemaVersion: 1,
    });

    const metrics = (await request(v1, 'GET', '/metrics')).text;
    expect(metrics).toContain(
      'http_requests_total{version="stable",pod="stable-1",route="get-order",status_code="500"} 1',
    );
  });

  it('expand/contract: both versions keep working and read each other’s orders', async () => {
    const { v1, v2 } = await stableThenCanary(dbFault('renameColumn', true));
    const byV1 = await request(v1, 'POST', '/orders', {
      body: { customer: 'c-1', item: 'sku-a', quantity: 1 },
    });
    const byV2 = await request(v2, 'POST', '/orders', {
      body: { customer: 'c-2', item: 'sku-b', quantity: 2 },
    });
    expect([byV1.status, byV2.status]).toEqual([200, 200]);
    const id1 = (byV1.json() as { id: number }).id;
    const id2 = (byV2.json() as { id: number }).id;
    expect((await request(v2, 'GET', `/orders/${id1}`)).json()).toEqual(byV1.json());
    expect((await request(v1, 'GET', `/orders/${id2}`)).json()).toEqual(byV2.json());
    expect((await request(v1, 'GET', '/version')).json()).toMatchObject({ schemaVersion: 2 });
  });

  it('dropColumn: a v1 replica started after v2 fails; the --revert-migration command mends it', async () => {
    const db = fx.dbPath();
    const fault = dbFault('dropColumn', false);
    const v2 = await fx.start({ version: 'canary', release: 'v2', db, fault });
    const v1 = await fx.start({ version: 'stable', release: 'v1', db, fault });
    expect((await request(v1.port, 'GET', '/orders/5')).status).toBe(500);
    expect((await request(v2.port, 'GET', '/orders/5')).status).toBe(200);

    const command = fx.run(toArgs({ 'revert-migration': true, db }));
    const lines: string[] = [];
    createInterface({ input: command.child.stdout! }).on('line', (line) => lines.push(line));
    expect(await withDeadline(command.exited, 'the revert command')).toEqual({ code: 0, signal: null });
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ reverted: 'drop-item-for-sku', schemaVersion: 1 }]);
    expect((await request(v1.port, 'GET', '/orders/5')).status).toBe(200);
  });
});
