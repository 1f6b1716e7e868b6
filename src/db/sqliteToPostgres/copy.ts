/**
 * Moves a SQLite database into an empty PostgreSQL database (`npm run migrate-to-postgres`).
 *
 * All or nothing: the rows are read in one SQLite read transaction (a consistent snapshot, and the
 * instance lock keeps the bot off the file meanwhile) and written in one PostgreSQL transaction that
 * commits only when every table's row count matches SQLite's, so a failure leaves PostgreSQL empty.
 * It never merges into a database that already holds rows.
 */
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { OperatorError, openReadOnly } from '../backup.js';
import { migrateUnderLock } from '../engine/postgres.js';
import { acquireInstanceLock } from '../instanceLock.js';
import { migrationState } from '../migrationState.js';
import { formatCounts, type TableCount } from './countsTable.js';
import { type CopiedTable, SQLITE_ONLY_TABLES, tablePlan } from './tablePlan.js';

export interface CopyReport {
  /** Every copied table, parents first, with its rows on each side (equal, or the copy failed). */
  counts: TableCount[];
  rows: number;
  seconds: number;
  /** Tables in the SQLite file that are neither Rituals' nor SQLite's machinery: left behind. */
  notCopied: string[];
}

export interface CopyOptions {
  /** Rows per INSERT (fewer when a table has so many columns that they would pass PostgreSQL's bind-parameter limit). */
  batchRows?: number;
  /** Hears of each table once it is copied (a large database takes a while). */
  onTable?: (table: string, rows: number) => void;
}

/** PostgreSQL's wire protocol numbers bind parameters with 16 bits. */
const MAX_BIND_PARAMETERS = 65_535;
const FOREIGN_KEY_PROBLEMS_SHOWN = 5;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Where the URL points, without its password (for messages). */
function serverOf(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.host}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Refuses a file that is not at this version's schema: its tables would not match PostgreSQL's. */
function checkSchemaVersion(sqlite: Database.Database, path: string): void {
  const state = migrationState(sqlite);
  if (state.appliedCount === 0) throw new OperatorError(`${path} is not a Rituals database (it records no migrations); nothing was copied.`);
  if (state.newerThanCode) {
    throw new OperatorError(
      `${path} was last used by a newer version of Rituals (${state.applied?.tag}); run migrate-to-postgres from that version. Nothing was copied.`,
    );
  }
  if (state.pending.length > 0) {
    throw new OperatorError(
      `${path} has ${state.pending.length} migration(s) not applied yet (${state.pending.map((entry) => entry.tag).join(', ')}). ` +
        'Start this version of Rituals on it once (DATABASE_PATH set, DATABASE_URL unset) so it applies them, stop it, then run this again. Nothing was copied.',
    );
  }
}

/** PostgreSQL enforces every foreign key on insert: a dangling reference is reported here, by row, rather than as a failed batch. */
function checkForeignKeys(sqlite: Database.Database, path: string): void {
  const problems = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (problems.length === 0) return;
  const shown = problems.slice(0, FOREIGN_KEY_PROBLEMS_SHOWN).map((problem) => `${problem.table} row ${problem.rowid} -> ${problem.parent}`);
  throw new OperatorError(
    `${path} has ${problems.length} row(s) whose parent row is missing (${shown.join('; ')}${problems.length > shown.length ? '; ...' : ''}), ` +
      'which PostgreSQL would refuse. Nothing was copied.',
  );
}

function tablesNotCopied(sqlite: Database.Database, plan: readonly CopiedTable[]): string[] {
  const copied = new Set(plan.map((table) => table.name));
  const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return names.filter((name) => !copied.has(name) && !SQLITE_ONLY_TABLES.test(name));
}

/** Our tables that exist in PostgreSQL and hold at least one row. */
async function tablesWithRows(client: pg.Pool | pg.PoolClient, plan: readonly CopiedTable[]): Promise<string[]> {
  const found: string[] = [];
  for (const { name } of plan) {
    const exists = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [quote(name)]);
    if (exists.rows[0]?.found === null) continue;
    const rows = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(name)}) AS any`);
    if (rows.rows[0]?.any) found.push(name);
  }
  return found;
}

function refuseNonEmpty(tables: readonly string[], databaseUrl: string): void {
  if (tables.length === 0) return;
  throw new OperatorError(
    `PostgreSQL (${serverOf(databaseUrl)}) already holds rows in ${tables.join(', ')}. migrate-to-postgres copies into an empty database ` +
      'only, never into live data: point DATABASE_URL at a new database (or schema). Nothing was copied.',
  );
}

const toBoolean = (value: unknown) => (value === null || value === undefined ? null : Number(value) !== 0);

/** Copies one table in batches of multi-row INSERTs, with the ids SQLite gave; returns how many rows went in. */
async function copyTable(sqlite: Database.Database, client: pg.PoolClient, table: CopiedTable, batchRows: number): Promise<number> {
  const columnList = table.columns.map((column) => quote(column.name)).join(', ');
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(MAX_BIND_PARAMETERS / table.columns.length)));
  const booleans = table.columns.map((column) => column.boolean);
  const insert = async (rows: unknown[][]) => {
    const width = table.columns.length;
    const values = rows.map((_, r) => `(${table.columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
    const params = rows.flatMap((row) => row.map((value, i) => (booleans[i] ? toBoolean(value) : value)));
    try {
      const result = await client.query(`INSERT INTO ${quote(table.name)} (${columnList}) VALUES ${values}`, params);
      return result.rowCount ?? 0;
    } catch (error) {
      throw new OperatorError(`Copying ${table.name} failed: ${messageOf(error)}. Nothing was written to PostgreSQL.`);
    }
  };
  let copied = 0;
  let batch: unknown[][] = [];
  // The iterator streams the table: a large one never sits in memory whole.
  for (const row of sqlite
    .prepare(`SELECT ${columnList} FROM ${quote(table.name)} ORDER BY rowid`)
    .raw(true)
    .iterate() as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length === perBatch) {
      copied += await insert(batch);
      batch = [];
    }
  }
  if (batch.length > 0) copied += await insert(batch);
  return copied;
}

/** Moves every identity (or serial) sequence past the largest id copied, so the next insert gets a fresh one. */
async function advanceSequences(client: pg.PoolClient, plan: readonly CopiedTable[]): Promise<void> {
  const ours = new Set(plan.map((table) => table.name));
  const generated = await client.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
  );
  for (const { table_name: table, column_name: column } of generated.rows) {
    if (!ours.has(table)) continue;
    // setval(sequence, NULL) on an empty table changes nothing: the sequence still starts at 1.
    await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), max(${quote(column)})) FROM ${quote(table)}`, [quote(table), column]);
  }
}

async function countRows(client: pg.PoolClient, table: string): Promise<number> {
  const result = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${quote(table)}`);
  return Number(result.rows[0]?.count ?? 0);
}

async function connect(databaseUrl: string): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => {
    // An idle connection that breaks is reported by the next query that needs it.
  });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new OperatorError(`Cannot reach PostgreSQL at ${serverOf(databaseUrl)}: ${messageOf(error)}. Nothing was copied.`);
  }
  return pool;
}

/** Reads every table inside one SQLite read transaction and writes it inside one PostgreSQL transaction. */
async function copyAll(
  sqlite: Database.Database,
  pool: pg.Pool,
  plan: readonly CopiedTable[],
  databaseUrl: string,
  options: CopyOptions,
): Promise<TableCount[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // No other process writes our tables until this commits; then the emptiness checked below still holds.
    await client.query(`LOCK TABLE ${plan.map((table) => quote(table.name)).join(', ')} IN EXCLUSIVE MODE`);
    refuseNonEmpty(await tablesWithRows(client, plan), databaseUrl);
    sqlite.exec('BEGIN');
    const counts: TableCount[] = [];
    for (const table of plan) {
      const inSqlite = sqlite
        .prepare(`SELECT count(*) FROM ${quote(table.name)}`)
        .pluck()
        .get() as number;
      const copied = await copyTable(sqlite, client, table, options.batchRows ?? 1000);
      options.onTable?.(table.name, copied);
      counts.push({ table: table.name, sqlite: inSqlite, postgres: copied });
    }
    await advanceSequences(client, plan);
    // Counted again from PostgreSQL itself: what a query there will see, not what the driver reported.
    for (const count of counts) count.postgres = await countRows(client, count.table);
    if (counts.some((count) => count.sqlite !== count.postgres)) {
      throw new OperatorError(`The row counts differ, so nothing was written to PostgreSQL:\n${formatCounts(counts)}`);
    }
    await client.query('COMMIT');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
    client.release();
  }
}

export async function copySqliteToPostgres(sqlitePath: string, databaseUrl: string, options: CopyOptions = {}): Promise<CopyReport> {
  const started = performance.now();
  if (sqlitePath === ':memory:' || !existsSync(sqlitePath))
    throw new OperatorError(`There is no SQLite database at ${sqlitePath} (DATABASE_PATH, or --database).`);
  const plan = tablePlan();
  // A bot still running on the file would go on writing rows this copy never sees: it is refused.
  const lock = acquireInstanceLock(sqlitePath);
  try {
    const sqlite = openReadOnly(sqlitePath);
    try {
      checkSchemaVersion(sqlite, sqlitePath);
      checkForeignKeys(sqlite, sqlitePath);
      const notCopied = tablesNotCopied(sqlite, plan);
      const pool = await connect(databaseUrl);
      try {
        // Checked before the migrations create anything, so a refused target is left exactly as it was.
        refuseNonEmpty(await tablesWithRows(pool, plan), databaseUrl);
        await migrateUnderLock(pool);
        const counts = await copyAll(sqlite, pool, plan, databaseUrl, options);
        const rows = counts.reduce((sum, count) => sum + count.postgres, 0);
        return { counts, rows, seconds: (performance.now() - started) / 1000, notCopied };
      } finally {
        await pool.end();
      }
    } finally {
      sqlite.close();
    }
  } finally {
    lock.release();
  }
}
