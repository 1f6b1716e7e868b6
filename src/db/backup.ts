/**
 * Online backups with SQLite's backup API. Copying a live WAL database with cp can miss or tear
 * the pages still in the -wal file; the backup API reads one consistent snapshot through SQLite,
 * from its own read-only connection, while the bot keeps writing (WAL readers never block writers).
 */
import { chmodSync, closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { migrationState, readJournal, type MigrationEntry } from './migrationState.js';

/** A problem an operator can fix, with the sentence that says how. */
export class OperatorError extends Error {
  override name = 'OperatorError';
}

export interface BackupResult {
  path: string;
  bytes: number;
  pages: number;
}

// Pages copied per step. The backup API restarts from the first page when another process writes
// between steps, so a busy bot could starve a stepwise copy: take the snapshot in one step.
const ALL_PAGES = 0x7fffffff;

/** Opens an existing database read-only, or explains why it can't. */
export function openReadOnly(path: string): Database.Database {
  if (!existsSync(path)) throw new OperatorError(`There is no database at ${path}.`);
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    sqlite.close();
    throw new OperatorError(`${path} is not a readable SQLite database (${(error as Error).message}).`);
  }
  return sqlite;
}

/** An empty owner-only file, so the copy is never readable by others, even while it is written. */
function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', 0o600));
  chmodSync(path, 0o600);
}

/**
 * Copies the database at sourcePath to targetPath, consistently, while other processes may write
 * to it. The copy is written beside the target and renamed into place when complete, so a failed
 * backup never leaves a partial file under the target's name. Refuses an existing target unless
 * overwrite.
 */
export async function backupDatabase(sourcePath: string, targetPath: string, { overwrite = false }: { overwrite?: boolean } = {}): Promise<BackupResult> {
  const source = resolve(sourcePath);
  const target = resolve(targetPath);
  if (source === target) throw new OperatorError('The backup must go to another file than the database itself.');
  if (!existsSync(dirname(target))) throw new OperatorError(`The folder ${dirname(target)} does not exist.`);
  if (existsSync(target) && !overwrite) throw new OperatorError(`${target} already exists; choose another file, or pass --force to overwrite it.`);
  const sqlite = openReadOnly(source);
  const partial = `${target}.partial-${process.pid}`;
  try {
    createPrivateFile(partial);
    const progress = await sqlite.backup(partial, { progress: () => ALL_PAGES });
    for (const leftover of [`${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(leftover, { force: true });
    renameSync(partial, target);
    return { path: target, bytes: statSync(target).size, pages: progress.totalPages };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    sqlite.close();
  }
}

export interface DatabaseCheck {
  /** The newest migration the database has. */
  migration: MigrationEntry;
  teams: number;
  items: number;
}

/**
 * Checks that path is an intact Rituals database this version can run: SQLite's integrity check
 * passes, it has Rituals' migrations and tables, and none newer than this version knows.
 */
export function checkRitualsDatabase(path: string, journal: MigrationEntry[] = readJournal()): DatabaseCheck {
  const sqlite = openReadOnly(path);
  try {
    const problems = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new OperatorError(`${path} is damaged: SQLite's integrity check says ${problems.slice(0, 5).join('; ')}.`);
    }
    const state = migrationState(sqlite, journal);
    const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    if (!state.applied || !tables.has('teams') || !tables.has('items')) {
      throw new OperatorError(`${path} is a SQLite database, but not a Rituals one (no Rituals migrations or tables in it).`);
    }
    if (state.newerThanCode) {
      throw new OperatorError(`${path} was written by a newer version of Rituals (migration ${state.applied.tag}); upgrade Rituals before restoring it.`);
    }
    const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { migration: state.applied, teams: count('teams'), items: count('items') };
  } finally {
    sqlite.close();
  }
}
