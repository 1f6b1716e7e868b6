/**
 * SQLite and PostgreSQL keep one storage model (issue #14): the same tables, columns, not-null flags,
 * defaults, keys and indexes in both drizzle schemas, and PostgreSQL's migrations build exactly what
 * its schema declares.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { integer as pgInteger, pgTable } from 'drizzle-orm/pg-core';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pgSchema from '../../src/db/pg/schema.js';
import * as sqliteSchema from '../../src/db/schema.js';
import { createPgTestSchema, type PgTestSchema } from '../helpers/pgDatabase.js';
import { type IndexShape, pgSchemaShape, type SchemaShape, schemaDifferences, sqliteSchemaShape } from '../helpers/schemaShape.js';

const PG_MIGRATIONS = fileURLToPath(new URL('../../migrations/pg', import.meta.url));
const MIGRATIONS_TABLE = '__drizzle_migrations';
/** SQLite finds duplicate titles through the FTS5 table of migration 0002, outside its drizzle schema. */
const TITLE_SEARCH_INDEX = 'items_title_search_idx';

/** The PostgreSQL schema less what only PostgreSQL has on purpose. */
function withoutTitleSearch(shape: SchemaShape): SchemaShape {
  const { [TITLE_SEARCH_INDEX]: _search, ...indexes } = shape.items?.indexes ?? {};
  return shape.items ? { ...shape, items: { ...shape.items, indexes } } : shape;
}

describe('the two schemas', () => {
  const sqlite = { dialect: 'sqlite', shape: sqliteSchemaShape(sqliteSchema) };
  const postgres = { dialect: 'postgresql', shape: pgSchemaShape(pgSchema) };

  it('have the same tables, columns, keys and indexes', () => {
    expect(Object.keys(sqlite.shape).length).toBeGreaterThanOrEqual(25);
    expect(schemaDifferences(sqlite, { ...postgres, shape: withoutTitleSearch(postgres.shape) })).toEqual([]);
  });

  it('differ only by the index PostgreSQL searches titles with', () => {
    expect(postgres.shape.items?.indexes[TITLE_SEARCH_INDEX]).toEqual<IndexShape>({ unique: false, on: ['an expression'], partial: false });
    expect(schemaDifferences(sqlite, postgres)).toEqual([`index ${TITLE_SEARCH_INDEX}: only in postgresql`]);
  });
});

describe('the schema comparison', () => {
  const sqliteWidgets = sqliteTable('widgets', { id: integer('id').primaryKey(), name: text('name').notNull() });
  const sqliteGadgets = sqliteTable('gadgets', { id: integer('id').primaryKey() });
  const pgWidgets = pgTable('widgets', { id: pgInteger('id').primaryKey() });

  it('reports a column and a table one side lacks', () => {
    const differences = schemaDifferences(
      { dialect: 'sqlite', shape: sqliteSchemaShape({ sqliteWidgets, sqliteGadgets }) },
      { dialect: 'postgresql', shape: pgSchemaShape({ pgWidgets }) },
    );
    expect(differences).toEqual([
      'column gadgets.id: only in sqlite',
      'column widgets.name: only in sqlite',
      'primary key of gadgets: only in sqlite',
      'table gadgets: only in sqlite',
    ]);
  });

  it('reports a not-null flag that differs', () => {
    const nullableName = pgTable('widgets', { id: pgInteger('id').primaryKey(), name: pgInteger('name') });
    expect(
      schemaDifferences({ dialect: 'sqlite', shape: sqliteSchemaShape({ sqliteWidgets }) }, { dialect: 'postgresql', shape: pgSchemaShape({ nullableName }) }),
    ).toEqual(['column widgets.name: not null, default none in sqlite, nullable, default none in postgresql']);
  });
});

/** What a PostgreSQL schema holds, read from its catalogs, in the shape drizzle's schema is compared in. */
async function databaseShape(client: pg.Client, schema: string): Promise<SchemaShape> {
  const shape: SchemaShape = {};
  const tableOf = (name: string) => {
    shape[name] ??= { columns: {}, primaryKey: [], indexes: {}, foreignKeys: {} };
    return shape[name];
  };
  const tables = await client.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'",
    [schema],
  );
  for (const { table_name } of tables.rows) tableOf(table_name);
  const columns = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
    'select table_name, column_name, is_nullable from information_schema.columns where table_schema = $1',
    [schema],
  );
  for (const column of columns.rows) {
    tableOf(column.table_name).columns[column.column_name] = { notNull: column.is_nullable === 'NO', default: 'not compared' };
  }
  const keys = await client.query<{ table_name: string; column_name: string }>(
    `select k.table_name, k.column_name from information_schema.table_constraints c
       join information_schema.key_column_usage k using (constraint_schema, constraint_name)
      where c.table_schema = $1 and c.constraint_type = 'PRIMARY KEY' order by k.table_name, k.ordinal_position`,
    [schema],
  );
  for (const key of keys.rows) tableOf(key.table_name).primaryKey.push(key.column_name);
  const indexes = await client.query<{ table_name: string; index_name: string; unique: boolean; partial: boolean; columns: (string | null)[] }>(
    `select t.relname as table_name, x.relname as index_name, i.indisunique as unique, i.indpred is not null as partial,
            array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, n)
                    left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.n) as columns
       from pg_index i join pg_class x on x.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = $1 and not i.indisprimary`,
    [schema],
  );
  for (const index of indexes.rows) {
    tableOf(index.table_name).indexes[index.index_name] = {
      unique: index.unique,
      on: index.columns.map((column) => column ?? 'an expression'),
      partial: index.partial,
    };
  }
  return shape;
}

/** Only what the catalogs are compared on: columns and not-null flags, primary keys, indexes. */
function catalogFacts(shape: SchemaShape): SchemaShape {
  return Object.fromEntries(
    Object.entries(shape).map(([name, table]) => [
      name,
      {
        ...table,
        columns: Object.fromEntries(Object.entries(table.columns).map(([column, { notNull }]) => [column, { notNull, default: 'not compared' }])),
        foreignKeys: {},
      },
    ]),
  );
}

describe('the PostgreSQL migrations, applied to a fresh schema', () => {
  let testSchema: PgTestSchema;
  let pool: pg.Pool;
  let client: pg.Client;

  beforeAll(async () => {
    testSchema = await createPgTestSchema();
    pool = new pg.Pool({ connectionString: testSchema.url, max: 2 });
    await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS, migrationsSchema: testSchema.schema, migrationsTable: MIGRATIONS_TABLE });
    client = new pg.Client({ connectionString: testSchema.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await pool?.end();
    await testSchema?.drop();
  });

  it('build exactly the tables, columns, keys and indexes of the drizzle schema', async () => {
    const built = await databaseShape(client, testSchema.schema);
    expect(built[MIGRATIONS_TABLE]).toBeDefined();
    delete built[MIGRATIONS_TABLE];
    const declared = catalogFacts(pgSchemaShape(pgSchema));
    expect(schemaDifferences({ dialect: 'drizzle', shape: declared }, { dialect: 'database', shape: built })).toEqual([]);
  });

  it('name no schema, so the search_path decides where they land (npm run db:generate:pg strips it)', () => {
    const files = readdirSync(PG_MIGRATIONS).filter((file) => file.endsWith('.sql'));
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files.filter((file) => readFileSync(join(PG_MIGRATIONS, file), 'utf8').includes('"public".'))).toEqual([]);
  });

  it('point every foreign key at a table of the same schema', async () => {
    const { rows } = await client.query<{ table_schema: string; count: number }>(
      `select u.table_schema, count(*)::int as count from information_schema.table_constraints c
         join information_schema.constraint_column_usage u using (constraint_schema, constraint_name)
        where c.table_schema = $1 and c.constraint_type = 'FOREIGN KEY' group by u.table_schema`,
      [testSchema.schema],
    );
    const declared = Object.values(pgSchemaShape(pgSchema)).reduce((sum, table) => sum + Object.keys(table.foreignKeys).length, 0);
    expect(rows).toEqual([{ table_schema: testSchema.schema, count: declared }]);
  });

  it('keep their bookkeeping in that schema, so a second run applies nothing', async () => {
    const before = await client.query<{ count: number }>(`select count(*)::int as count from ${testSchema.schema}.${MIGRATIONS_TABLE}`);
    expect(before.rows[0]?.count).toBeGreaterThanOrEqual(1);
    await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS, migrationsSchema: testSchema.schema, migrationsTable: MIGRATIONS_TABLE });
    const after = await client.query<{ count: number }>(`select count(*)::int as count from ${testSchema.schema}.${MIGRATIONS_TABLE}`);
    expect(after.rows[0]?.count).toBe(before.rows[0]?.count);
  });
});
