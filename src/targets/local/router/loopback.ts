/**
 * The local backend's safety rule: every server binds, and every client targets, the
 * loopback interface only. A chaos tool must never hit what it was not pointed at, so
 * anything else is refused with an error, before a socket is opened.
 *
 * Accepted: literal loopback addresses, 127.0.0.0/8 and ::1 (bracketed or not). Host
 * names, even `localhost`, are refused: a name can resolve elsewhere.
 */

/** Whether `host` is a literal loopback address. */
export function isLoopbackHost(host: string): boolean {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m?.slice(1).every((part) => Number(part) <= 255) === true;
}

/** Throws unless `host` is a literal loopback address; `what` names it in the message. */
export function assertLoopbackHost(host: string, what: string): void {
  if (!isLoopbackHost(host)) {
    throw new Error(
      `${what} ${JSON.stringify(host)} is not a loopback address: the local backend only binds and ` +
        'connects to 127.0.0.1 (or another 127.x.y.z, or ::1)',
    );
  }
}

/**
 * Parses `url` and throws unless it is http:// on a literal loopback address; returns the
 * parsed URL.
 */
export function assertLoopbackUrl(url: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} ${JSON.stringify(url)} is not a URL; expected e.g. http://127.0.0.1:8080`);
  }
  if (parsed.protocol !== 'http:') {
    throw new Error(`${what} ${JSON.stringify(url)} must use http:// (got ${parsed.protocol})`);
  }
  assertLoopbackHost(parsed.hostname, `${what} ${JSON.stringify(url)}: host`);
  return parsed;
}
