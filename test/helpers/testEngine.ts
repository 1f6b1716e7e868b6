/**
 * Which engine this test run uses. `DATABASE_URL=postgres://... npm test` runs the whole suite on
 * PostgreSQL: vitest.config.ts moves the URL to RITUALS_TEST_PG_SERVER (so no test or child process
 * inherits it by accident), and every app or harness gets an empty migrated schema of its own on
 * that server. Without it, SQLite as always.
 */
import pg from 'pg';
import { openPostgresStorage, type PostgresStorage } from '../../src/db/engine/postgres.js';
import { openSqliteStorage, type SqliteStorage } from '../../src/db/engine/sqlite.js';
import type { Storage } from '../../src/db/engine/storage.js';
import type { Access } from '../../src/db/types.js';
import { createPgTestSchema, type PgTestSchema } from './pgDatabase.js';

export const testPgServer = (): string | undefined => process.env.RITUALS_TEST_PG_SERVER || undefined;
export const onPostgres = (): boolean => testPgServer() !== undefined;

/** A fresh schema on the test server (PostgreSQL runs only). */
export async function freshPgSchema(): Promise<PgTestSchema> {
  const server = testPgServer();
  if (!server) throw new Error('not a PostgreSQL test run');
  return createPgTestSchema(server);
}

/**
 * A migrated schema, empty, for one app: taken from this worker's pool and emptied (TRUNCATE ...
 * RESTART IDENTITY, ids from 1 again) or, when the pool is dry, created. Giving it back returns it to
 * the pool instead of dropping it: an app start then costs a truncate, not a schema's whole
 * migration (the global teardown drops the run's schemas). Tests about migrations take freshPgSchema().
 */
const idleSchemas: PgTestSchema[] = [];

export async function leasePgSchema(): Promise<PgTestSchema & { giveBack(): void }> {
  const reused = idleSchemas.pop();
  const schema = reused ?? (await freshPgSchema());
  if (reused) await emptySchema(schema);
  let returned = false;
  return {
    ...schema,
    giveBack() {
      if (!returned) idleSchemas.push(schema);
      returned = true;
    },
  };
}

async function emptySchema(schema: PgTestSchema): Promise<void> {
  const client = new pg.Client({ connectionString: schema.url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '__drizzle_migrations'`,
    );
    if (tables.rows.length > 0) await client.query(`TRUNCATE ${tables.rows.map((row) => `"${row.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
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

export interface TestAccess {
  access: Access;
  /** Closes the connection and drops what it created. */
  close(): Promise<void>;
}

/**
 * An Access over an empty, migrated database of this run's engine, outside any transaction: for a
 * test that builds one repository with options of its own (createXRepository(access, options)).
 */
export async function openTestAccess(): Promise<TestAccess> {
  const test = await openTestStorage();
  return { access: (test.storage as SqliteStorage | PostgresStorage).access, close: () => test.close() };
}
