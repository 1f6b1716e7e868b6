/**
 * The bench's PostgreSQL: a fresh schema per engine run on BENCH_PG_URL (else the local trust-auth
 * server the tests use), dropped afterwards, so runs never see each other's rows. Named bench_*, not
 * t_*: a test run's teardown drops the t_<its run>_* schemas it left behind, never ours.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { urlForSchema } from '../test/helpers/pgDatabase.js';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

export const benchPgServer = (env: NodeJS.ProcessEnv = process.env): string => env.BENCH_PG_URL || LOCAL_SERVER;

/** The server url as it may be printed: without its password. */
export function printableUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

async function runAsAdmin(serverUrl: string, statement: string): Promise<Record<string, unknown>[]> {
  // A server that is not there must fail the check in seconds, not hang the bench.
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

export interface BenchSchema {
  /** A DATABASE_URL whose connections work in the schema. */
  url: string;
  schema: string;
  /** The server's version, for the bench's header (e.g. "15.20"). */
  serverVersion: string;
  drop(): Promise<void>;
}

/** Creates bench_<pid>_<random> on the server; rejects when the server cannot be reached. */
export async function createBenchSchema(serverUrl: string): Promise<BenchSchema> {
  const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const [version] = await runAsAdmin(serverUrl, 'SHOW server_version');
  await runAsAdmin(serverUrl, `CREATE SCHEMA ${schema}`);
  return {
    url: urlForSchema(serverUrl, schema),
    schema,
    serverVersion: String(version?.server_version ?? '?').split(' ')[0]!,
    async drop() {
      await runAsAdmin(serverUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
