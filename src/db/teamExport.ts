/**
 * Everything that belongs to one team, as one JSON document: its settings and members, every item
 * with its event log, tasks and followers, sprints with their scope attempts and retrospective
 * answers, planning poker, standups, absences, impediments and scheduled-post claims. Read in one
 * consistent snapshot without changing anything, so it runs against the database of a running bot:
 * on SQLite a read transaction on a read-only connection to the file, on PostgreSQL a REPEATABLE
 * READ, READ ONLY transaction (no migrations run; a schema this version has not migrated is refused).
 * Both engines give the same document. Times are epoch milliseconds (UTC), as stored; dates are the
 * team's calendar days. Workspace-wide tables (the outbox, the users.info cache, processed event ids)
 * are not a team's.
 */
import type Database from 'better-sqlite3';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { OperatorError, openReadOnly } from './backup.js';
import { pgMigrationsFolder } from './engine/postgres.js';
import { migrationState, readJournal } from './migrationState.js';
import * as pgSchema from './pg/schema.js';
import * as schema from './schema.js';
import type { Access, Db, Tables } from './types.js';
import { pgTypes } from './engine/postgres.js';

export const TEAM_EXPORT_FORMAT = 'rituals-team-export';
export const TEAM_EXPORT_VERSION = 1;

/** A database the export reads from, one consistent snapshot at a time. */
export interface ExportSource {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs read in one snapshot: every query it makes through access sees the database as it was at
   * its first read, whatever is written meanwhile. schemaMigration is the newest migration applied.
   */
  snapshot<T>(read: (access: Access, schemaMigration: string | null) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The SQLite file at path, opened read-only (it must exist). */
export function openSqliteExportSource(path: string): ExportSource {
  const sqlite: Database.Database = openReadOnly(path);
  // The synchronous driver under the asynchronous type queries are written against (as in engine/sqlite.ts).
  const db = sqliteDrizzle(sqlite, { schema }) as unknown as Db;
  let inSnapshot = false;
  const access: Access = { engine: 'sqlite', db: () => db, tables: schema, inTransaction: () => inSnapshot };
  return {
    engine: 'sqlite',
    async snapshot(read) {
      // The export is this connection's only user, so nothing else can run inside this transaction.
      sqlite.exec('BEGIN');
      inSnapshot = true;
      try {
        const result = await read(access, migrationState(sqlite).applied?.tag ?? null);
        sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw error;
      } finally {
        inSnapshot = false;
      }
    },
    async close() {
      sqlite.close();
    },
  };
}

type PgReader = Pick<ReturnType<typeof pgDrizzle<typeof pgSchema>>, 'execute'>;

/**
 * The newest migration the PostgreSQL schema has, refusing one this version of Rituals has not
 * migrated (missing, behind or ahead): the export runs no migrations and reads only tables it knows.
 */
async function pgSchemaMigration(tx: PgReader): Promise<string> {
  const current = await tx.execute<{ schema: string | null }>(sql`SELECT current_schema() AS schema`);
  const schemaName = current.rows[0]?.schema;
  if (!schemaName) throw new OperatorError('The schema DATABASE_URL selects (its search_path) does not exist in that PostgreSQL database: nothing to export.');
  const table = sql`${sql.identifier(schemaName)}.${sql.identifier('__drizzle_migrations')}`;
  const found = await tx.execute<{ found: boolean }>(
    sql`SELECT to_regclass(format('%I.%I', ${schemaName}::text, '__drizzle_migrations')) IS NOT NULL AS found`,
  );
  const journal = readJournal(pgMigrationsFolder());
  const last = journal.at(-1);
  const row = found.rows[0]?.found
    ? (await tx.execute<{ count: number; newest: number | null }>(sql`SELECT count(*) AS count, max(created_at) AS newest FROM ${table}`)).rows[0]
    : undefined;
  const newest = row?.newest === null || row?.newest === undefined ? null : Number(row.newest);
  if (newest === null || !last)
    throw new OperatorError(
      `The PostgreSQL database DATABASE_URL names has no Rituals tables (schema ${schemaName}): nothing to export. ` +
        'Start Rituals on it once (it creates them), or copy a SQLite database into it with npm run migrate-to-postgres.',
    );
  if (newest > last.when)
    throw new OperatorError(
      'The PostgreSQL database DATABASE_URL names has migrations this version of Rituals does not know (a newer Rituals migrated it); export with that version.',
    );
  const pending = journal.filter((entry) => entry.when > newest);
  if (pending.length > 0) {
    const applied = journal.find((entry) => entry.when === newest)?.tag ?? `unknown-${newest}`;
    throw new OperatorError(
      `The PostgreSQL database DATABASE_URL names is at migration ${applied}; this version of Rituals would still apply ${pending.map((entry) => entry.tag).join(', ')}. ` +
        'The export changes nothing: start this version of Rituals once (it applies them), then export again.',
    );
  }
  return last.tag;
}

/** The PostgreSQL database at url (its search_path's schema), without running migrations. */
export async function openPostgresExportSource(url: string): Promise<ExportSource> {
  const client = new pg.Client({ connectionString: url, types: pgTypes });
  // A connection that breaks mid-export fails the query in flight; the event alone must not crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new OperatorError(`Cannot connect to the PostgreSQL database DATABASE_URL names (${(error as Error).message}).`);
  }
  const root = pgDrizzle(client, { schema: pgSchema });
  return {
    engine: 'postgres',
    snapshot: (read) =>
      root.transaction(
        async (tx) => {
          const applied = await pgSchemaMigration(tx);
          // The tables and handle are PostgreSQL's; their names and row types are SQLite's (schemaParity test).
          const access: Access = { engine: 'postgres', db: () => tx as unknown as Db, tables: pgSchema as unknown as Tables, inTransaction: () => true };
          return read(access, applied);
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),
    close: () => client.end(),
  };
}

const parseJsonArray = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Text in code-unit order (SQLite's BINARY collation), whatever collation a PostgreSQL database sorts with. */
const byText =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** A team by its numeric id or its team channel id (C…). */
async function findTeam({ db, tables }: Access, ref: string): Promise<typeof schema.teamsTable.$inferSelect> {
  const wanted = ref.trim().replace(/^#/, '');
  const teams = await db().select().from(tables.teamsTable).orderBy(asc(tables.teamsTable.id));
  const matches = /^\d+$/.test(wanted) ? teams.filter((team) => team.id === Number(wanted)) : teams.filter((team) => team.teamChannelId === wanted);
  if (matches.length === 1) return matches[0]!;
  const list = teams.map((team) => `${team.id} ${team.name} (channel ${team.teamChannelId}, workspace ${team.slackTeamId})`).join('; ');
  if (matches.length > 1) throw new OperatorError(`Several teams use channel ${wanted}; give the team's id instead: ${list}.`);
  throw new OperatorError(teams.length === 0 ? 'There are no teams in this database.' : `No team matches "${ref}". Teams in this database: ${list}.`);
}

/** The team's document, read through access (inside one snapshot: see exportTeam). Every list has an explicit order. */
export async function readTeamExport(access: Access, teamRef: string, { now, schemaMigration }: { now: number; schemaMigration: string | null }) {
  const { db, tables: t } = access;
  const team = await findTeam(access, teamRef);
  const teamItemIds = db().select({ id: t.itemsTable.id }).from(t.itemsTable).where(eq(t.itemsTable.teamId, team.id));
  const teamSprintIds = db().select({ id: t.sprintsTable.id }).from(t.sprintsTable).where(eq(t.sprintsTable.teamId, team.id));
  const teamSessionIds = db().select({ id: t.pokerSessionsTable.id }).from(t.pokerSessionsTable).where(eq(t.pokerSessionsTable.teamId, team.id));
  const items = await db().select().from(t.itemsTable).where(eq(t.itemsTable.teamId, team.id)).orderBy(asc(t.itemsTable.number));
  const events = await db().select().from(t.itemEventsTable).where(eq(t.itemEventsTable.teamId, team.id)).orderBy(asc(t.itemEventsTable.id));
  const tasks = await db().select().from(t.tasksTable).where(inArray(t.tasksTable.itemId, teamItemIds)).orderBy(asc(t.tasksTable.id));
  const followers = (
    await db()
      .select()
      .from(t.itemFollowersTable)
      .where(inArray(t.itemFollowersTable.itemId, teamItemIds))
      .orderBy(asc(t.itemFollowersTable.itemId), asc(t.itemFollowersTable.userId))
  ).sort(byText((follower) => follower.userId));
  const sprints = await db().select().from(t.sprintsTable).where(eq(t.sprintsTable.teamId, team.id)).orderBy(asc(t.sprintsTable.number));
  const scopeAttempts = await db().select().from(t.scopeAttemptsTable).where(eq(t.scopeAttemptsTable.teamId, team.id)).orderBy(asc(t.scopeAttemptsTable.id));
  const retroAnswers = (
    await db()
      .select()
      .from(t.retroAnswersTable)
      .where(inArray(t.retroAnswersTable.sprintId, teamSprintIds))
      .orderBy(asc(t.retroAnswersTable.sprintId), asc(t.retroAnswersTable.userId))
  ).sort(byText((answer) => answer.userId));
  const pokerSessions = await db().select().from(t.pokerSessionsTable).where(eq(t.pokerSessionsTable.teamId, team.id)).orderBy(asc(t.pokerSessionsTable.id));
  const votes = (
    await db()
      .select()
      .from(t.pokerVotesTable)
      .where(inArray(t.pokerVotesTable.sessionId, teamSessionIds))
      .orderBy(asc(t.pokerVotesTable.sessionId), asc(t.pokerVotesTable.round), asc(t.pokerVotesTable.userId))
  )
    .sort(byText((vote) => vote.userId))
    .sort((a, b) => a.round - b.round);
  const standupRuns = await db().select().from(t.standupRunsTable).where(eq(t.standupRunsTable.teamId, team.id)).orderBy(asc(t.standupRunsTable.date));
  const standupPrompts = await db()
    .select()
    .from(t.standupPromptsTable)
    .where(eq(t.standupPromptsTable.teamId, team.id))
    .orderBy(asc(t.standupPromptsTable.id));
  const members = await db().select({ userId: t.teamMembersTable.userId }).from(t.teamMembersTable).where(eq(t.teamMembersTable.teamId, team.id));
  const absences = await db().select().from(t.absencesTable).where(eq(t.absencesTable.teamId, team.id)).orderBy(asc(t.absencesTable.id));
  const impediments = await db().select().from(t.impedimentsTable).where(eq(t.impedimentsTable.teamId, team.id)).orderBy(asc(t.impedimentsTable.id));
  const scheduledPosts = (
    await db()
      .select()
      .from(t.scheduledPostsTable)
      .where(eq(t.scheduledPostsTable.teamId, team.id))
      .orderBy(asc(t.scheduledPostsTable.kind), asc(t.scheduledPostsTable.period))
  )
    .sort(byText((post) => post.period))
    .sort(byText((post) => post.kind));
  // Grouping keeps each list's order (Array.prototype.sort is stable, so the sorts above refine the SQL order).
  const grouped = <T, K>(rows: T[], key: (row: T) => K) => {
    const map = new Map<K, T[]>();
    for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
    return (k: K) => map.get(k) ?? [];
  };
  const eventsOf = grouped(events, (event) => event.itemId);
  const tasksOf = grouped(tasks, (task) => task.itemId);
  const followersOf = grouped(followers, (follower) => follower.itemId);
  const attemptsOf = grouped(scopeAttempts, (attempt) => attempt.sprintId);
  const answersOf = grouped(retroAnswers, (answer) => answer.sprintId);
  const votesOf = grouped(votes, (vote) => vote.sessionId);
  const promptsOf = grouped(standupPrompts, (prompt) => prompt.date);
  return {
    format: TEAM_EXPORT_FORMAT,
    version: TEAM_EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    schemaMigration,
    team: { ...team, holidays: parseJsonArray(team.holidays), readyChecklist: parseJsonArray(team.readyChecklist) },
    members: members.map((row) => row.userId).sort(),
    items: items.map((item) => ({
      ...item,
      ref: `${team.itemPrefix}-${item.number}`,
      events: eventsOf(item.id),
      tasks: tasksOf(item.id),
      followers: followersOf(item.id).map((follower) => follower.userId),
    })),
    sprints: sprints.map((sprint) => ({ ...sprint, scopeAttempts: attemptsOf(sprint.id), retroAnswers: answersOf(sprint.id) })),
    pokerSessions: pokerSessions.map((session) => ({ ...session, votes: votesOf(session.id) })),
    standups: standupRuns.map((run) => ({ ...run, prompts: promptsOf(run.date) })),
    // Prompts of days without a team message (e.g. the day's parent was never posted) are kept too.
    standupPromptsWithoutRun: standupPrompts.filter((prompt) => !standupRuns.some((run) => run.date === prompt.date)),
    absences,
    impediments,
    scheduledPosts,
  };
}

export type TeamExport = Awaited<ReturnType<typeof readTeamExport>>;

/** The team (its id, or its team channel id) from one snapshot of source: consistent even while the bot writes. */
export function exportTeam(source: ExportSource, teamRef: string, { now = Date.now() }: { now?: number } = {}): Promise<TeamExport> {
  return source.snapshot((access, schemaMigration) => readTeamExport(access, teamRef, { now, schemaMigration }));
}
