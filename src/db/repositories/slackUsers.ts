import { and, eq } from 'drizzle-orm';
import { slackUsersTable } from '../schema.js';
import type { Db } from '../types.js';

export type SlackUser = typeof slackUsersTable.$inferSelect;

/** Cached users.info facts (timezone, admin flag). */
export function createSlackUsersRepository({ db }: { db: Db }) {
  return {
    find(slackTeamId: string, userId: string): SlackUser | undefined {
      return db
        .select()
        .from(slackUsersTable)
        .where(and(eq(slackUsersTable.slackTeamId, slackTeamId), eq(slackUsersTable.userId, userId)))
        .get();
    },

    upsert(user: SlackUser): void {
      db.insert(slackUsersTable)
        .values(user)
        .onConflictDoUpdate({
          target: [slackUsersTable.slackTeamId, slackUsersTable.userId],
          set: { tz: user.tz, isAdmin: user.isAdmin, fetchedAt: user.fetchedAt },
        })
        .run();
    },
  };
}

export type SlackUsersRepository = ReturnType<typeof createSlackUsersRepository>;
