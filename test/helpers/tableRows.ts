/**
 * Every row of a table, read raw through Storage.query (so on either engine), in the shape the
 * repositories give: camelCase field names and booleans as true/false. For assertions on what a
 * feature stored where no repository method lists it.
 */
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Storage } from '../../src/db/engine/storage.js';

/** Rows of `table` ordered by `orderBy` (SQL, default the id): both engines return rows in any order without it. */
export async function tableRows<T extends SQLiteTable>(storage: Storage, table: T, orderBy = 'id'): Promise<T['$inferSelect'][]> {
  const columns = Object.entries(getTableColumns(table));
  const list = columns.map(([key, column]) => `"${column.name}" AS "${key}"`).join(', ');
  const rows = await storage.query<Record<string, unknown>>(`SELECT ${list} FROM "${getTableConfig(table).name}" ORDER BY ${orderBy}`);
  const booleans = columns.filter(([, column]) => column.dataType === 'boolean').map(([key]) => key);
  for (const row of rows) for (const key of booleans) if (row[key] !== null) row[key] = Boolean(row[key]);
  return rows as T['$inferSelect'][];
}
