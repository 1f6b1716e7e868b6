/**
 * Single-row INSERTs prepared once. drizzle compiles the SQL of an insert on every call, and the
 * text depends on which columns the row gives; a prepared insert has one placeholder per column
 * instead, and `rowValues` fills a column the row leaves out as drizzle would (its default, its
 * $defaultFn, or null).
 */
import { getTableColumns, sql, type Placeholder } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

type InsertPlaceholders<T extends SQLiteTable> = { [K in keyof T['$inferInsert']]-?: Placeholder<K & string> };

/** One placeholder per column of `table`, named after the column's key: `db.insert(table).values(...)`. */
export function insertPlaceholders<T extends SQLiteTable>(table: T): InsertPlaceholders<T> {
  const keys = Object.keys(getTableColumns(table));
  return Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])) as InsertPlaceholders<T>;
}

/** The placeholder values of one row: what the row gives, else what drizzle would insert for a missing value. */
export function rowValues<T extends SQLiteTable>(table: T, row: Partial<T['$inferInsert']>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const given = row as Record<string, unknown>;
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    values[key] = given[key] !== undefined ? given[key] : defaultOf(key, column);
  }
  return values;
}

function defaultOf(key: string, column: ReturnType<typeof getTableColumns>[string]): unknown {
  if (column.default !== undefined && column.default !== null) {
    // An SQL expression as default cannot be bound as a value; none of our tables has one.
    if (typeof column.default === 'object' && !(column.default instanceof Date)) throw new Error(`column ${key}: SQL defaults are not supported`);
    return column.default;
  }
  if (column.defaultFn) return column.defaultFn();
  if (column.onUpdateFn) return column.onUpdateFn();
  return null;
}
