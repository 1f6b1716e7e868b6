/**
 * Global setup: on a PostgreSQL run (DATABASE_URL=postgres://... npm test), check the server answers
 * before any test starts (CI must fail, not skip, when it is down), and drop any schema of this run
 * a killed test left behind.
 */
import pg from 'pg';

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function setup(): Promise<void> {
  const server = process.env.RITUALS_TEST_PG_SERVER;
  if (!server) return;
  try {
    await onServer(server, (client) => client.query('SELECT 1'));
  } catch (error) {
    throw new Error(`the PostgreSQL test run cannot reach its server (${(error as Error).message}); start PostgreSQL or unset DATABASE_URL`);
  }
}

export async function teardown(): Promise<void> {
  const server = process.env.RITUALS_TEST_PG_SERVER;
  const run = process.env.RITUALS_TEST_RUN;
  if (!server || !run) return;
  await onServer(server, async (client) => {
    const left = await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`, [`t\\_${run}\\_%`]);
    for (const { name } of left.rows) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  });
}
