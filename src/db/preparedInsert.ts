/**
 * Single-row INSERTs prepared once. drizzle compiles the SQL of an insert on every call, and the
 * text depends on which columns the row gives; a prepared insert has one placeholder per column
 * instead, and `rowValues` fills a column the row leaves out as drizzle would (its default, its
 * $defaultFn, or null). The database-assigned id is left out of both: SQLite would take a bound
 * NULL as "assign one", but PostgreSQL refuses NULL in an identity column.
 * Written against the SQLite table types (the ones repositories see, see types.ts); the columns'
 * defaults are read the same way from PostgreSQL's tables.
 */
import { getTableColumns, sql, type Placeholder } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

type InsertPlaceholders<T extends SQLiteTable> = { [K in keyof T['$inferInsert']]-?: Placeholder<K & string> };
type Column = ReturnType<typeof getTableColumns>[string];

/** SQLite's AUTOINCREMENT primary key or PostgreSQL's identity column: the database numbers the row. */
function assignedByDatabase(column: Column): boolean {
  const { autoIncrement } = column as Column & { autoIncrement?: boolean };
  return column.primary && (autoIncrement === true || column.generatedIdentity !== undefined);
}

/** The columns a prepared insert binds, by key. */
function boundColumns(table: SQLiteTable): [string, Column][] {
  return Object.entries(getTableColumns(table)).filter(([, column]) => !assignedByDatabase(column));
}

/** One placeholder per column of `table`, named after the column's key: `db.insert(table).values(...)`. */
export function insertPlaceholders<T extends SQLiteTable>(table: T): InsertPlaceholders<T> {
  return Object.fromEntries(boundColumns(table).map(([key]) => [key, sql.placeholder(key)])) as InsertPlaceholders<T>;
}

/** The placeholder values of one row: what the row gives, else what drizzle would insert for a missing value. */
export function rowValues<T extends SQLiteTable>(table: T, row: Partial<T['$inferInsert']>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const given = row as Record<string, unknown>;
  for (const [key, column] of boundColumns(table)) {
    values[key] = given[key] !== undefined ? given[key] : defaultOf(key, column);
  }
  return values;
}

function defaultOf(key: string, column: Column): unknown {
  if (column.default !== undefined && column.default !== null) {
    // An SQL expression as default cannot be bound as a value; none of our tables has one.
    if (typeof column.default === 'object' && !(column.default instanceof Date)) throw new Error(`column ${key}: SQL defaults are not supported`);
    return column.default;
  }
  if (column.defaultFn) return column.defaultFn();
  if (column.onUpdateFn) return column.onUpdateFn();
  return null;
}
