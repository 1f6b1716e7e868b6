/**
 * Duplicate search on PostgreSQL: titles matched by word prefix, as SQLite's FTS5 query does, and
 * through the GIN index rather than by reading every title (the reason the index exists).
 */
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemsTable, itemTitleDocument, teamsTable } from '../../src/db/pg/schema.js';
import { createPgTestSchema, type PgTestSchema } from '../helpers/pgDatabase.js';

const PG_MIGRATIONS = fileURLToPath(new URL('../../migrations/pg', import.meta.url));

describe('title search on PostgreSQL', () => {
  let testSchema: PgTestSchema;
  let pool: pg.Pool;
  let db: ReturnType<typeof drizzle>;
  let teamId: number;

  beforeAll(async () => {
    testSchema = await createPgTestSchema();
    pool = new pg.Pool({ connectionString: testSchema.url, max: 1 });
    db = drizzle(pool);
    await migrate(db, { migrationsFolder: PG_MIGRATIONS, migrationsSchema: testSchema.schema });
    const [team] = await db
      .insert(teamsTable)
      .values({ slackTeamId: 'T1', name: 'Team', teamChannelId: 'C1', createdAt: 1, updatedAt: 1 })
      .returning({ id: teamsTable.id });
    teamId = team!.id;
    const titles = ['Export the burndown as CSV', 'Exporting sprints fails', 'Dark mode for the board', 'CSV import of backlog'];
    await db.insert(itemsTable).values(
      titles.map((title, index) => ({
        teamId,
        number: index + 1,
        title,
        source: 'command' as const,
        requesterId: 'U1',
        suggestedById: 'U1',
        createdAt: 1,
        updatedAt: 1,
      })),
    );
  });

  afterAll(async () => {
    await pool?.end();
    await testSchema?.drop();
  });

  /** Titles of the team's items matching a tsquery, e.g. 'export:* & csv:*'. */
  const matching = (query: string) =>
    db
      .select({ title: itemsTable.title })
      .from(itemsTable)
      .where(and(eq(itemsTable.teamId, teamId), sql`${itemTitleDocument(itemsTable.title)} @@ to_tsquery('simple', ${query})`))
      .orderBy(itemsTable.number);

  it('finds titles by word prefix, every word or any, case aside', async () => {
    expect(await matching('export:* & csv:*')).toEqual([{ title: 'Export the burndown as CSV' }]);
    expect(await matching('export:*')).toEqual([{ title: 'Export the burndown as CSV' }, { title: 'Exporting sprints fails' }]);
    expect(await matching('dark:* | import:*')).toEqual([{ title: 'Dark mode for the board' }, { title: 'CSV import of backlog' }]);
  });

  it('reads them through the GIN index when the query repeats itemTitleDocument', async () => {
    const client = await pool.connect();
    try {
      // Four rows are cheaper to scan than to look up: forbid the scan to see the index is usable.
      await client.query('set enable_seqscan = off');
      const query = db
        .select({ id: itemsTable.id })
        .from(itemsTable)
        .where(sql`${itemTitleDocument(itemsTable.title)} @@ to_tsquery('simple', ${'export:*'})`)
        .toSQL();
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain ${query.sql}`, query.params);
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('items_title_search_idx');
    } finally {
      await client.query('reset enable_seqscan');
      client.release();
    }
  });
});
