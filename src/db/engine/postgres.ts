/**
 * PostgreSQL (node-postgres): for several instances on one database. Migrations run at start under
 * an advisory lock, so instances starting together apply them once; a transaction runs on one
 * pooled connection, which repositories reach through AsyncLocalStorage (see Access.db).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { findMigrationsFolder } from '../client.js';
import * as pgSchema from '../pg/schema.js';
import { createRepositories } from '../repositories/index.js';

import type { Access, Db, Tables } from '../types.js';
import type { Storage } from './storage.js';

type PgDb = NodePgDatabase<typeof pgSchema>;

/**
 * Names our migration lock among the database's advisory locks (any number would do); the second
 * key is the schema's, so deployments in other schemas of one server do not wait for each other.
 */
const MIGRATION_LOCK_CLASS = 72_451_139;
/** How many times a transaction is tried when PostgreSQL aborts it for a deadlock or a serialization conflict. */
const TRANSACTION_ATTEMPTS = 4;
/** How long a request waits for a pooled connection (the server down, or every connection busy). */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * Per connection: how long a statement waits for a row lock (a team's changes queue on its row) and
 * how long a transaction may sit idle, so one stuck request cannot hold a team, or a pooled
 * connection, on every instance.
 */
const SESSION_LIMITS = ['lock_timeout=15s', 'idle_in_transaction_session_timeout=60s'];

/**
 * The URL with SESSION_LIMITS added to its startup `options` (after any the operator gave, such as a
 * search_path), so every connection starts with them and no query is spent setting them. Encoded by
 * hand: URLSearchParams would write a space as '+', which the connection string parser keeps as '+'.
 */
function withSessionLimits(url: string): string {
  const parsed = new URL(url);
  const given = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  const options = [given, ...SESSION_LIMITS.map((limit) => `-c ${limit}`)].filter(Boolean).join(' ');
  const rest = parsed.search.replace(/^\?/, '');
  parsed.search = `${rest ? `${rest}&` : ''}options=${encodeURIComponent(options)}`;
  return parsed.toString();
}
/** How long readiness waits for the database to answer before calling it unavailable. */
const PING_TIMEOUT_MS = 2_000;
const RETRYABLE_CODES = new Set(['40001', '40P01']);

/** int8 (bigint: our epoch-ms times, count(*)) as a JS number: every value we store fits in 2^53. */
export const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function pgMigrationsFolder(): string {
  return resolve(findMigrationsFolder(), 'pg');
}

/**
 * Applies the pg migrations once, however many processes start together (also `npm run
 * migrate-to-postgres`). Everything runs on the connection holding the lock, so even a pool of one
 * connection does not wait for itself. The migrations' bookkeeping goes in the schema the
 * connection works in (its search_path), beside the tables.
 */
export async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    const current = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const schemaName = current.rows[0]?.schema ?? 'public';
    const lockKeys = [MIGRATION_LOCK_CLASS, schemaName];
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', lockKeys);
    try {
      await migrate(drizzle(client), { migrationsFolder: pgMigrationsFolder(), migrationsSchema: schemaName });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', lockKeys);
    }
  } finally {
    client.release();
  }
}

/** `?` placeholders (as SQLite takes them) numbered for PostgreSQL: operator and test reads only. */
function numberPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => {
    n += 1;
    return `$${n}`;
  });
}

export interface PostgresStorage extends Storage {
  /** What the repositories reach the database through, for tests that build one with options of their own. */
  readonly access: Access;
}

export async function openPostgresStorage(
  url: string,
  { poolSize = 10, onError }: { poolSize?: number; onError?: (error: Error) => void } = {},
): Promise<PostgresStorage> {
  // A server that does not answer fails a request after a while instead of queueing it for ever.
  const pool = new pg.Pool({ connectionString: withSessionLimits(url), max: poolSize, types: pgTypes, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle pooled connection that breaks (server restart, network) must not crash the process.
  pool.on('error', (error) => onError?.(error));
  const root = drizzle(pool, { schema: pgSchema });
  try {
    await migrateUnderLock(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  // The open transaction of this async context; `open` turns false when it ends, so a callback it
  // started that outlives it goes back to the pool instead of using a released connection.
  const current = new AsyncLocalStorage<{ tx: PgDb; open: boolean }>();
  const openTransaction = (): PgDb | undefined => {
    const scope = current.getStore();
    return scope?.open ? scope.tx : undefined;
  };
  const access: Access = {
    engine: 'postgres',
    // The tables and handle are PostgreSQL's; their names and row types are SQLite's (schemaParity test).
    db: () => (openTransaction() ?? root) as unknown as Db,
    tables: pgSchema as unknown as Tables,
    inTransaction: () => openTransaction() !== undefined,
  };
  const runIn = async <T>(tx: PgDb, work: () => Promise<T>): Promise<T> => {
    const scope = { tx, open: true };
    try {
      return await current.run(scope, work);
    } finally {
      scope.open = false;
    }
  };
  const transaction = async <T>(work: () => Promise<T>): Promise<T> => {
    const outer = openTransaction();
    if (outer) return outer.transaction((tx) => runIn(tx as unknown as PgDb, work));
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await root.transaction((tx) => runIn(tx as unknown as PgDb, work));
      } catch (error) {
        const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
        if (attempt >= TRANSACTION_ATTEMPTS || !code || !RETRYABLE_CODES.has(code)) throw error;
        // Apart, so the transactions that collided do not collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  };
  return {
    engine: 'postgres',
    shared: true,
    access,
    repos: createRepositories(access, { call: (fn) => fn(), transaction }),
    async ping() {
      // A network that drops packets would leave the query waiting: past the timeout it counts as down.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      try {
        return await Promise.race([pool.query('SELECT 1').then(() => true as const), timeout]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async query(text, params = []) {
      const result = await pool.query(numberPlaceholders(text), [...params]);
      return result.rows;
    },
    close: () => pool.end(),
  };
}
