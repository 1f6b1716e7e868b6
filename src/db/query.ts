/** Running queries the same way on both engines (see Access in types.ts). */
import type { Access, Db } from './types.js';

/** The first row a query returns, or undefined; limit a select to one row yourself. */
export async function firstRow<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

/** How many rows an INSERT, UPDATE or DELETE without RETURNING changed (SQLite says `changes`, node-postgres `rowCount`). */
export async function affectedRows(statement: PromiseLike<unknown>): Promise<number> {
  const result = (await statement) as { changes?: number; rowCount?: number | null };
  return result.changes ?? result.rowCount ?? 0;
}

/**
 * Whether a number can be the id of a stored row (a positive integer within PostgreSQL's integer).
 * Lookups by an id parsed from what a person sent find nothing for anything else (NaN from a
 * garbled button value, 1.5, 1e12), on both engines alike: PostgreSQL would refuse such a
 * parameter outright, where SQLite merely matches no row.
 */
export function isRowId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= 2_147_483_647;
}

interface PreparableRows<R> {
  prepare(name?: string): { all(values?: Record<string, unknown>): Promise<R[]> };
}

/**
 * A query run often, with placeholders (`sql.placeholder`). SQLite prepares it once (building a
 * drizzle query costs far more than running it there, see BENCHMARKS.md); PostgreSQL builds it on
 * the current handle each time, so inside a transaction it runs on the transaction's connection,
 * as a named prepared statement node-postgres keeps per connection.
 */
export function reusedQuery<R>(access: Access, name: string, build: (db: Db) => PreparableRows<R>): (values?: Record<string, unknown>) => Promise<R[]> {
  if (access.engine === 'sqlite') {
    const statement = build(access.db()).prepare();
    return async (values) => statement.all(values);
  }
  return async (values) => {
    const statement = build(access.db()).prepare(name) as unknown as { execute(values?: Record<string, unknown>): Promise<R[]> };
    return statement.execute(values);
  };
}

/**
 * The select locks the rows it reads and passes over rows another transaction holds (PostgreSQL's
 * FOR UPDATE SKIP LOCKED), so instances claiming work from one queue never claim the same row.
 * SQLite has one writer at a time and no such clause: the select stays as it is.
 */
export function skipLocked<Q>(access: Pick<Access, 'engine'>, query: Q): Q {
  if (access.engine === 'sqlite') return query;
  // The SQLite-typed builder is PostgreSQL's at run time, and PostgreSQL's select has .for().
  return (query as unknown as { for(strength: 'update', config: { skipLocked: boolean }): Q }).for('update', { skipLocked: true });
}

/**
 * The select locks the rows it reads until the transaction ends (PostgreSQL's FOR NO KEY UPDATE:
 * exclusive among lockers and writers of those rows, but it lets other transactions insert rows
 * whose foreign keys point at them). SQLite's write transaction is already exclusive: the select
 * stays as it is.
 */
export function lockedForUpdate<Q>(access: Pick<Access, 'engine'>, query: Q): Q {
  if (access.engine === 'sqlite') return query;
  return (query as unknown as { for(strength: 'no key update'): Q }).for('no key update');
}
