/**
 * Login sessions. In the replica's memory (MemorySessionStore): a session lives on the pod
 * that created it and is gone when that pod is; a request carrying a session cookie this
 * pod does not know gets 401 (the user must log in again), which is how a lost session
 * shows up — so such a service needs session affinity. In the shared database
 * (SharedSessionStore): every replica knows every session, nothing is lost with a pod. The
 * simulator makes the same assumption: sessions are in memory when the router pins users
 * (affinity), shared otherwise.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from './db.js';

export interface SessionStore {
  /** A new session for `user`; returns its id. */
  create(user: string): string;
  /** The session's user, or undefined when the store does not know the id. */
  user(id: string): string | undefined;
}

export const SESSION_COOKIE = 'rl_session';

/** Sessions kept at most; the oldest is forgotten first (a bound on memory under load). */
export const MAX_SESSIONS = 100_000;

export class MemorySessionStore implements SessionStore {
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

/** Sessions in a table of the shared database, read and written outside the pool. */
export class SharedSessionStore implements SessionStore {
  private readonly insert;
  private readonly select;

  constructor(db: Connection) {
    db.exec('CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, user TEXT NOT NULL)');
    this.insert = db.prepare('INSERT INTO sessions (id, user) VALUES (?, ?)');
    this.select = db.prepare('SELECT user FROM sessions WHERE id = ?');
  }

  create(user: string): string {
    const id = randomUUID();
    this.insert.run(id, user);
    return id;
  }

  user(id: string): string | undefined {
    const row = this.select.get(id) as { user: string } | undefined;
    return row?.user;
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
