/**
 * Which engine this test run uses. `DATABASE_URL=postgres://... npm test` runs the whole suite on
 * PostgreSQL: vitest.config.ts moves the URL to RITUALS_TEST_PG_SERVER (so no test or child process
 * inherits it by accident), and every app or harness gets a fresh schema of its own on that server,
 * dropped when it stops. Without it, SQLite as always.
 */
import { openPostgresStorage } from '../../src/db/engine/postgres.js';
import { openSqliteStorage } from '../../src/db/engine/sqlite.js';
import type { Storage } from '../../src/db/engine/storage.js';
import { createPgTestSchema, type PgTestSchema } from './pgDatabase.js';

export const testPgServer = (): string | undefined => process.env.RITUALS_TEST_PG_SERVER || undefined;
export const onPostgres = (): boolean => testPgServer() !== undefined;

/** A fresh schema on the test server (PostgreSQL runs only). */
export async function freshPgSchema(): Promise<PgTestSchema> {
  const server = testPgServer();
  if (!server) throw new Error('not a PostgreSQL test run');
  return createPgTestSchema(server);
}

export interface TestStorage {
  storage: Storage;
  /** Closes the storage and drops what it created. */
  close(): Promise<void>;
}

/** An empty, migrated database of this run's engine (SQLite in memory, or a fresh PostgreSQL schema). */
export async function openTestStorage(): Promise<TestStorage> {
  if (!onPostgres()) {
    const storage = openSqliteStorage(':memory:');
    return { storage, close: () => storage.close() };
  }
  const schema = await freshPgSchema();
  try {
    const storage = await openPostgresStorage(schema.url, { poolSize: 4 });
    return {
      storage,
      async close() {
        await storage.close();
        await schema.drop();
      },
    };
  } catch (error) {
    await schema.drop();
    throw error;
  }
}
