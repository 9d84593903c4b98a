/**
 * Login sessions, in the replica's memory only: a session lives on the pod that created
 * it and is gone when that pod is. A request carrying a session cookie this pod does not
 * know gets 401 (the user must log in again), which is how a lost session shows up.
 */
import { randomUUID } from 'node:crypto';

export const SESSION_COOKIE = 'rl_session';

/** Sessions kept at most; the oldest is forgotten first (a bound on memory under load). */
export const MAX_SESSIONS = 100_000;

export class SessionStore {
  /** Session id → user, in creation order. */
  private readonly sessions = new Map<string, string>();

  get size(): number {
    return this.sessions.size;
  }

  /** A new session for `user`; returns its id. */
  create(user: string): string {
    const id = randomUUID();
    this.sessions.set(id, user);
    if (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    return id;
  }

  /** The session's user, or undefined when this pod does not know the id. */
  user(id: string): string | undefined {
    return this.sessions.get(id);
  }
}

/** The session id in a Cookie header, if any. */
export function sessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie value for a new session. */
export function setSessionCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
}
