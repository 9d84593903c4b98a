/**
 * The router's own counters, and the bounded log of requests it failed without a
 * response (so that a client can learn which role they were meant for).
 */
import { ROLES, type Role } from '../../target.js';
import type { RoleCounters, RouterStats } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function zeroRole(): Mutable<RoleCounters> {
  return { forwarded: 0, noUpstream: 0, upstreamErrors: 0, delayed: 0, lost: 0, reset: 0 };
}

export class RouterCounters {
  requests = 0;
  mirrored = 0;
  mirrorErrors = 0;
  headerRouted = 0;
  affinityHits = 0;
  pinsSet = 0;
  private readonly roles: Record<Role, Mutable<RoleCounters>> = { stable: zeroRole(), canary: zeroRole() };
  private readonly pods = new Map<string, number>();

  role(role: Role): Mutable<RoleCounters> {
    return this.roles[role];
  }

  /** One more request forwarded to `name`. */
  pod(name: string): void {
    this.pods.set(name, (this.pods.get(name) ?? 0) + 1);
  }

  snapshot(inFlight: number): RouterStats {
    const roles = Object.fromEntries(ROLES.map((r) => [r, { ...this.roles[r] }])) as Record<
      Role,
      RoleCounters
    >;
    return {
      requests: this.requests,
      roles,
      pods: Object.fromEntries(this.pods),
      mirrored: this.mirrored,
      mirrorErrors: this.mirrorErrors,
      headerRouted: this.headerRouted,
      affinityHits: this.affinityHits,
      pinsSet: this.pinsSet,
      inFlight,
    };
  }
}

/** Request id → role, for the most recent `max` requests the router failed silently. */
export class FailedRequestLog {
  private readonly entries = new Map<string, Role>();
  constructor(private readonly max: number) {}

  set(id: string, role: Role): void {
    this.entries.set(id, role);
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get(id: string): Role | undefined {
    return this.entries.get(id);
  }
}
