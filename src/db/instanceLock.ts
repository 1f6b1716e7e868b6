/**
 * One writer per SQLite file. Two processes on one database would both run every schedule and both
 * drain the outbox, so the second one must refuse to start.
 *
 * The lock is SQLite's own file lock on a small companion database (`<database>.lock`): the holder
 * keeps a write transaction open on it (a RESERVED lock, an fcntl lock underneath), which the
 * kernel drops when the process dies, however it dies. So a crashed process never leaves a stale
 * lock behind, unlike a pid file (a recycled pid, or a pid from another host sharing the volume,
 * would look alive or dead by accident). A RESERVED lock still lets others read, so a refused
 * process can read who holds it. The database itself is never locked this way: readers such as
 * `npm run backup` and the checkpoint worker work as before.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** Exit status of a process refused because another one uses its database (EX_TEMPFAIL). */
export const EXIT_DATABASE_IN_USE = 75;

export interface LockOwner {
  pid: number;
  host: string;
  /** When the owner took the lock (epoch ms). */
  since: number;
}

export interface InstanceLock {
  readonly path: string;
  release(): void;
}

export class DatabaseInUseError extends Error {
  constructor(
    readonly databasePath: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner
      ? `another Rituals process (pid ${owner.pid}, host ${owner.host}, since ${new Date(owner.since).toISOString()})`
      : 'another Rituals process';
    super(
      `${who} is using ${databasePath}; stop it first. Rituals runs one process per SQLite file ` +
        '(to run several instances, put them on one PostgreSQL database with DATABASE_URL; see "Several instances" in README.md).',
    );
    this.name = 'DatabaseInUseError';
  }
}

/** The companion file that carries the lock of a database. */
export const lockPathOf = (databasePath: string): string => `${resolve(databasePath)}.lock`;

// Long enough to ride out a starting process writing its owner row, short enough to refuse quickly.
const LOCK_WAIT_MS = 1_000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function readOwner(lock: Database.Database): LockOwner | null {
  try {
    const row = lock.prepare('SELECT pid, host, since FROM owner LIMIT 1').get() as LockOwner | undefined;
    return row ?? null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock of databasePath for this process, or throws DatabaseInUseError naming the holder.
 * Keep the returned handle for the life of the process; release() when the database is closed.
 */
export function acquireInstanceLock(databasePath: string, { now = Date.now }: { now?: () => number } = {}): InstanceLock {
  const path = lockPathOf(databasePath);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const lock = new Database(path);
  try {
    lock.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    lock.exec('BEGIN IMMEDIATE');
    lock.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL, host TEXT NOT NULL, since INTEGER NOT NULL)');
    lock.exec('DELETE FROM owner');
    lock.prepare('INSERT INTO owner (pid, host, since) VALUES (?, ?, ?)').run(process.pid, hostname(), now());
    // The owner row must be committed for others to read it; the lock is taken again at once. A
    // process that slips in between holds it then, and this one is refused below: still one writer.
    lock.exec('COMMIT');
    lock.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (!isBusy(error)) {
      lock.close();
      throw error;
    }
    if (lock.inTransaction) lock.exec('ROLLBACK');
    const owner = readOwner(lock);
    lock.close();
    throw new DatabaseInUseError(resolve(databasePath), owner);
  }
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      // The file stays: deleting it while another process opens it would let two processes lock two files.
      if (lock.inTransaction) lock.exec('ROLLBACK');
      lock.close();
    },
  };
}
