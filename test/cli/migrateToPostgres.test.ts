/**
 * `npm run migrate-to-postgres`, run as an operator runs it (its own process): a SQLite database with
 * rows in every table arrives in PostgreSQL row for row and value for value, ids and all, and the
 * command refuses, writing nothing, whatever it cannot copy safely.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { acquireInstanceLock, EXIT_DATABASE_IN_USE } from '../../src/db/instanceLock.js';
import * as pgSchema from '../../src/db/pg/schema.js';
import * as sqliteSchema from '../../src/db/schema.js';
import { tablePlan } from '../../src/db/sqliteToPostgres/tablePlan.js';
import { runCli } from '../helpers/cli.js';
import { createPgTestSchema, type PgTestSchema } from '../helpers/pgDatabase.js';

const PG_MIGRATIONS = fileURLToPath(new URL('../../migrations/pg', import.meta.url));
/** Starts operator commands under tsx: slow on a loaded machine. */
const PROCESS_TEST_TIMEOUT_MS = 90_000;

/** An epoch-ms time past 2^31 (an int4 would overflow) and past 2^32. */
const AT_MS = 1_764_571_234_567;
const LONG_UNICODE = `Ünïcödé 🚀 日本語 "quotes", commas; 'apostrophes' \\ backslash\nnew line\t${'x'.repeat(20_000)} ✓`;
/** More than one INSERT batch (1000 rows). */
const EVENT_ROWS = 2_500;

type SqliteTables = Record<string, SQLiteTable>;
type PgTables = Record<string, PgTable>;
const sqliteTables = Object.fromEntries(Object.entries(sqliteSchema).filter(([, value]) => is(value, SQLiteTable))) as SqliteTables;
const pgTables = Object.fromEntries(Object.entries(pgSchema).filter(([, value]) => is(value, PgTable))) as PgTables;

/** One plausible row for any table, from its columns: every *_id points at row 1 of its parent, seeded first. */
function genericRow(exportName: string): Record<string, unknown> {
  const pgColumns = getTableColumns(pgTables[exportName]!);
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(sqliteTables[exportName]!))) {
    if (column.name === 'id') continue;
    const type = pgColumns[key]!.columnType;
    if (type === 'PgBoolean') row[key] = true;
    else if (type === 'PgBigInt53') row[key] = AT_MS;
    else if (type === 'PgInteger') row[key] = column.name.endsWith('_id') ? 1 : 3;
    else if (type === 'PgDoublePrecision') row[key] = 2.5;
    else row[key] = column.enumValues?.[0] ?? `${column.name} ✓`;
  }
  return row;
}

/** A Rituals SQLite database (all migrations applied) with rows in every table, and the values the test checks. */
function seedSqlite(path: string): void {
  const handle = openDatabase(path, { backgroundCheckpoints: false });
  const { db } = handle;
  const s = sqliteSchema;
  try {
    db.insert(s.teamsTable)
      .values({ id: 1, slackTeamId: 'T1', name: 'Équipe 🚀', teamChannelId: 'C1', createdAt: AT_MS, updatedAt: AT_MS + 1 })
      .run();
    db.insert(s.teamsTable)
      .values({ id: 7, slackTeamId: 'T1', name: 'Second', teamChannelId: 'C7', triageChannelId: 'C8', createdAt: AT_MS, updatedAt: AT_MS })
      .run();
    db.insert(s.slackUsersTable).values({ slackTeamId: 'T1', userId: 'U1', tz: 'Europe/Paris', isAdmin: true, fetchedAt: AT_MS }).run();
    db.insert(s.slackUsersTable).values({ slackTeamId: 'T1', userId: 'U2', tz: null, isAdmin: false, fetchedAt: AT_MS }).run();
    const item = { teamId: 1, source: 'command' as const, requesterId: 'U1', suggestedById: 'U1', createdAt: AT_MS, updatedAt: AT_MS };
    db.insert(s.itemsTable)
      .values({ ...item, id: 1, number: 1, title: 'Plain', needsReprioritisation: true, storyPoints: 0.5, rank: 1.25 })
      .run();
    db.insert(s.itemsTable)
      .values({ ...item, id: 2, number: 2, title: 'Unicode ✓', details: LONG_UNICODE, urgency: null, moscow: 'must' })
      .run();
    db.insert(s.itemsTable)
      .values({ ...item, id: 40, number: 3, title: 'Gap in ids', needsReprioritisation: false, triagedAt: AT_MS + 999 })
      .run();
    db.insert(s.slackInstallationsTable)
      .values({
        installationKey: 'T1',
        slackTeamId: 'T1',
        isEnterpriseInstall: true,
        botToken: 'xoxb-1',
        botUserId: 'UB',
        installedAt: AT_MS,
        updatedAt: AT_MS,
      })
      .run();
    // Every other table gets one generic row, parents first (the sprint, items and poker session its children point at are row 1).
    const exportNameOf = new Map(Object.entries(sqliteTables).map(([name, table]) => [getTableName(table), name]));
    for (const { name } of tablePlan()) {
      const exportName = exportNameOf.get(name)!;
      const table = sqliteTables[exportName]!;
      if ((handle.sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number) === 0) db.insert(table).values(genericRow(exportName)).run();
    }
    const event = { teamId: 1, itemId: 1, actorId: 'U1', kind: 'field' };
    for (let start = 0; start < EVENT_ROWS; start += 500) {
      db.insert(s.itemEventsTable)
        .values(
          Array.from({ length: 500 }, (_, i) => ({ ...event, toValue: `value ${start + i} ✓`, points: i % 3 === 0 ? null : i / 4, at: AT_MS + start + i })),
        )
        .run();
    }
  } finally {
    handle.close();
  }
}

const countSqlite = (path: string, table: string): number => {
  const sqlite = new Database(path, { readonly: true });
  try {
    return sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  } finally {
    sqlite.close();
  }
};

/** int8 as numbers, as the app reads them. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

describe('npm run migrate-to-postgres', () => {
  let dir: string;
  let template: string;
  let target: PgTestSchema | undefined;
  let pool: pg.Pool | undefined;

  /** A fresh copy of the seeded SQLite file, and a fresh PostgreSQL schema with a pool on it. */
  async function fresh(name: string) {
    const path = join(dir, `${name}.sqlite`);
    copyFileSync(template, path);
    target = await createPgTestSchema();
    pool = new pg.Pool({ connectionString: target.url, max: 2, types: pgTypes });
    return { path, url: target.url, pool, db: drizzlePg(pool, { schema: pgSchema }) };
  }

  const tablesInTarget = async (): Promise<number> =>
    Number(
      (await pool!.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> '__drizzle_migrations'"))
        .rows[0].n,
    );
  const countPg = async (table: string): Promise<number> => Number((await pool!.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  const migrate$ = (path: string, url: string | undefined) =>
    runCli('migrateToPostgres', [], { DATABASE_PATH: path, ...(url === undefined ? {} : { DATABASE_URL: url }) });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rituals-migrate-pg-'));
    template = join(dir, 'template.sqlite');
    seedSqlite(template);
  });

  afterEach(async () => {
    await pool?.end();
    await target?.drop();
    pool = undefined;
    target = undefined;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the seeded database has rows in every table it copies (a table added later must be seeded here too)', () => {
    const plan = tablePlan();
    expect(plan.map((table) => table.name).sort()).toEqual(
      Object.values(sqliteTables)
        .map((table) => getTableName(table))
        .sort(),
    );
    expect(plan.filter(({ name }) => countSqlite(template, name) === 0).map(({ name }) => name)).toEqual([]);
  });

  it(
    'copies every table, row for row and value for value, and new rows get fresh ids',
    async () => {
      const { path, url, db } = await fresh('full');
      const result = await migrate$(path, url);
      expect(result.stderr).not.toMatch(/failed|error/i);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^table\s+sqlite\s+postgresql$/m);
      expect(result.stdout).toMatch(/^item_events\s+2501\s+2501$/m);
      expect(result.stdout).toMatch(/Copied 25 tables, \d+ rows from .* to PostgreSQL in \d+\.\d s; every row count matches\./);

      // Every table, every row: drizzle maps both sides to the same row type, so equal rows mean equal values.
      const sqlite = new Database(path, { readonly: true });
      const sqliteDb = drizzleSqlite(sqlite);
      try {
        for (const [exportName, table] of Object.entries(sqliteTables)) {
          const sorted = (rows: Record<string, unknown>[]) => rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
          const fromSqlite = sqliteDb.select().from(table).all();
          const fromPg = await db.select().from(pgTables[exportName]!);
          expect({ table: exportName, rows: fromPg.length }).toEqual({ table: exportName, rows: fromSqlite.length });
          expect(sorted(fromPg)).toEqual(sorted(fromSqlite));
        }
      } finally {
        sqlite.close();
      }

      const items = await db.select().from(pgSchema.itemsTable).orderBy(pgSchema.itemsTable.id);
      expect(items.map((item) => [item.id, item.needsReprioritisation])).toEqual([
        [1, true],
        [2, false],
        [40, false],
      ]);
      expect(items[1]!.details).toBe(LONG_UNICODE);
      expect(items[1]!.urgency).toBeNull();
      expect(items[0]!.storyPoints).toBe(0.5);
      expect(items[2]!.triagedAt).toBe(AT_MS + 999);
      const admins = await pool!.query('SELECT user_id, is_admin, tz FROM slack_users ORDER BY user_id');
      expect(admins.rows).toEqual([
        { user_id: 'U1', is_admin: true, tz: 'Europe/Paris' },
        { user_id: 'U2', is_admin: false, tz: null },
      ]);
      expect((await pool!.query('SELECT is_enterprise_install FROM slack_installations')).rows).toEqual([{ is_enterprise_install: true }]);

      // The identity sequences start past the copied ids.
      const [created] = await db
        .insert(pgSchema.itemsTable)
        .values({
          teamId: 7,
          number: 1,
          title: 'After the move',
          source: 'command',
          requesterId: 'U1',
          suggestedById: 'U1',
          createdAt: AT_MS,
          updatedAt: AT_MS,
        })
        .returning({ id: pgSchema.itemsTable.id });
      expect(created!.id).toBe(41);
      const [team] = await db
        .insert(pgSchema.teamsTable)
        .values({ slackTeamId: 'T2', name: 'New', teamChannelId: 'C9', createdAt: AT_MS, updatedAt: AT_MS })
        .returning({ id: pgSchema.teamsTable.id });
      expect(team!.id).toBe(8);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'refuses a PostgreSQL database that already holds rows, and leaves it as it was',
    async () => {
      const { path, url, db } = await fresh('nonempty');
      await migrate(db, { migrationsFolder: PG_MIGRATIONS, migrationsSchema: target!.schema });
      await db.insert(pgSchema.teamsTable).values({ slackTeamId: 'TX', name: 'Live', teamChannelId: 'CX', createdAt: 1, updatedAt: 1 });
      const result = await migrate$(path, url);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/already holds rows in teams\b.*Nothing was copied\./);
      expect(await countPg('teams')).toBe(1);
      expect(await countPg('items')).toBe(0);
      expect((await db.select().from(pgSchema.teamsTable))[0]!.name).toBe('Live');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'rolls everything back when a row cannot be copied',
    async () => {
      const { path, url } = await fresh('rollback');
      // PostgreSQL text cannot hold a NUL character; SQLite's can. The last table copied carries one.
      const last = tablePlan().at(-1)!;
      const textColumn = last.columns.find((column) => ['user_id', 'title', 'kind'].includes(column.name))!.name;
      const sqlite = new Database(path);
      sqlite.prepare(`UPDATE "${last.name}" SET "${textColumn}" = ?`).run('a\u0000b');
      sqlite.close();
      const result = await migrate$(path, url);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Copying ${last.name} failed`);
      for (const { name } of tablePlan()) expect({ table: name, rows: await countPg(name) }).toEqual({ table: name, rows: 0 });
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'refuses, writing nothing, without a PostgreSQL DATABASE_URL, without the SQLite file, while a bot uses it, or with migrations not applied',
    async () => {
      const { path, url } = await fresh('refusals');

      const unset = await migrate$(path, undefined);
      expect(unset.code).toBe(78);
      expect(unset.stderr).toContain('DATABASE_URL is not set');
      const notPostgres = await migrate$(path, 'mysql://root@127.0.0.1/rituals');
      expect(notPostgres.code).toBe(78);
      expect(notPostgres.stderr).toContain('DATABASE_URL must be a PostgreSQL URL');

      const missing = await migrate$(join(dir, 'nowhere.sqlite'), url);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`There is no SQLite database at ${join(dir, 'nowhere.sqlite')}`);

      // A bot still running on the file (it holds the instance lock) would write rows the copy never sees.
      const running = acquireInstanceLock(path);
      try {
        const inUse = await migrate$(path, url);
        expect(inUse.code).toBe(EXIT_DATABASE_IN_USE);
        expect(inUse.stderr).toContain(`pid ${process.pid}`);
      } finally {
        running.release();
      }

      const sqlite = new Database(path);
      sqlite.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
      sqlite.close();
      const behind = await migrate$(path, url);
      expect(behind.code).toBe(1);
      expect(behind.stderr).toMatch(/has 1 migration\(s\) not applied yet \(\d{4}_[\w-]+\)\. Start this version of Rituals on it once/);

      expect(await tablesInTarget()).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
