/**
 * Before an upgrade changes the schema, keep a copy of the database as it was: if a migration goes
 * wrong, or the new version has to be rolled back, the old file is one copy away. Only when there
 * are migrations to apply to a database that already has data; the last few are kept.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { backupDatabase, openReadOnly } from './backup.js';
import { migrationState, readJournal, type MigrationEntry } from './migrationState.js';

/** How many automatic pre-migration backups are kept beside the database. */
export const UPGRADE_BACKUPS_KEPT = 5;

export interface UpgradeBackup {
  path: string;
  from: string;
  to: string;
  pending: number;
  /** Older automatic backups deleted to keep the last few. */
  pruned: string[];
}

/** The folder beside the database that holds automatic backups. */
export const backupsFolderOf = (databasePath: string): string => join(dirname(resolve(databasePath)), 'backups');

const databaseName = (databasePath: string): string => basename(databasePath, extname(databasePath));

/** 2026-11-30T22:25:09.123Z -> 20261130T222509Z: sorts by time, safe in every file system. */
export const compactTimestamp = (at: Date): string =>
  at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

/** Automatic backups of this database, oldest first. */
function upgradeBackupsOf(folder: string, name: string): string[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}-\\d{8}T\\d{6}Z-from-.+-to-.+\\.sqlite$`);
  return readdirSync(folder)
    .filter((file) => pattern.test(file))
    .sort();
}

/**
 * Backs up databasePath into backups/ when this version has migrations to apply to it, then keeps
 * the newest `keep`. Returns null when there is nothing to do (new database, nothing pending).
 * Call it before the database is opened for writing, holding the instance lock.
 */
export async function backupBeforeMigrations(
  databasePath: string,
  { now = new Date(), keep = UPGRADE_BACKUPS_KEPT, journal = readJournal() }: { now?: Date; keep?: number; journal?: MigrationEntry[] } = {},
): Promise<UpgradeBackup | null> {
  if (databasePath === ':memory:' || !existsSync(databasePath)) return null;
  const sqlite = openReadOnly(databasePath);
  let state;
  try {
    state = migrationState(sqlite, journal);
  } finally {
    sqlite.close();
  }
  const to = state.pending.at(-1);
  if (!state.applied || !to) return null;
  const folder = backupsFolderOf(databasePath);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const name = databaseName(databasePath);
  const target = join(folder, `${name}-${compactTimestamp(now)}-from-${state.applied.tag}-to-${to.tag}.sqlite`);
  await backupDatabase(databasePath, target);
  const backups = upgradeBackupsOf(folder, name);
  const pruned = backups.slice(0, Math.max(0, backups.length - keep)).map((file) => join(folder, file));
  for (const file of pruned) rmSync(file, { force: true });
  return { path: target, from: state.applied.tag, to: to.tag, pending: state.pending.length, pruned };
}
