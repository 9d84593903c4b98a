/**
 * The order API's two contracts. Load generators import the validators and request
 * bodies from here, so the client side of the API schema mismatch checks exactly what
 * the server sends.
 *
 * v1 (flat): `{id, customer, item, quantity, totalCents, status}`.
 * v2 (nested): `{id, customer: {id}, lines: [{sku, quantity}], total: {amountCents, currency}, status}`.
 * A v1-shape client parses only v1; a v2-shape client parses both. Clients declare their
 * kind in the `x-client-shape: v1|v2` header (absent: v1, as old clients do not send it).
 */

export type Shape = 'v1' | 'v2';

export const CLIENT_SHAPE_HEADER = 'x-client-shape';

/** An order as stored, whatever the schema's column names. */
export interface OrderRecord {
  readonly id: number;
  readonly customer: string;
  readonly item: string;
  readonly quantity: number;
  readonly totalCents: number;
  readonly status: string;
}

/** A new order as a client asks for it, before it is stored. */
export type NewOrder = Omit<OrderRecord, 'id' | 'status' | 'totalCents'>;

export interface OrderV1 {
  readonly id: number;
  readonly customer: string;
  readonly item: string;
  readonly quantity: number;
  readonly totalCents: number;
  readonly status: string;
}

export interface OrderV2 {
  readonly id: number;
  readonly customer: { readonly id: string };
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly total: { readonly amountCents: number; readonly currency: string };
  readonly status: string;
}

/** Price of one unit, cents: every item costs the same in the lab. */
export const UNIT_PRICE_CENTS = 999;

export function toV1(order: OrderRecord): OrderV1 {
  return { ...order };
}

export function toV2(order: OrderRecord): OrderV2 {
  return {
    id: order.id,
    customer: { id: order.customer },
    lines: [{ sku: order.item, quantity: order.quantity }],
    total: { amountCents: order.totalCents, currency: 'USD' },
    status: order.status,
  };
}

/** True when `body` is a v1 order: what a v1-shape client can parse. */
export function isOrderV1(body: unknown): body is OrderV1 {
  if (!isObject(body)) return false;
  return (
    Number.isInteger(body.id) &&
    typeof body.customer === 'string' &&
    typeof body.item === 'string' &&
    Number.isInteger(body.quantity) &&
    Number.isInteger(body.totalCents) &&
    typeof body.status === 'string'
  );
}

/** True when `body` is a v2 order. */
export function isOrderV2(body: unknown): body is OrderV2 {
  if (!isObject(body) || !isObject(body.customer) || !isObject(body.total) || !Array.isArray(body.lines)) {
    return false;
  }
  return (
    Number.isInteger(body.id) &&
    typeof body.customer.id === 'string' &&
    body.lines.length > 0 &&
    body.lines.every((l) => isObject(l) && typeof l.sku === 'string' && Number.isInteger(l.quantity)) &&
    Number.isInteger(body.total.amountCents) &&
    typeof body.status === 'string'
  );
}

/** Whether a client of this kind can parse the response body of an order route. */
export function clientCanParse(kind: Shape, body: unknown): boolean {
  return kind === 'v1' ? isOrderV1(body) : isOrderV1(body) || isOrderV2(body);
}

/** The body a client of this kind sends to create an order (n varies the content). */
export function createOrderBody(kind: Shape, n = 0): object {
  const customer = `c-${n % 97}`;
  const item = `sku-${n % 50}`;
  const quantity = 1 + (n % 3);
  return kind === 'v1'
    ? { customer, item, quantity }
    : { customer: { id: customer }, lines: [{ sku: item, quantity }] };
}

export type ParsedOrderRequest =
  | { readonly ok: true; readonly shape: Shape; readonly order: NewOrder }
  | { readonly ok: false; readonly message: string };

/** Recognise a create-order request body of either contract. */
export function parseCreateOrder(body: unknown): ParsedOrderRequest {
  if (!isObject(body)) return { ok: false, message: 'expected a JSON object' };
  if (typeof body.customer === 'string' && typeof body.item === 'string' && positiveInt(body.quantity)) {
    return {
      ok: true,
      shape: 'v1',
      order: { customer: body.customer, item: body.item, quantity: body.quantity },
    };
  }
  const line = Array.isArray(body.lines) && body.lines.length === 1 ? body.lines[0] : undefined;
  if (
    isObject(body.customer) &&
    typeof body.customer.id === 'string' &&
    isObject(line) &&
    typeof line.sku === 'string' &&
    positiveInt(line.quantity)
  ) {
    return {
      ok: true,
      shape: 'v2',
      order: { customer: body.customer.id, item: line.sku, quantity: line.quantity },
    };
  }
  return {
    ok: false,
    message: 'expected {customer, item, quantity} (v1) or {customer: {id}, lines: [{sku, quantity}]} (v2)',
  };
}

/** The client kind a request declares (absent or unknown: v1). */
export function clientShape(header: string | string[] | undefined): Shape {
  return header === 'v2' ? 'v2' : 'v1';
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function positiveInt(x: unknown): x is number {
  return Number.isInteger(x) && (x as number) > 0 && (x as number) <= 1_000_000;
}
