import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection } from './db.js';
import { MemorySessionStore, SharedSessionStore } from './sessions.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('session stores', () => {
  it('in memory: a session is known only by the replica that created it', () => {
    const a = new MemorySessionStore();
    const b = new MemorySessionStore();
    const id = a.create('ana');
    expect(a.user(id)).toBe('ana');
    expect(b.user(id)).toBeUndefined();
  });

  it('shared: every replica on the database knows every session, and a new replica too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-lab-sessions-'));
    dirs.push(dir);
    const db = join(dir, 'lab.db');
    const [ca, cb] = [openConnection(db), openConnection(db)];
    try {
      const a = new SharedSessionStore(ca);
      const b = new SharedSessionStore(cb);
      const id = a.create('ana');
      expect(b.user(id)).toBe('ana');
      expect(b.user('no-such-session')).toBeUndefined();
      const cc = openConnection(db);
      expect(new SharedSessionStore(cc).user(id)).toBe('ana');
      cc.close();
    } finally {
      ca.close();
      cb.close();
    }
  });
});
