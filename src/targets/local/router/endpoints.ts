/**
 * The pods behind the router, per role, as the router's informer sees them: which are
 * serving (ready and not terminating), and how many requests each has in flight, so
 * that a draining pod can be watched until it is idle.
 */
import { ROLES, type Role } from '../../target.js';
import { assertLoopbackUrl } from './loopback.js';
import type { Endpoint } from './types.js';

/** A pod as the router uses it. */
export interface Upstream {
  readonly name: string;
  readonly role: Role;
  readonly url: URL;
  readonly serving: boolean;
}

export class EndpointTable {
  private readonly byRole: Record<Role, Upstream[]> = { stable: [], canary: [] };
  private readonly servingByRole: Record<Role, Upstream[]> = { stable: [], canary: [] };
  private readonly byName = new Map<string, Upstream>();
  private readonly inFlight = new Map<string, number>();
  private readonly idleWaiters = new Map<string, (() => void)[]>();

  /** Replace a role's endpoints. Throws (changing nothing) on a non-loopback URL or a duplicate name. */
  set(role: Role, endpoints: readonly Endpoint[]): void {
    const other = role === 'stable' ? 'canary' : 'stable';
    const seen = new Set<string>();
    const next: Upstream[] = endpoints.map((e) => {
      const url = assertLoopbackUrl(e.url, `endpoint ${e.name}: url`);
      if (seen.has(e.name) || this.byRole[other].some((u) => u.name === e.name)) {
        throw new Error(`endpoint name ${JSON.stringify(e.name)} is used twice; pod names must be unique`);
      }
      seen.add(e.name);
      return { name: e.name, role, url, serving: e.ready && e.terminating !== true };
    });
    for (const old of this.byRole[role]) this.byName.delete(old.name);
    this.byRole[role] = next;
    this.servingByRole[role] = next.filter((u) => u.serving);
    for (const u of next) this.byName.set(u.name, u);
  }

  /** Serving pods of a role, in the order given. */
  serving(role: Role): readonly Upstream[] {
    return this.servingByRole[role];
  }

  /** A pod by name, if it is still listed. */
  get(name: string): Upstream | undefined {
    return this.byName.get(name);
  }

  all(): readonly Upstream[] {
    return ROLES.flatMap((r) => this.byRole[r]);
  }

  /** A request to `name` started. */
  begin(name: string): void {
    this.inFlight.set(name, (this.inFlight.get(name) ?? 0) + 1);
  }

  /** A request to `name` ended. */
  end(name: string): void {
    const n = (this.inFlight.get(name) ?? 1) - 1;
    if (n > 0) {
      this.inFlight.set(name, n);
      return;
    }
    this.inFlight.delete(name);
    const waiters = this.idleWaiters.get(name);
    this.idleWaiters.delete(name);
    for (const w of waiters ?? []) w();
  }

  /** Requests in flight to `name` (all pods when omitted). */
  inFlightTo(name?: string): number {
    if (name !== undefined) return this.inFlight.get(name) ?? 0;
    let n = 0;
    for (const v of this.inFlight.values()) n += v;
    return n;
  }

  /** Resolves when `name` has no request in flight (at once if it has none). */
  whenIdle(name: string): Promise<void> {
    if (this.inFlightTo(name) === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.idleWaiters.get(name) ?? [];
      list.push(resolve);
      this.idleWaiters.set(name, list);
    });
  }

  /** Release every waiter (the router is closing). */
  releaseWaiters(): void {
    for (const list of this.idleWaiters.values()) for (const w of list) w();
    this.idleWaiters.clear();
  }
}
