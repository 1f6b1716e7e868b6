import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { slackUsersTable, slackWorkspacesTable, teamsTable } from '../schema.js';
import type { Db } from '../types.js';

export type WorkspaceRow = typeof slackWorkspacesTable.$inferSelect;

/** Distribution mode: the workspaces the app serves, their organisation, and whether they uninstalled it. */
export function createWorkspacesRepository({ db }: { db: Db }) {
  return {
    find(slackTeamId: string): WorkspaceRow | undefined {
      return db.select().from(slackWorkspacesTable).where(eq(slackWorkspacesTable.slackTeamId, slackTeamId)).get();
    },

    /** The app serves this workspace (again): it was installed, or a request came through its org's install. */
    markInstalled({ slackTeamId, enterpriseId, at }: { slackTeamId: string; enterpriseId: string | null; at: number }): void {
      db.insert(slackWorkspacesTable)
        .values({ slackTeamId, enterpriseId, uninstalledAt: null, updatedAt: at })
        .onConflictDoUpdate({ target: slackWorkspacesTable.slackTeamId, set: { enterpriseId, uninstalledAt: null, updatedAt: at } })
        .run();
    },

    /** An org-wide install (again): every known workspace of the organisation is served. */
    markOrgInstalled(enterpriseId: string, at: number): void {
      db.update(slackWorkspacesTable)
        .set({ uninstalledAt: null, updatedAt: at })
        .where(and(eq(slackWorkspacesTable.enterpriseId, enterpriseId), isNotNull(slackWorkspacesTable.uninstalledAt)))
        .run();
    },

    /** The workspace uninstalled the app; the first time counts for data retention. */
    markUninstalled(slackTeamId: string, at: number): void {
      db.insert(slackWorkspacesTable).values({ slackTeamId, enterpriseId: null, uninstalledAt: at, updatedAt: at }).onConflictDoNothing().run();
      db.update(slackWorkspacesTable)
        .set({ uninstalledAt: at, updatedAt: at })
        .where(and(eq(slackWorkspacesTable.slackTeamId, slackTeamId), isNull(slackWorkspacesTable.uninstalledAt)))
        .run();
    },

    /** The organisation removed its org-wide install: each of its workspaces is uninstalled. */
    markOrgUninstalled(enterpriseId: string, at: number): string[] {
      return db
        .update(slackWorkspacesTable)
        .set({ uninstalledAt: at, updatedAt: at })
        .where(and(eq(slackWorkspacesTable.enterpriseId, enterpriseId), isNull(slackWorkspacesTable.uninstalledAt)))
        .returning({ slackTeamId: slackWorkspacesTable.slackTeamId })
        .all()
        .map((row) => row.slackTeamId);
    },

    /** Workspaces that uninstalled the app at or before `cutoff`. */
    listUninstalledSince(cutoff: number): string[] {
      return db
        .select({ slackTeamId: slackWorkspacesTable.slackTeamId })
        .from(slackWorkspacesTable)
        .where(and(isNotNull(slackWorkspacesTable.uninstalledAt), lte(slackWorkspacesTable.uninstalledAt, cutoff)))
        .all()
        .map((row) => row.slackTeamId);
    },

    /**
     * Deletes everything kept about a workspace: its teams (their items, sprints, standups, queued
     * messages... all cascade from the team), its users.info cache and the workspace itself.
     */
    purge(slackTeamId: string): { teams: number } {
      const teams = db.delete(teamsTable).where(eq(teamsTable.slackTeamId, slackTeamId)).run().changes;
      db.delete(slackUsersTable).where(eq(slackUsersTable.slackTeamId, slackTeamId)).run();
      db.delete(slackWorkspacesTable).where(eq(slackWorkspacesTable.slackTeamId, slackTeamId)).run();
      return { teams };
    },
  };
}

export type WorkspacesRepository = ReturnType<typeof createWorkspacesRepository>;
