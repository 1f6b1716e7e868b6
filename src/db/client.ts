/** Opens the SQLite database, sets pragmas and applies the drizzle-kit migrations. */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';
import { startCheckpointer } from './checkpointer.js';

export interface DbHandle {
  db: BetterSQLite3Database<typeof schema>;
  sqlite: Database.Database;
  close(): void;
}

/** migrations/ sits at the repository root, two levels above src/db (or dist/src/db). */
export function findMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = resolve(dir, 'migrations');
    if (existsSync(resolve(candidate, 'meta/_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('migrations folder not found');
}

/**
 * Opens (creating with owner-only permissions) and migrates the database at path, or ':memory:'.
 * `onWarning` hears of trouble the database works around (checkpointing moving back in-process).
 * `backgroundCheckpoints: false` leaves checkpointing to SQLite on this connection (bench/checkpointing.ts compares).
 */
export function openDatabase(
  path: string,
  { onWarning, backgroundCheckpoints = true }: { onWarning?: (message: string) => void; backgroundCheckpoints?: boolean } = {},
): DbHandle {
  if (path !== ':memory:') {
    mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: findMigrationsFolder() });
  // Once checkpointed, the log is reused from its start; this trims what a burst left behind.
  sqlite.pragma('journal_size_limit = 67108864');
  const checkpointer = path === ':memory:' || !backgroundCheckpoints ? null : startCheckpointer(sqlite, resolve(path), onWarning ? { onError: onWarning } : {});
  return {
    db,
    sqlite,
    close: () => {
      checkpointer?.stop();
      // The worker may outlive this connection by a moment; fold the log in here so nothing is left.
      try {
        if (checkpointer) sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Best effort: the log is replayed on the next open anyway.
      }
      sqlite.close();
    },
  };
}
