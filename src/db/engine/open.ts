/** Opens the database the settings name: PostgreSQL when DATABASE_URL is set, else SQLite at DATABASE_PATH. */
import { acquireInstanceLock } from '../instanceLock.js';
import { backupBeforeMigrations, backupsFolderOf } from '../upgradeBackup.js';
import { openPostgresStorage } from './postgres.js';
import { openSqliteStorage } from './sqlite.js';
import type { Storage } from './storage.js';

export interface StorageSettings {
  databasePath: string;
  databaseUrl?: string | undefined;
}

export interface StorageEvents {
  info(message: string): void;
  warn(message: string): void;
}

/** An upgrade's SQLite migrations run only after a copy of the database as it was is safe in backups/. */
async function backUpBeforeUpgrade(databasePath: string, events: StorageEvents): Promise<void> {
  let backup;
  try {
    backup = await backupBeforeMigrations(databasePath);
  } catch (error) {
    throw new Error(
      `the database has migrations to apply, and backing it up first into ${backupsFolderOf(databasePath)} failed ` +
        `(${(error as Error).message}); nothing was changed. Free some space there or fix its permissions, then start again.`,
    );
  }
  if (!backup) return;
  events.info(`backed up the database to ${backup.path} before applying ${backup.pending} migration(s) (${backup.from} -> ${backup.to})`);
  for (const old of backup.pruned) events.info(`removed the older automatic backup ${old}`);
}

export async function openStorage(settings: StorageSettings, events: StorageEvents): Promise<Storage> {
  if (settings.databaseUrl) {
    // PostgreSQL: operators back it up their own way (managed snapshots, pg_dump); several instances share it.
    return openPostgresStorage(settings.databaseUrl, { onError: (error) => events.warn(`PostgreSQL connection error: ${error.message}`) });
  }
  const { databasePath } = settings;
  // Before anything else touches the file: a second process on it is refused here (DatabaseInUseError).
  const lock = databasePath === ':memory:' ? null : acquireInstanceLock(databasePath);
  try {
    await backUpBeforeUpgrade(databasePath, events);
    const storage = openSqliteStorage(databasePath, { onWarning: events.warn });
    return {
      ...storage,
      async close() {
        await storage.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
