/**
 * Puts a backup in place of the database. Refused while a Rituals process uses the database (its
 * instance lock is taken for the duration), and for a file that is not an intact Rituals database.
 * The database it replaces is kept in backups/ first, so a restore never destroys anything.
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { backupDatabase, checkRitualsDatabase, OperatorError, type DatabaseCheck } from './backup.js';
import { acquireInstanceLock } from './instanceLock.js';
import { backupsFolderOf, compactTimestamp } from './upgradeBackup.js';

export interface RestoreResult extends DatabaseCheck {
  /** Where the database that was replaced now is (null if there was none). */
  previous: string | null;
}

/** SQLite's side files: a stale log beside a different database would be replayed into it. */
const sideFiles = (path: string) => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

export async function restoreDatabase(backupPath: string, databasePath: string, { now = new Date() }: { now?: Date } = {}): Promise<RestoreResult> {
  const source = resolve(backupPath);
  const target = resolve(databasePath);
  if (source === target) throw new OperatorError('The backup and the database are the same file.');
  const check = checkRitualsDatabase(source);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const lock = acquireInstanceLock(target);
  try {
    let previous: string | null = null;
    if (existsSync(target) && statSync(target).size > 0) {
      const folder = backupsFolderOf(target);
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      previous = join(folder, `${basename(target, extname(target))}-${compactTimestamp(now)}-before-restore.sqlite`);
      await backupDatabase(target, previous);
    }
    // Copied through SQLite (not cp) so a backup that still has its own -wal beside it is taken whole.
    const incoming = `${target}.restoring-${process.pid}`;
    await backupDatabase(source, incoming, { overwrite: true });
    for (const file of [target, ...sideFiles(target)]) rmSync(file, { force: true });
    renameSync(incoming, target);
    chmodSync(target, 0o600);
    return { ...check, previous };
  } finally {
    lock.release();
  }
}
