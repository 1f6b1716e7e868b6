/** The per-run PostgreSQL schema: a pool built from its url works there, and drop() leaves nothing. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestSchema, type PgTestSchema, pgServerUrl, urlForSchema } from './pgDatabase.js';

async function schemaExists(schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgServerUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_namespace where nspname = $1', [schema]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

describe('urlForSchema', () => {
  it('selects the schema through the startup options, replacing any given', () => {
    expect(urlForSchema('postgres://postgres@127.0.0.1:5432/test', 't_1')).toBe('postgres://postgres@127.0.0.1:5432/test?options=-c%20search_path%3Dt_1');
    expect(urlForSchema('postgres://u:p%2Bq@db.example/app?sslmode=require&options=-c%20x%3Dy', 't_2')).toBe(
      'postgres://u:p%2Bq@db.example/app?sslmode=require&options=-c%20search_path%3Dt_2',
    );
  });

  it('reads the server from PG_TEST_URL, else a postgres DATABASE_URL, else the local one', () => {
    expect(pgServerUrl({ PG_TEST_URL: 'postgres://a/x', DATABASE_URL: 'postgres://b/y' })).toBe('postgres://a/x');
    expect(pgServerUrl({ DATABASE_URL: 'postgres://b/y' })).toBe('postgres://b/y');
    expect(pgServerUrl({ DATABASE_URL: './data/rituals.db' })).toBe('postgres://postgres@127.0.0.1:5432/test');
  });
});

describe('createPgTestSchema', () => {
  let testSchema: PgTestSchema;
  let pool: pg.Pool;

  beforeAll(async () => {
    testSchema = await createPgTestSchema();
    pool = new pg.Pool({ connectionString: testSchema.url, max: 3 });
  });

  afterAll(async () => {
    if (pool && !pool.ending) await pool.end();
    await testSchema?.drop();
  });

  it('gives a url whose every pooled connection works in the new schema', async () => {
    expect(testSchema.schema).toMatch(/^t_[a-z0-9]+_\d+_[0-9a-f]{10}$/);
    // Three connections at once, so the pool opens three: each gets the search_path at its start.
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    try {
      const schemas = await Promise.all(
        clients.map(async (client) => (await client.query<{ schema: string }>('select current_schema() as schema')).rows[0]?.schema),
      );
      expect(schemas).toEqual([testSchema.schema, testSchema.schema, testSchema.schema]);
    } finally {
      for (const client of clients) client.release();
    }
    await pool.query('create table probe (id integer primary key)');
    await pool.query('insert into probe values (1)');
    const { rows } = await pool.query('select table_schema from information_schema.tables where table_name = $1', ['probe']);
    expect(rows).toContainEqual({ table_schema: testSchema.schema });
  });

  it('drops the schema with everything in it', async () => {
    await pool.end();
    expect(await schemaExists(testSchema.schema)).toBe(true);
    await testSchema.drop();
    expect(await schemaExists(testSchema.schema)).toBe(false);
    // Dropping twice (an afterAll after a failed test) is harmless.
    await testSchema.drop();
  });
});
