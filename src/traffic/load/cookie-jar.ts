/**
 * A minimal cookie jar for one simulated user: name → value from Set-Cookie headers, sent
 * back on every request. Paths, domains and expiry are ignored: the lab talks to one
 * host, and every cookie it uses is `Path=/`.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Store the cookies of a response's Set-Cookie header(s). */
  store(setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const pair = line.split(';', 1)[0];
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  /** The Cookie header value, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    let out = '';
    for (const [name, value] of this.cookies) out += `${out ? '; ' : ''}${name}=${value}`;
    return out;
  }

  get size(): number {
    return this.cookies.size;
  }
}
