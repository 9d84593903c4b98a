/**
 * The SQL each code path runs against the orders table. v1's queries name the column
 * `item`; v2 with the schema change names `sku` (or, in the expand/contract form, writes
 * both and reads `sku` falling back to `item`). A query against a column another
 * replica's migration removed fails inside SQLite, as it would in production.
 */
import type { Connection } from './db.js';
import type { NewOrder, OrderRecord } from './shapes.js';
import { UNIT_PRICE_CENTS } from './shapes.js';

/** Which column names the code path's queries use. */
export type QueryDialect = 'item' | 'sku' | 'sku-with-item';

interface Sql {
  readonly read: string;
  readonly insert: string;
}

const COLUMNS = 'id, customer, quantity, total_cents AS totalCents, status';

const SQL: Readonly<Record<QueryDialect, Sql>> = {
  item: {
    read: `SELECT ${COLUMNS}, item FROM orders WHERE id = ?`,
    insert:
      'INSERT INTO orders (customer, item, quantity, total_cents, status, created_at) VALUES (@customer, @item, @quantity, @totalCents, @status, @createdAt)',
  },
  sku: {
    read: `SELECT ${COLUMNS}, sku AS item FROM orders WHERE id = ?`,
    insert:
      'INSERT INTO orders (customer, sku, quantity, total_cents, status, created_at) VALUES (@customer, @item, @quantity, @totalCents, @status, @createdAt)',
  },
  'sku-with-item': {
    read: `SELECT ${COLUMNS}, COALESCE(sku, item) AS item FROM orders WHERE id = ?`,
    insert:
      'INSERT INTO orders (customer, item, sku, quantity, total_cents, status, created_at) VALUES (@customer, @item, @item, @quantity, @totalCents, @status, @createdAt)',
  },
};

// Prepared statements per connection. SQLite re-prepares a statement by itself when
// another connection changes the schema, and fails it if a column it names is gone.
const cache = new WeakMap<Connection, Map<string, ReturnType<Connection['prepare']>>>();

function statement(db: Connection, sql: string) {
  let map = cache.get(db);
  if (!map) {
    map = new Map();
    cache.set(db, map);
  }
  let stmt = map.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    map.set(sql, stmt);
  }
  return stmt;
}

/** The order with this id, or undefined. Throws SQLite's error when the schema does not fit. */
export function readOrder(db: Connection, dialect: QueryDialect, id: number): OrderRecord | undefined {
  return statement(db, SQL[dialect].read).get(id) as OrderRecord | undefined;
}

/** Store a new order and return it as stored. */
export function insertOrder(db: Connection, dialect: QueryDialect, order: NewOrder): OrderRecord {
  const totalCents = order.quantity * UNIT_PRICE_CENTS;
  const status = 'placed';
  const result = statement(db, SQL[dialect].insert).run({
    ...order,
    totalCents,
    status,
    createdAt: new Date().toISOString(),
  });
  return { id: Number(result.lastInsertRowid), ...order, totalCents, status };
}
