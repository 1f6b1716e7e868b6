import { eq, sql } from 'drizzle-orm';
import { slackInstallationsTable } from '../schema.js';
import type { Db } from '../types.js';

export type InstallationRow = typeof slackInstallationsTable.$inferSelect;
export type NewInstallationRow = Omit<typeof slackInstallationsTable.$inferInsert, 'id'>;

/** The key of a workspace's own install. */
export const workspaceInstallationKey = (slackTeamId: string) => `T:${slackTeamId}`;
/** The key of an Enterprise Grid org-wide install. */
export const orgInstallationKey = (enterpriseId: string) => `E:${enterpriseId}`;

/** Distribution mode: the bot token of each install ("Add to Slack"), by workspace or organisation. */
export function createInstallationsRepository({ db }: { db: Db }) {
  const byKey = db
    .select()
    .from(slackInstallationsTable)
    .where(eq(slackInstallationsTable.installationKey, sql.placeholder('key')))
    .prepare();
  return {
    findByKey(installationKey: string): InstallationRow | undefined {
      return byKey.get({ key: installationKey });
    },

    /** Creates or replaces an install (a reinstall or a refreshed token); the first install time is kept. */
    save(row: NewInstallationRow): void {
      const { installedAt: _first, installationKey: _key, ...changes } = row;
      db.insert(slackInstallationsTable).values(row).onConflictDoUpdate({ target: slackInstallationsTable.installationKey, set: changes }).run();
    },

    /** Forgets an install and its tokens; false when there was none. */
    delete(installationKey: string): boolean {
      return db.delete(slackInstallationsTable).where(eq(slackInstallationsTable.installationKey, installationKey)).run().changes > 0;
    },
  };
}

export type InstallationsRepository = ReturnType<typeof createInstallationsRepository>;
