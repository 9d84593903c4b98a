/**
 * Plain JavaScript that goes into every generated k6 script: a seeded random source, the
 * service's order contract (the same checks and bodies as service/shapes.ts, which a
 * test holds them to), and the loopback guard. Kept as source text because k6 runs its
 * own JavaScript runtime, not Node.
 */

/** sfc32 seeded by splitmix32 (the lab's stats/rng.ts), returning a function in [0, 1). */
export const RNG_JS = `function makeRng(seed) {
  let s = seed | 0;
  const mix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix();
  let b = mix();
  let c = mix();
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}`;

/** isOrderV1, isOrderV2, clientCanParse and createOrderBody of service/shapes.ts. */
export const CONTRACT_JS = `function isObject(x) {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isOrderV1(b) {
  return isObject(b) && Number.isInteger(b.id) && typeof b.customer === 'string' && typeof b.item === 'string' &&
    Number.isInteger(b.quantity) && Number.isInteger(b.totalCents) && typeof b.status === 'string';
}
function isOrderV2(b) {
  if (!isObject(b) || !isObject(b.customer) || !isObject(b.total) || !Array.isArray(b.lines)) return false;
  return Number.isInteger(b.id) && typeof b.customer.id === 'string' && b.lines.length > 0 &&
    b.lines.every((l) => isObject(l) && typeof l.sku === 'string' && Number.isInteger(l.quantity)) &&
    Number.isInteger(b.total.amountCents) && typeof b.status === 'string';
}
function clientCanParse(shape, text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return false;
  }
  return shape === 'v1' ? isOrderV1(body) : isOrderV1(body) || isOrderV2(body);
}
function createOrderBody(shape, n) {
  const customer = 'c-' + (n % 97);
  const item = 'sku-' + (n % 50);
  const quantity = 1 + (n % 3);
  return shape === 'v1' ? { customer, item, quantity } : { customer: { id: customer }, lines: [{ sku: item, quantity }] };
}`;

/** Refuses, at k6's init, any target but http://127.x.y.z:PORT or http://[::1]:PORT. */
export const LOOPBACK_JS = `function loopbackTarget(url) {
  const m = /^http:\\/\\/(127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})|\\[::1\\]):\\d{1,5}$/.exec(url || '');
  if (!m || (m[2] !== undefined && [m[2], m[3], m[4]].some((p) => Number(p) > 255))) {
    throw new Error('LAB_TARGET must be http://127.x.y.z:PORT or http://[::1]:PORT (loopback only), got ' + url);
  }
  return url;
}`;

/**
 * Every IPv4 address but 127.0.0.0/8, for k6's `blacklistIPs`: a second guard, in k6
 * itself, against a request leaving the machine.
 */
export const NON_LOOPBACK_IPV4: readonly string[] = [
  '0.0.0.0/2',
  '64.0.0.0/3',
  '96.0.0.0/4',
  '112.0.0.0/5',
  '120.0.0.0/6',
  '124.0.0.0/7',
  '126.0.0.0/8',
  '128.0.0.0/1',
];
