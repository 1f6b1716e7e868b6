import { eq, sql } from 'drizzle-orm';
import { affectedRows, firstRow, reusedQuery } from '../query.js';
import type { slackInstallationsTable } from '../schema.js';
import type { Access } from '../types.js';

export type InstallationRow = typeof slackInstallationsTable.$inferSelect;
export type NewInstallationRow = Omit<typeof slackInstallationsTable.$inferInsert, 'id'>;

/** The key of a workspace's own install. */
export const workspaceInstallationKey = (slackTeamId: string) => `T:${slackTeamId}`;
/** The key of an Enterprise Grid org-wide install. */
export const orgInstallationKey = (enterpriseId: string) => `E:${enterpriseId}`;

/** Distribution mode: the bot token of each install ("Add to Slack"), by workspace or organisation. */
export function createInstallationsRepository(access: Access) {
  const { db, tables } = access;
  const { slackInstallationsTable: installs } = tables;
  // Every request in distribution mode authorizes through one.
  const byKey = reusedQuery(access, 'installations.byKey', (handle) =>
    handle
      .select()
      .from(installs)
      .where(eq(installs.installationKey, sql.placeholder('key')))
      .limit(1),
  );
  return {
    async findByKey(installationKey: string): Promise<InstallationRow | undefined> {
      return firstRow(byKey({ key: installationKey }));
    },

    /** Creates or replaces an install (a reinstall or a refreshed token); the first install time is kept. */
    async save(row: NewInstallationRow): Promise<void> {
      const { installedAt: _first, installationKey: _key, ...changes } = row;
      await db().insert(installs).values(row).onConflictDoUpdate({ target: installs.installationKey, set: changes });
    },

    /** Forgets an install and its tokens; false when there was none. */
    async delete(installationKey: string): Promise<boolean> {
      return (await affectedRows(db().delete(installs).where(eq(installs.installationKey, installationKey)))) > 0;
    },
  };
}

export type InstallationsRepository = ReturnType<typeof createInstallationsRepository>;
