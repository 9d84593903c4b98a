/**
 * One connection to the shared SQLite file. Every replica opens its own handles to the
 * same file; WAL lets readers run beside the one writer, and the busy timeout makes a
 * writer wait for the lock instead of failing at once.
 */
import Database from 'better-sqlite3';

/** How long a statement waits for another process's write lock, ms (blocks the event loop). */
export const BUSY_TIMEOUT_MS = 5000;

export type Connection = Database.Database;

/** Open a connection with the lab's pragmas; creates the file if it does not exist. */
export function openConnection(path: string): Connection {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** True for errors raised by SQLite itself (a missing column, a lock held too long). */
export function isSqliteError(error: unknown): error is Error & { code: string } {
  return error instanceof Database.SqliteError;
}
