/**
 * Which tables `npm run migrate-to-postgres` copies, and in what order: every table of the SQLite
 * schema (src/db/schema.ts) paired with its PostgreSQL twin (src/db/pg/schema.ts), parents before the
 * tables whose foreign keys point at them, so each row's parent is already there when it is inserted.
 * Read from the drizzle schemas, so a table added later is copied without touching this code.
 */
import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as pgSchema from '../pg/schema.js';
import * as sqliteSchema from '../schema.js';

export interface CopiedColumn {
  name: string;
  /** SQLite keeps it as 0/1 (drizzle's boolean mode); PostgreSQL as a boolean. */
  boolean: boolean;
}

export interface CopiedTable {
  name: string;
  columns: CopiedColumn[];
}

/**
 * SQLite tables that are SQLite's own machinery, not data: the FTS5 title index and its shadow
 * tables (PostgreSQL has a GIN index instead), drizzle's migration log, the AUTOINCREMENT counters.
 */
export const SQLITE_ONLY_TABLES = /^(items_title_fts(_.*)?|__drizzle_migrations|sqlite_.*)$/;

function tablesOf<T>(schema: Record<string, unknown>, kind: abstract new (...args: never[]) => T): Map<string, T> {
  const tables = new Map<string, T>();
  for (const value of Object.values(schema)) if (is(value, kind as never)) tables.set(getTableName(value as never), value as T);
  return tables;
}

/** Orders tables so that every foreign key's target comes first (a self-reference does not count). */
function parentsFirst(names: string[], parentsOf: (name: string) => string[]): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  let remaining = names;
  while (remaining.length > 0) {
    const ready = remaining.filter((name) => parentsOf(name).every((parent) => parent === name || placed.has(parent)));
    if (ready.length === 0) throw new Error(`the foreign keys of ${remaining.join(', ')} form a cycle: no order copies them`);
    for (const name of ready) {
      ordered.push(name);
      placed.add(name);
    }
    remaining = remaining.filter((name) => !placed.has(name));
  }
  return ordered;
}

/** Every table to copy, parents first, with the columns both schemas declare for it. */
export function tablePlan(): CopiedTable[] {
  const sqliteTables = tablesOf(sqliteSchema, SQLiteTable);
  const pgTables = tablesOf(pgSchema, PgTable);
  for (const name of sqliteTables.keys()) {
    if (!pgTables.has(name)) throw new Error(`table ${name} is in the SQLite schema but not in the PostgreSQL one (src/db/pg/schema.ts)`);
  }
  const configOf = (name: string) => getTableConfig(pgTables.get(name)!);
  const parentsOf = (name: string) =>
    configOf(name)
      .foreignKeys.map((key) => getTableName(key.reference().foreignTable))
      .filter((parent) => sqliteTables.has(parent));
  return parentsFirst([...sqliteTables.keys()], parentsOf).map((name) => {
    const sqliteColumns = new Set(getSqliteTableConfig(sqliteTables.get(name)!).columns.map((column) => column.name));
    const columns = configOf(name).columns.map((column) => {
      if (!sqliteColumns.has(column.name)) throw new Error(`column ${name}.${column.name} is in the PostgreSQL schema but not in the SQLite one`);
      return { name: column.name, boolean: column.columnType === 'PgBoolean' };
    });
    if (columns.length !== sqliteColumns.size) throw new Error(`table ${name} has columns in the SQLite schema that the PostgreSQL one lacks`);
    return { name, columns };
  });
}
