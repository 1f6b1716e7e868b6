import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { slackWorkspacesTable, teamMembersTable, teamsTable } from '../schema.js';
import type { Db } from '../types.js';
import { workspaceScope } from '../workspaceScope.js';

export type Team = typeof teamsTable.$inferSelect;
export type NewTeam = Omit<typeof teamsTable.$inferInsert, 'id' | 'nextItemNumber'>;

/** Teams, their members and the per-team counter of human item ids. */
export function createTeamsRepository({ db }: { db: Db }) {
  // Prepared once: every request resolves its team, and building the query each time cost ~15x more (see BENCHMARKS.md).
  const byId = db
    .select()
    .from(teamsTable)
    .where(eq(teamsTable.id, sql.placeholder('id')))
    .prepare();
  const byWorkspace = db
    .select()
    .from(teamsTable)
    .where(eq(teamsTable.slackTeamId, sql.placeholder('slackTeamId')))
    .orderBy(asc(teamsTable.name), asc(teamsTable.id))
    .prepare();
  const teamIdsOfMember = db
    .select({ id: teamsTable.id })
    .from(teamMembersTable)
    .innerJoin(teamsTable, eq(teamsTable.id, teamMembersTable.teamId))
    .where(and(eq(teamsTable.slackTeamId, sql.placeholder('slackTeamId')), eq(teamMembersTable.userId, sql.placeholder('userId'))))
    .prepare();
  // Every new item takes a number.
  const advanceItemNumber = db
    .update(teamsTable)
    .set({ nextItemNumber: sql`${teamsTable.nextItemNumber} + ${sql.placeholder('count')}` })
    .where(eq(teamsTable.id, sql.placeholder('teamId')))
    .returning({ next: teamsTable.nextItemNumber })
    .prepare();
  function allocateItemNumbers(teamId: number, count: number): number {
    const row = advanceItemNumber.get({ teamId, count });
    if (!row) throw new Error(`team ${teamId} not found`);
    return row.next - count;
  }
  return {
    /** The team, unless a request of another workspace is asking (see workspaceScope). */
    findById(id: number): Team | undefined {
      const team = byId.get({ id });
      const scope = workspaceScope.current();
      return team && scope !== undefined && team.slackTeamId !== scope ? undefined : team;
    },

    findByChannel(slackTeamId: string, channelId: string): Team | undefined {
      return db
        .select()
        .from(teamsTable)
        .where(and(eq(teamsTable.slackTeamId, slackTeamId), eq(teamsTable.teamChannelId, channelId)))
        .get();
    },

    /** A workspace's teams by name (the order people pick from). */
    listByWorkspace(slackTeamId: string): Team[] {
      return byWorkspace.all({ slackTeamId });
    },

    listAll(): Team[] {
      return db.select().from(teamsTable).all();
    },

    /** Teams whose workspace has not uninstalled the app: the ones scheduled jobs serve. */
    listActive(): Team[] {
      return db
        .select({ team: teamsTable })
        .from(teamsTable)
        .leftJoin(slackWorkspacesTable, eq(slackWorkspacesTable.slackTeamId, teamsTable.slackTeamId))
        .where(isNull(slackWorkspacesTable.uninstalledAt))
        .all()
        .map((row) => row.team);
    },

    /** The ids of a workspace's teams. */
    idsOfWorkspace(slackTeamId: string): number[] {
      return db
        .select({ id: teamsTable.id })
        .from(teamsTable)
        .where(eq(teamsTable.slackTeamId, slackTeamId))
        .all()
        .map((row) => row.id);
    },

    listTeamIdsOfMember(slackTeamId: string, userId: string): number[] {
      return teamIdsOfMember.all({ slackTeamId, userId }).map((row) => row.id);
    },

    insert(team: NewTeam): Team {
      return db.insert(teamsTable).values(team).returning().get();
    },

    update(id: number, changes: Partial<NewTeam>): Team {
      const row = db.update(teamsTable).set(changes).where(eq(teamsTable.id, id)).returning().get();
      if (!row) throw new Error(`team ${id} not found`);
      return row;
    },

    members(teamId: number): string[] {
      return db
        .select({ userId: teamMembersTable.userId })
        .from(teamMembersTable)
        .where(eq(teamMembersTable.teamId, teamId))
        .all()
        .map((row) => row.userId);
    },

    replaceMembers(teamId: number, userIds: readonly string[]): void {
      db.delete(teamMembersTable).where(eq(teamMembersTable.teamId, teamId)).run();
      if (userIds.length > 0) {
        db.insert(teamMembersTable)
          .values([...new Set(userIds)].map((userId) => ({ teamId, userId })))
          .run();
      }
    },

    /** Reserves the next human item number of a team (R-1, R-2, ...). */
    allocateItemNumber(teamId: number): number {
      return allocateItemNumbers(teamId, 1);
    },

    /** Reserves `count` consecutive item numbers (bulk imports); returns the first. */
    allocateItemNumbers,
  };
}

export type TeamsRepository = ReturnType<typeof createTeamsRepository>;
