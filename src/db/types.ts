import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema.js';

/**
 * The drizzle handle repositories write their queries against. Repositories are written once for
 * both engines: on PostgreSQL the handle and tables are node-postgres drizzle ones with the same
 * names and row types (test/db/schemaParity.test.ts), so a repository uses only what both query
 * builders have and runs every query by awaiting it (never .get/.all/.run, which only SQLite has;
 * test/db/repositoryPortability.test.ts checks).
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** The tables, under the names schema.ts gives them. */
export type Tables = typeof schema;

/** What a repository reaches the database through. */
export interface Access {
  readonly engine: 'sqlite' | 'postgres';
  /** The open transaction's handle inside one (PostgreSQL: its connection), else the database's. */
  db(): Db;
  readonly tables: Tables;
  /** Inside a transaction opened by Storage.transaction. */
  inTransaction(): boolean;
}
