import { and, eq } from 'drizzle-orm';
import { scheduledPostsTable } from '../schema.js';
import type { Db } from '../types.js';

export type ScheduledPost = typeof scheduledPostsTable.$inferSelect;

/** Exactly-once claims of scheduled posts, one row per (team, kind, period). */
export function createScheduledPostsRepository({ db }: { db: Db }) {
  return {
    /** Claims the slot; false when someone (another run, an earlier process) already has it. */
    claim(post: { teamId: number; kind: string; period: string; at: number }): boolean {
      return (
        db
          .insert(scheduledPostsTable)
          .values({ teamId: post.teamId, kind: post.kind, period: post.period, claimedAt: post.at })
          .onConflictDoNothing()
          .run().changes > 0
      );
    },

    markDone(post: { teamId: number; kind: string; period: string; at: number }): void {
      db.update(scheduledPostsTable)
        .set({ doneAt: post.at })
        .where(and(eq(scheduledPostsTable.teamId, post.teamId), eq(scheduledPostsTable.kind, post.kind), eq(scheduledPostsTable.period, post.period)))
        .run();
    },

    find(teamId: number, kind: string, period: string): ScheduledPost | undefined {
      return db
        .select()
        .from(scheduledPostsTable)
        .where(and(eq(scheduledPostsTable.teamId, teamId), eq(scheduledPostsTable.kind, kind), eq(scheduledPostsTable.period, period)))
        .get();
    },

    listForTeam(teamId: number, kind: string): ScheduledPost[] {
      return db
        .select()
        .from(scheduledPostsTable)
        .where(and(eq(scheduledPostsTable.teamId, teamId), eq(scheduledPostsTable.kind, kind)))
        .all();
    },
  };
}

export type ScheduledPostsRepository = ReturnType<typeof createScheduledPostsRepository>;
