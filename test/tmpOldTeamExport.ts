/**
 * Everything that belongs to one team, as one JSON document: its settings and members, every item
 * with its event log, tasks and followers, sprints with their scope attempts and retrospective
 * answers, planning poker, standups, absences, impediments and scheduled-post claims. Read in one
 * read transaction (a consistent snapshot) on a read-only connection, so it runs against the file
 * of a running bot. Times are epoch milliseconds (UTC), as stored; dates are the team's calendar days.
 * Workspace-wide tables (the outbox, the users.info cache, processed event ids) are not a team's.
 */
import type Database from 'better-sqlite3';
import { asc, eq, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { OperatorError } from '../src/db/backup.js';
import { migrationState } from '../src/db/migrationState.js';
import * as schema from '../src/db/schema.js';

export const TEAM_EXPORT_FORMAT = 'rituals-team-export';
export const TEAM_EXPORT_VERSION = 1;

const parseJsonArray = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A team by its numeric id or its team channel id (C…). */
function findTeam(db: ReturnType<typeof drizzle<typeof schema>>, ref: string): typeof schema.teamsTable.$inferSelect {
  const wanted = ref.trim().replace(/^#/, '');
  const teams = db.select().from(schema.teamsTable).orderBy(asc(schema.teamsTable.id)).all();
  const matches = /^\d+$/.test(wanted) ? teams.filter((team) => team.id === Number(wanted)) : teams.filter((team) => team.teamChannelId === wanted);
  if (matches.length === 1) return matches[0]!;
  const list = teams.map((team) => `${team.id} ${team.name} (channel ${team.teamChannelId}, workspace ${team.slackTeamId})`).join('; ');
  if (matches.length > 1) throw new OperatorError(`Several teams use channel ${wanted}; give the team's id instead: ${list}.`);
  throw new OperatorError(teams.length === 0 ? 'There are no teams in this database.' : `No team matches "${ref}". Teams in this database: ${list}.`);
}

export function exportTeam(sqlite: Database.Database, teamRef: string, { now = Date.now() }: { now?: number } = {}) {
  const db = drizzle(sqlite, { schema });
  const read = () => {
    const team = findTeam(db, teamRef);
    const items = db.select().from(schema.itemsTable).where(eq(schema.itemsTable.teamId, team.id)).orderBy(asc(schema.itemsTable.number)).all();
    const itemIds = items.map((item) => item.id);
    const events = db.select().from(schema.itemEventsTable).where(eq(schema.itemEventsTable.teamId, team.id)).orderBy(asc(schema.itemEventsTable.id)).all();
    const tasks = itemIds.length
      ? db.select().from(schema.tasksTable).where(inArray(schema.tasksTable.itemId, itemIds)).orderBy(asc(schema.tasksTable.id)).all()
      : [];
    const followers = itemIds.length ? db.select().from(schema.itemFollowersTable).where(inArray(schema.itemFollowersTable.itemId, itemIds)).all() : [];
    const sprints = db.select().from(schema.sprintsTable).where(eq(schema.sprintsTable.teamId, team.id)).orderBy(asc(schema.sprintsTable.number)).all();
    const sprintIds = sprints.map((sprint) => sprint.id);
    const scopeAttempts = db
      .select()
      .from(schema.scopeAttemptsTable)
      .where(eq(schema.scopeAttemptsTable.teamId, team.id))
      .orderBy(asc(schema.scopeAttemptsTable.id))
      .all();
    const retroAnswers = sprintIds.length ? db.select().from(schema.retroAnswersTable).where(inArray(schema.retroAnswersTable.sprintId, sprintIds)).all() : [];
    const pokerSessions = db
      .select()
      .from(schema.pokerSessionsTable)
      .where(eq(schema.pokerSessionsTable.teamId, team.id))
      .orderBy(asc(schema.pokerSessionsTable.id))
      .all();
    const sessionIds = pokerSessions.map((session) => session.id);
    const votes = sessionIds.length ? db.select().from(schema.pokerVotesTable).where(inArray(schema.pokerVotesTable.sessionId, sessionIds)).all() : [];
    const standupRuns = db
      .select()
      .from(schema.standupRunsTable)
      .where(eq(schema.standupRunsTable.teamId, team.id))
      .orderBy(asc(schema.standupRunsTable.date))
      .all();
    const standupPrompts = db
      .select()
      .from(schema.standupPromptsTable)
      .where(eq(schema.standupPromptsTable.teamId, team.id))
      .orderBy(asc(schema.standupPromptsTable.id))
      .all();
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
    const state = migrationState(sqlite);
    return {
      format: TEAM_EXPORT_FORMAT,
      version: TEAM_EXPORT_VERSION,
      exportedAt: new Date(now).toISOString(),
      schemaMigration: state.applied?.tag ?? null,
      team: { ...team, holidays: parseJsonArray(team.holidays), readyChecklist: parseJsonArray(team.readyChecklist) },
      members: db
        .select({ userId: schema.teamMembersTable.userId })
        .from(schema.teamMembersTable)
        .where(eq(schema.teamMembersTable.teamId, team.id))
        .all()
        .map((row) => row.userId)
        .sort(),
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
      absences: db.select().from(schema.absencesTable).where(eq(schema.absencesTable.teamId, team.id)).orderBy(asc(schema.absencesTable.id)).all(),
      impediments: db.select().from(schema.impedimentsTable).where(eq(schema.impedimentsTable.teamId, team.id)).orderBy(asc(schema.impedimentsTable.id)).all(),
      scheduledPosts: db.select().from(schema.scheduledPostsTable).where(eq(schema.scheduledPostsTable.teamId, team.id)).all(),
    };
  };
  // One read transaction: every table from the same snapshot, even while the bot writes.
  return sqlite.transaction(read)();
}

export type TeamExport = ReturnType<typeof exportTeam>;
