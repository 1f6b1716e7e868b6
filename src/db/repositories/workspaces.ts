import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { affectedRows, firstRow } from '../query.js';
import type { slackWorkspacesTable } from '../schema.js';
import type { Access } from '../types.js';

export type WorkspaceRow = typeof slackWorkspacesTable.$inferSelect;

/** Distribution mode: the workspaces the app serves, their organisation, and whether they uninstalled it. */
export function createWorkspacesRepository({ db, tables }: Access) {
  const { slackUsersTable, slackWorkspacesTable: workspaces, teamsTable } = tables;
  return {
    async find(slackTeamId: string): Promise<WorkspaceRow | undefined> {
      return firstRow(db().select().from(workspaces).where(eq(workspaces.slackTeamId, slackTeamId)).limit(1));
    },

    /** The app serves this workspace (again): it was installed, or a request came through its org's install. */
    async markInstalled({ slackTeamId, enterpriseId, at }: { slackTeamId: string; enterpriseId: string | null; at: number }): Promise<void> {
      await db()
        .insert(workspaces)
        .values({ slackTeamId, enterpriseId, uninstalledAt: null, updatedAt: at })
        .onConflictDoUpdate({ target: workspaces.slackTeamId, set: { enterpriseId, uninstalledAt: null, updatedAt: at } });
    },

    /** An org-wide install (again): every known workspace of the organisation is served. */
    async markOrgInstalled(enterpriseId: string, at: number): Promise<void> {
      await db()
        .update(workspaces)
        .set({ uninstalledAt: null, updatedAt: at })
        .where(and(eq(workspaces.enterpriseId, enterpriseId), isNotNull(workspaces.uninstalledAt)));
    },

    /** The workspace uninstalled the app; the first time counts for data retention. */
    async markUninstalled(slackTeamId: string, at: number): Promise<void> {
      await db().insert(workspaces).values({ slackTeamId, enterpriseId: null, uninstalledAt: at, updatedAt: at }).onConflictDoNothing();
      await db()
        .update(workspaces)
        .set({ uninstalledAt: at, updatedAt: at })
        .where(and(eq(workspaces.slackTeamId, slackTeamId), isNull(workspaces.uninstalledAt)));
    },

    /** The organisation removed its org-wide install: each of its workspaces is uninstalled. */
    async markOrgUninstalled(enterpriseId: string, at: number): Promise<string[]> {
      const rows = await db()
        .update(workspaces)
        .set({ uninstalledAt: at, updatedAt: at })
        .where(and(eq(workspaces.enterpriseId, enterpriseId), isNull(workspaces.uninstalledAt)))
        .returning({ slackTeamId: workspaces.slackTeamId });
      return rows.map((row) => row.slackTeamId);
    },

    /** Workspaces that uninstalled the app at or before `cutoff`. */
    async listUninstalledSince(cutoff: number): Promise<string[]> {
      const rows = await db()
        .select({ slackTeamId: workspaces.slackTeamId })
        .from(workspaces)
        .where(and(isNotNull(workspaces.uninstalledAt), lte(workspaces.uninstalledAt, cutoff)));
      return rows.map((row) => row.slackTeamId);
    },

    /**
     * Deletes everything kept about a workspace: its teams (their items, sprints, standups, queued
     * messages... all cascade from the team), its users.info cache and the workspace itself.
     */
    async purge(slackTeamId: string): Promise<{ teams: number }> {
      const teams = await affectedRows(db().delete(teamsTable).where(eq(teamsTable.slackTeamId, slackTeamId)));
      await db().delete(slackUsersTable).where(eq(slackUsersTable.slackTeamId, slackTeamId));
      await db().delete(workspaces).where(eq(workspaces.slackTeamId, slackTeamId));
      return { teams };
    },
  };
}

export type WorkspacesRepository = ReturnType<typeof createWorkspacesRepository>;
