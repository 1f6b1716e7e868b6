import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema.js';

/** The database as repositories see it: the drizzle handle (transactions run on the same connection). */
export type Db = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;
