/**
 * Versioned migrations of the shared database, recorded in `schema_migrations`.
 *
 * 1 `create-orders`: the orders table as v1 knows it (the line item in column `item`),
 *   seeded with orders 1…SEED_ORDERS so reads always find one.
 * 2 the v2 release's change of `item` to `sku`, in one of three forms:
 *   - `rename-item-to-sku`: RENAME COLUMN; v1's queries fail (no such column: item);
 *   - `drop-item-for-sku`: add sku, copy, DROP COLUMN item; v1 fails the same way;
 *   - `expand-add-sku`: add sku, copy, keep item (expand/contract); v1 keeps working.
 *   Its down migration (the rollback runbook's data step) is chosen by the recorded name,
 *   so any replica, or the `--revert-migration` command, can run it.
 *
 * Each migration runs in a BEGIN IMMEDIATE transaction: replicas starting at the same
 * moment queue on the write lock, and the second finds the work done.
 */
import type { Connection } from './db.js';

/** Orders created by migration 1: ids 1…SEED_ORDERS exist in every fresh database. */
export const SEED_ORDERS = 1000;

export type SkuChange = 'rename-item-to-sku' | 'drop-item-for-sku' | 'expand-add-sku';

interface Step {
  readonly up: readonly string[];
  readonly down: readonly string[];
}

const CHANGES: Readonly<Record<SkuChange, Step>> = {
  'rename-item-to-sku': {
    up: ['ALTER TABLE orders RENAME COLUMN item TO sku'],
    down: ['ALTER TABLE orders RENAME COLUMN sku TO item'],
  },
  'drop-item-for-sku': {
    up: [
      'ALTER TABLE orders ADD COLUMN sku TEXT',
      'UPDATE orders SET sku = item',
      'ALTER TABLE orders DROP COLUMN item',
    ],
    down: [
      'ALTER TABLE orders ADD COLUMN item TEXT',
      'UPDATE orders SET item = sku',
      'ALTER TABLE orders DROP COLUMN sku',
    ],
  },
  'expand-add-sku': {
    up: ['ALTER TABLE orders ADD COLUMN sku TEXT', 'UPDATE orders SET sku = item'],
    down: ['ALTER TABLE orders DROP COLUMN sku'],
  },
};

/** What a replica's release needs of the schema: the base, and maybe v2's change. */
export interface SchemaTarget {
  readonly skuChange: SkuChange | null;
}

export interface MigrationResult {
  /** Names of the migrations this call applied (empty when another replica had). */
  readonly applied: readonly string[];
  readonly version: number;
}

/** Bring the database up to what the release needs. Idempotent; safe across processes. */
export function migrate(db: Connection, target: SchemaTarget): MigrationResult {
  const applied: string[] = [];
  db.transaction(() => {
    ensureLedger(db);
    if (!appliedName(db, 1)) {
      createOrders(db);
      record(db, 1, 'create-orders');
      applied.push('create-orders');
    }
  }).immediate();
  const change = target.skuChange;
  if (change !== null) {
    db.transaction(() => {
      if (appliedName(db, 2)) return;
      for (const sql of CHANGES[change].up) db.exec(sql);
      record(db, 2, change);
      applied.push(change);
    }).immediate();
  }
  return { applied, version: schemaVersion(db) };
}

export interface RevertResult {
  /** Name of the migration that was reverted, or null when there was none to revert. */
  readonly reverted: string | null;
  readonly version: number;
}

/** Run the down migration of v2's schema change, if it is applied. */
export function revertMigration(db: Connection): RevertResult {
  let reverted: string | null = null;
  db.transaction(() => {
    ensureLedger(db);
    const name = appliedName(db, 2);
    if (!name) return;
    const step = CHANGES[name as SkuChange];
    if (!step) throw new Error(`no down migration for ${name}`);
    for (const sql of step.down) db.exec(sql);
    db.prepare('DELETE FROM schema_migrations WHERE version = 2').run();
    reverted = name;
  }).immediate();
  return { reverted, version: schemaVersion(db) };
}

/** The highest applied migration (0 for an empty database). */
export function schemaVersion(db: Connection): number {
  const ledger = db.prepare(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
  );
  if (!ledger.get()) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function ensureLedger(db: Connection): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
}

function appliedName(db: Connection, version: number): string | undefined {
  const row = db.prepare('SELECT name FROM schema_migrations WHERE version = ?').get(version) as
    | { name: string }
    | undefined;
  return row?.name;
}

function record(db: Connection, version: number, name: string): void {
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
    version,
    name,
    new Date().toISOString(),
  );
}

function createOrders(db: Connection): void {
  db.exec(`CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer TEXT NOT NULL,
    item TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    total_cents INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`);
  const insert = db.prepare(
    'INSERT INTO orders (customer, item, quantity, total_cents, status, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const at = '2024-01-01T00:00:00.000Z';
  for (let i = 1; i <= SEED_ORDERS; i++) {
    const quantity = 1 + (i % 5);
    insert.run(`c-${i % 97}`, `sku-${i % 50}`, quantity, quantity * 999, 'placed', at);
  }
}
