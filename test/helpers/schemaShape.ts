/**
 * A dialect-neutral description of a drizzle schema (tables, columns, not-null flags, defaults,
 * primary keys, indexes, foreign keys), so the SQLite and PostgreSQL schemas can be compared, and the
 * list of their differences in words a reader can act on.
 */
import { getTableName, is, SQL } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';

export interface IndexShape {
  unique: boolean;
  /** Column names, or 'an expression'. */
  on: string[];
  partial: boolean;
}

export interface TableShape {
  /** Column name -> whether it is NOT NULL and its default. */
  columns: Record<string, { notNull: boolean; default: string }>;
  primaryKey: string[];
  indexes: Record<string, IndexShape>;
  /** "(team_id) -> teams(id)" -> its ON DELETE action. */
  foreignKeys: Record<string, string>;
}

export type SchemaShape = Record<string, TableShape>;

/** What getTableConfig says of a table in either dialect, reduced to what both have. */
interface CommonTableConfig {
  name: string;
  columns: { name: string; notNull: boolean; primary: boolean; default?: unknown }[];
  primaryKeys: { columns: { name: string }[] }[];
  indexes: { config: { name?: string; unique: boolean; columns: unknown[]; where?: unknown } }[];
  foreignKeys: { reference(): { columns: { name: string }[]; foreignTable: unknown; foreignColumns: { name: string }[] }; onDelete: string | undefined }[];
}

const describeDefault = (value: unknown) => (value === undefined ? 'none' : is(value, SQL) ? 'an expression' : JSON.stringify(value));
const indexedName = (column: unknown) =>
  typeof column === 'object' && column !== null && 'name' in column && typeof column.name === 'string' ? column.name : 'an expression';
const names = (columns: readonly { name: string }[]) => columns.map((column) => column.name).join(', ');

function shapeOf(config: CommonTableConfig): TableShape {
  return {
    columns: Object.fromEntries(config.columns.map((column) => [column.name, { notNull: column.notNull, default: describeDefault(column.default) }])),
    primaryKey: [
      ...config.columns.filter((column) => column.primary).map((column) => column.name),
      ...config.primaryKeys.flatMap((key) => key.columns.map((column) => column.name)),
    ],
    indexes: Object.fromEntries(
      config.indexes.map(({ config: index }) => [
        index.name ?? '(unnamed)',
        { unique: index.unique, on: index.columns.map(indexedName), partial: index.where !== undefined },
      ]),
    ),
    foreignKeys: Object.fromEntries(
      config.foreignKeys.map((key) => {
        const { columns, foreignTable, foreignColumns } = key.reference();
        return [`(${names(columns)}) -> ${getTableName(foreignTable as PgTable)}(${names(foreignColumns)})`, key.onDelete ?? 'no action'];
      }),
    ),
  };
}

/** The shape of every SQLite table among a module's exports. */
export function sqliteSchemaShape(module: Record<string, unknown>): SchemaShape {
  const tables = Object.values(module).filter((value): value is SQLiteTable => is(value, SQLiteTable));
  return Object.fromEntries(tables.map((table) => [getTableName(table), shapeOf(getSqliteTableConfig(table))]));
}

/** The shape of every PostgreSQL table among a module's exports. */
export function pgSchemaShape(module: Record<string, unknown>): SchemaShape {
  const tables = Object.values(module).filter((value): value is PgTable => is(value, PgTable));
  return Object.fromEntries(tables.map((table) => [getTableName(table), shapeOf(getPgTableConfig(table))]));
}

/** Each thing a schema says, as "subject" -> "what it is", so two schemas compare fact by fact. */
function factsOf(shape: SchemaShape): Map<string, string> {
  const facts = new Map<string, string>();
  for (const [table, { columns, primaryKey, indexes, foreignKeys }] of Object.entries(shape)) {
    facts.set(`table ${table}`, 'present');
    for (const [column, { notNull, default: value }] of Object.entries(columns)) {
      facts.set(`column ${table}.${column}`, `${notNull ? 'not null' : 'nullable'}, default ${value}`);
    }
    facts.set(`primary key of ${table}`, `(${primaryKey.join(', ')})`);
    for (const [name, index] of Object.entries(indexes)) {
      facts.set(`index ${name}`, `${index.unique ? 'unique ' : ''}on ${table}(${index.on.join(', ')})${index.partial ? ' where ...' : ''}`);
    }
    for (const [key, onDelete] of Object.entries(foreignKeys)) facts.set(`foreign key ${table}${key}`, `on delete ${onDelete}`);
  }
  return facts;
}

/** Every fact one schema states and the other lacks or states otherwise, e.g. "column items.title: only in sqlite". */
export function schemaDifferences(left: { dialect: string; shape: SchemaShape }, right: { dialect: string; shape: SchemaShape }): string[] {
  const leftFacts = factsOf(left.shape);
  const rightFacts = factsOf(right.shape);
  const subjects = [...new Set([...leftFacts.keys(), ...rightFacts.keys()])].sort();
  return subjects.flatMap((subject) => {
    const inLeft = leftFacts.get(subject);
    const inRight = rightFacts.get(subject);
    if (inRight === undefined) return [`${subject}: only in ${left.dialect}`];
    if (inLeft === undefined) return [`${subject}: only in ${right.dialect}`];
    return inLeft === inRight ? [] : [`${subject}: ${inLeft} in ${left.dialect}, ${inRight} in ${right.dialect}`];
  });
}
