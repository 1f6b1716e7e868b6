/**
 * A fresh PostgreSQL schema per test run, so runs (and test files running side by side) never see
 * each other's rows, and a DATABASE_URL that selects it: its `options=-c search_path=<schema>` is
 * sent by node-postgres (and libpq, psql) as a startup parameter, so every connection of a pool built
 * from the url creates and finds its tables there, with no SET on each checkout.
 *
 * The server: PG_TEST_URL, else DATABASE_URL when it is a postgres:// one, else the local trust-auth
 * server our machines and CI run (PostgreSQL 15, database test).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

export interface PgTestSchema {
  /** A DATABASE_URL whose connections work in `schema`. */
  url: string;
  schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** The server the tests use, without any schema selected. */
export function pgServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RITUALS_TEST_PG_SERVER) return env.RITUALS_TEST_PG_SERVER;
  if (env.PG_TEST_URL) return env.PG_TEST_URL;
  if (env.DATABASE_URL?.startsWith('postgres')) return env.DATABASE_URL;
  return LOCAL_SERVER;
}

/** serverUrl with its connections' search_path set to schema (any search_path it had is replaced). */
export function urlForSchema(serverUrl: string, schema: string): string {
  const url = new URL(serverUrl);
  url.searchParams.delete('options');
  // Encoded by hand: URLSearchParams writes a space as '+', which libpq reads as a plus sign.
  const options = `options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  url.search = url.search ? `${url.search}&${options}` : options;
  return url.toString();
}

async function runAsAdmin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates a schema named t_<run>_<pid>_<random> (a plain identifier: no quoting needed anywhere);
 * the run id lets the run's global teardown drop what a killed test left behind.
 */
export async function createPgTestSchema(serverUrl = pgServerUrl()): Promise<PgTestSchema> {
  const run = process.env.RITUALS_TEST_RUN ?? 'x';
  const schema = `t_${run}_${process.pid}_${randomBytes(5).toString('hex')}`;
  await runAsAdmin(serverUrl, `CREATE SCHEMA ${schema}`);
  return {
    url: urlForSchema(serverUrl, schema),
    schema,
    drop: () => runAsAdmin(serverUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}
