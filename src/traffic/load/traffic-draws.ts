/**
 * The per-arrival draws of the client mix, in the simulator's terms: the route (by the
 * routes' shares), the extra header a share of requests carries (at most one, by the
 * headers' shares, as the simulated router counts them), and an anonymous client's
 * address.
 */
import type { RouteModel, TrafficModel } from '../../scenario/model.js';
import type { Rng } from '../../stats/rng.js';

export class TrafficDraws {
  private readonly routeCdf: Float64Array;
  private readonly headerCdf: Float64Array;

  constructor(
    private readonly routes: readonly RouteModel[],
    private readonly headers: TrafficModel['headers'],
    private readonly rng: Rng,
  ) {
    if (routes.length === 0) throw new Error('the load generator needs at least one route');
    this.routeCdf = cumulative(
      routes.map((r) => r.share),
      true,
    );
    this.headerCdf = cumulative(
      headers.map((h) => h.share),
      false,
    );
  }

  route(): RouteModel {
    const u = this.rng.next();
    const cdf = this.routeCdf;
    let i = 0;
    while (i < cdf.length - 1 && u >= cdf[i]) i++;
    return this.routes[i];
  }

  /** The header this request carries, if any. */
  header(): { readonly name: string; readonly value: string } | undefined {
    if (this.headers.length === 0) return undefined;
    const u = this.rng.next();
    for (let i = 0; i < this.headerCdf.length; i++) if (u < this.headerCdf[i]) return this.headers[i];
    return undefined;
  }

  /** A random address in 172.16.0.0/12 for a client that is nobody in particular. */
  anonymousAddress(): string {
    const x = Math.floor(this.rng.next() * 0x100000);
    return `172.${16 + (x >> 16)}.${(x >> 8) & 255}.${x & 255}`;
  }
}

function cumulative(shares: readonly number[], normalize: boolean): Float64Array {
  const out = new Float64Array(shares.length);
  let acc = 0;
  shares.forEach((s, i) => {
    acc += s;
    out[i] = acc;
  });
  if (normalize && out.length > 0) {
    const total = out[out.length - 1];
    for (let i = 0; i < out.length; i++) out[i] = total > 0 ? out[i] / total : (i + 1) / out.length;
    out[out.length - 1] = 1;
  }
  return out;
}
