import { count, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { firstRow } from '../query.js';
import type { Db } from '../types.js';

/** How many rows of a table match the condition (0 when none do); `db` is the handle of this call (Access.db()). */
export async function countRows(db: Db, table: SQLiteTable, where: SQL | undefined): Promise<number> {
  // count() reads PostgreSQL's bigint count as a number.
  const row = await firstRow(db.select({ n: count() }).from(table).where(where));
  return Number(row?.n ?? 0);
}
