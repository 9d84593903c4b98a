import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connection, openConnection } from './db.js';
import { migrate, revertMigration, SEED_ORDERS, schemaVersion } from './migrations.js';
import { insertOrder, readOrder } from './order-queries.js';

const dirs: string[] = [];
const open: Connection[] = [];

/** Two connections to one fresh database file, as two replicas would have. */
function twoReplicas(): [Connection, Connection] {
  const dir = mkdtempSync(join(tmpdir(), 'rollout-lab-migrations-'));
  dirs.push(dir);
  const a = openConnection(join(dir, 'orders.sqlite'));
  const b = openConnection(join(dir, 'orders.sqlite'));
  open.push(a, b);
  return [a, b];
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const NEW = { customer: 'c-1', item: 'sku-9', quantity: 2 };

describe('migrations', () => {
  it('creates and seeds the orders table once, in WAL mode', () => {
    const [v1, other] = twoReplicas();
    expect(migrate(v1, { skuChange: null })).toEqual({ applied: ['create-orders'], version: 1 });
    expect(migrate(other, { skuChange: null })).toEqual({ applied: [], version: 1 });
    expect(v1.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(readOrder(other, 'item', SEED_ORDERS)).toMatchObject({ id: SEED_ORDERS, status: 'placed' });
    expect(readOrder(other, 'item', SEED_ORDERS + 1)).toBeUndefined();
  });

  for (const change of ['rename-item-to-sku', 'drop-item-for-sku'] as const) {
    it(`${change}: breaks v1's queries on the other connection; the down migration mends them`, () => {
      const [v1, v2] = twoReplicas();
      migrate(v1, { skuChange: null });
      const before = readOrder(v1, 'item', 7);
      expect(migrate(v2, { skuChange: change })).toEqual({ applied: [change], version: 2 });
      expect(() => readOrder(v1, 'item', 7)).toThrow(/no such column: item/);
      expect(() => insertOrder(v1, 'item', NEW)).toThrow(/item/);
      expect(readOrder(v2, 'sku', 7)).toEqual(before);
      const created = insertOrder(v2, 'sku', NEW);

      expect(revertMigration(v1)).toEqual({ reverted: change, version: 1 });
      expect(readOrder(v1, 'item', created.id)).toEqual(created);
      expect(() => readOrder(v2, 'sku', 7)).toThrow(/no such column: sku/);
      expect(revertMigration(v1)).toEqual({ reverted: null, version: 1 });
    });
  }

  it('expand/contract keeps both versions working, reading each other’s writes', () => {
    const [v1, v2] = twoReplicas();
    migrate(v1, { skuChange: null });
    migrate(v2, { skuChange: 'expand-add-sku' });
    expect(schemaVersion(v1)).toBe(2);
    const byV1 = insertOrder(v1, 'item', NEW);
    const byV2 = insertOrder(v2, 'sku-with-item', { ...NEW, item: 'sku-10' });
    expect(readOrder(v2, 'sku-with-item', byV1.id)).toEqual(byV1);
    expect(readOrder(v1, 'item', byV2.id)).toEqual(byV2);
    expect(readOrder(v1, 'item', 3)).toEqual(readOrder(v2, 'sku-with-item', 3));
    expect(revertMigration(v2)).toEqual({ reverted: 'expand-add-sku', version: 1 });
    expect(readOrder(v1, 'item', byV2.id)).toEqual(byV2);
  });

  it('applies v2’s change once when several v2 replicas start', () => {
    const [a, b] = twoReplicas();
    const results = [a, b].map((db) => migrate(db, { skuChange: 'rename-item-to-sku' }));
    expect(results.flatMap((r) => r.applied)).toEqual(['create-orders', 'rename-item-to-sku']);
  });
});
