import { and, eq } from 'drizzle-orm';
import type { slackUsersTable } from '../schema.js';
import { firstRow } from '../query.js';
import type { Access } from '../types.js';

export type SlackUser = typeof slackUsersTable.$inferSelect;

/** Cached users.info facts (timezone, admin flag). */
export function createSlackUsersRepository({ db, tables }: Access) {
  const { slackUsersTable } = tables;
  return {
    async find(slackTeamId: string, userId: string): Promise<SlackUser | undefined> {
      return firstRow(
        db()
          .select()
          .from(slackUsersTable)
          .where(and(eq(slackUsersTable.slackTeamId, slackTeamId), eq(slackUsersTable.userId, userId)))
          .limit(1),
      );
    },

    async upsert(user: SlackUser): Promise<void> {
      await db()
        .insert(slackUsersTable)
        .values(user)
        .onConflictDoUpdate({
          target: [slackUsersTable.slackTeamId, slackUsersTable.userId],
          set: { tz: user.tz, isAdmin: user.isAdmin, fetchedAt: user.fetchedAt },
        });
    },
  };
}

export type SlackUsersRepository = ReturnType<typeof createSlackUsersRepository>;
