import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { firstRow, isRowId, lockedForUpdate, reusedQuery } from '../query.js';
import type { teamsTable } from '../schema.js';
import type { Access } from '../types.js';
import { workspaceScope } from '../workspaceScope.js';

export type Team = typeof teamsTable.$inferSelect;
export type NewTeam = Omit<typeof teamsTable.$inferInsert, 'id' | 'nextItemNumber'>;

/** Teams, their members and the per-team counter of human item ids. */
export function createTeamsRepository(access: Access) {
  const { db, tables } = access;
  const { slackWorkspacesTable, teamMembersTable, teamsTable } = tables;
  // Reused: every request resolves its team, and building the query each time cost ~15x more (see BENCHMARKS.md).
  const byId = reusedQuery(access, 'teams.findById', (db) =>
    db
      .select()
      .from(teamsTable)
      .where(eq(teamsTable.id, sql.placeholder('id'))),
  );
  const byWorkspace = reusedQuery(access, 'teams.listByWorkspace', (db) =>
    db
      .select()
      .from(teamsTable)
      .where(eq(teamsTable.slackTeamId, sql.placeholder('slackTeamId')))
      .orderBy(asc(teamsTable.name), asc(teamsTable.id)),
  );
  const teamIdsOfMember = reusedQuery(access, 'teams.listTeamIdsOfMember', (db) =>
    db
      .select({ id: teamsTable.id })
      .from(teamMembersTable)
      .innerJoin(teamsTable, eq(teamsTable.id, teamMembersTable.teamId))
      .where(and(eq(teamsTable.slackTeamId, sql.placeholder('slackTeamId')), eq(teamMembersTable.userId, sql.placeholder('userId'))))
      .orderBy(asc(teamsTable.id)),
  );
  // Every new item takes a number.
  const advanceItemNumber = reusedQuery(access, 'teams.allocateItemNumbers', (db) =>
    db
      .update(teamsTable)
      .set({ nextItemNumber: sql`${teamsTable.nextItemNumber} + ${sql.placeholder('count')}` })
      .where(eq(teamsTable.id, sql.placeholder('teamId')))
      .returning({ next: teamsTable.nextItemNumber }),
  );
  async function allocateItemNumbers(teamId: number, count: number): Promise<number> {
    const [row] = await advanceItemNumber({ teamId, count });
    if (!row) throw new Error(`team ${teamId} not found`);
    return row.next - count;
  }
  return {
    /** The team, unless a request of another workspace is asking (see workspaceScope). */
    async findById(id: number): Promise<Team | undefined> {
      if (!isRowId(id)) return undefined;
      const [team] = await byId({ id });
      const scope = workspaceScope.current();
      return team && scope !== undefined && team.slackTeamId !== scope ? undefined : team;
    },

    async findByChannel(slackTeamId: string, channelId: string): Promise<Team | undefined> {
      return firstRow(
        db()
          .select()
          .from(teamsTable)
          .where(and(eq(teamsTable.slackTeamId, slackTeamId), eq(teamsTable.teamChannelId, channelId)))
          .orderBy(asc(teamsTable.id))
          .limit(1),
      );
    },

    /** A workspace's teams by name (the order people pick from). */
    async listByWorkspace(slackTeamId: string): Promise<Team[]> {
      return byWorkspace({ slackTeamId });
    },

    async listAll(): Promise<Team[]> {
      return db().select().from(teamsTable).orderBy(asc(teamsTable.id));
    },

    /** Teams whose workspace has not uninstalled the app: the ones scheduled jobs serve. */
    async listActive(): Promise<Team[]> {
      const rows = await db()
        .select({ team: teamsTable })
        .from(teamsTable)
        .leftJoin(slackWorkspacesTable, eq(slackWorkspacesTable.slackTeamId, teamsTable.slackTeamId))
        .where(isNull(slackWorkspacesTable.uninstalledAt))
        .orderBy(asc(teamsTable.id));
      return rows.map((row) => row.team);
    },

    /** The ids of a workspace's teams. */
    async idsOfWorkspace(slackTeamId: string): Promise<number[]> {
      const rows = await db().select({ id: teamsTable.id }).from(teamsTable).where(eq(teamsTable.slackTeamId, slackTeamId)).orderBy(asc(teamsTable.id));
      return rows.map((row) => row.id);
    },

    async listTeamIdsOfMember(slackTeamId: string, userId: string): Promise<number[]> {
      return (await teamIdsOfMember({ slackTeamId, userId })).map((row) => row.id);
    },

    async insert(team: NewTeam): Promise<Team> {
      return (await db().insert(teamsTable).values(team).returning())[0]!;
    },

    async update(id: number, changes: Partial<NewTeam>): Promise<Team> {
      const row = await firstRow(db().update(teamsTable).set(changes).where(eq(teamsTable.id, id)).returning());
      if (!row) throw new Error(`team ${id} not found`);
      return row;
    },

    async members(teamId: number): Promise<string[]> {
      const rows = await db()
        .select({ userId: teamMembersTable.userId })
        .from(teamMembersTable)
        .where(eq(teamMembersTable.teamId, teamId))
        .orderBy(asc(teamMembersTable.userId));
      return rows.map((row) => row.userId);
    },

    async replaceMembers(teamId: number, userIds: readonly string[]): Promise<void> {
      await db().delete(teamMembersTable).where(eq(teamMembersTable.teamId, teamId));
      if (userIds.length > 0) {
        await db()
          .insert(teamMembersTable)
          .values([...new Set(userIds)].map((userId) => ({ teamId, userId })));
      }
    },

    /**
     * Inside a transaction: waits until no other transaction of any instance holds the team, then
     * holds it until this one ends, so a team's read-check-write changes run one at a time
     * (PostgreSQL; on SQLite the write transaction is already exclusive, and this does nothing).
     */
    async lockForUpdate(teamId: number): Promise<void> {
      if (access.engine === 'sqlite') return;
      if (!access.inTransaction()) throw new Error('teams.lockForUpdate needs a transaction');
      await lockedForUpdate(access, db().select({ id: teamsTable.id }).from(teamsTable).where(eq(teamsTable.id, teamId)));
    },

    /** Reserves the next human item number of a team (R-1, R-2, ...). */
    async allocateItemNumber(teamId: number): Promise<number> {
      return allocateItemNumbers(teamId, 1);
    },

    /** Reserves `count` consecutive item numbers (bulk imports); returns the first. */
    allocateItemNumbers,
  };
}

export type TeamsRepository = ReturnType<typeof createTeamsRepository>;
