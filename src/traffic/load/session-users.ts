/**
 * Logged-in users, as the simulator models them (targets/sim/sessions.ts), for real
 * requests: each lives an exponential time (mean `meanLengthMs`), owns a cookie jar (the
 * service's session cookie, the router's affinity cookie) and a client address (for
 * clientIP affinity), and makes requests at random: a session request picks a live user
 * uniformly, which gives each user a Poisson stream at `requestsPerMinute` on average.
 * Births each second keep the population at share·rate / per-user rate.
 */
import type { ClientKind } from '../../journal/journal.js';
import type { SessionModel } from '../../scenario/model.js';
import type { Rng } from '../../stats/rng.js';
import { CookieJar } from './cookie-jar.js';

export interface SessionUser {
  readonly id: number;
  readonly kind: ClientKind;
  /** Time the user leaves, ms since the generator started. */
  readonly endAt: number;
  /** Sent as x-forwarded-for: the user's address for clientIP affinity. */
  readonly address: string;
  readonly jar: CookieJar;
  /** Has a session cookie the service accepted; false: the next request is a login. */
  loggedIn: boolean;
  /** Saw a failure since the release started. */
  affected: boolean;
  /** (1 − baseline error rate)^(requests since the release): for the expected-affected sum. */
  survival: number;
}

export class SessionUsers {
  private readonly live: SessionUser[] = [];
  private seq = 0;
  private readonly perUserRate: number;

  constructor(
    private readonly model: SessionModel,
    private readonly v1Share: number,
    private readonly rng: Rng,
  ) {
    this.perUserRate = model.requestsPerMinute / 60;
  }

  get count(): number {
    return this.live.length;
  }

  /** The steady-state population for the starting rate (requests/s). */
  populate(rps: number): void {
    const n = Math.round((this.model.share * rps) / this.perUserRate);
    for (let i = 0; i < n; i++) this.add(0);
  }

  /** Drop users who left by `now`, then add this second's births for the rate `rps`. */
  startSecond(second: number, rps: number): void {
    const now = second * 1000;
    for (let i = this.live.length - 1; i >= 0; i--) if (this.live[i].endAt <= now) this.remove(i);
    const mean = (this.model.share * rps) / (this.perUserRate * (this.model.meanLengthMs / 1000));
    const births = poisson(this.rng, mean);
    for (let i = 0; i < births; i++) this.add(now + this.rng.next() * 1000);
  }

  /** A live user chosen uniformly at time `now`, or undefined when there is none. */
  pick(now: number): SessionUser | undefined {
    while (this.live.length > 0) {
      const i = Math.floor(this.rng.next() * this.live.length);
      if (this.live[i].endAt > now) return this.live[i];
      this.remove(i);
    }
    return undefined;
  }

  private add(now: number): void {
    const id = this.seq++;
    this.live.push({
      id,
      kind: this.rng.next() < this.v1Share ? 'v1Shape' : 'v2Shape',
      endAt: now - Math.log(1 - this.rng.next()) * this.model.meanLengthMs,
      address: `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}`,
      jar: new CookieJar(),
      loggedIn: false,
      affected: false,
      survival: 1,
    });
  }

  private remove(i: number): void {
    const last = this.live.pop()!;
    if (i < this.live.length) this.live[i] = last;
  }
}

/** A Poisson draw: by inversion for small means, a rounded normal above 500. */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 500) {
    const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = rng.next();
  while (u > cdf && k < 100_000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
