import { and, eq } from 'drizzle-orm';
import { scheduledPostsTable } from '../schema.js';
import type { Db } from '../types.js';

/** Exactly-once claims for scheduled posts: (team, kind, period). */
export function createScheduledPostsRepository({ db }: { db: Db }) {
  return {
    /** Claims the slot; false when it was claimed before (by this or another run). */
    claim({ teamId, kind, period, at }: { teamId: number; kind: string; period: string; at: number }): boolean {
      return db.insert(scheduledPostsTable).values({ teamId, kind, period, claimedAt: at }).onConflictDoNothing().run().changes > 0;
    },

    markDone({ teamId, kind, period, at }: { teamId: number; kind: string; period: string; at: number }): void {
      db.update(scheduledPostsTable)
        .set({ doneAt: at })
        .where(and(eq(scheduledPostsTable.teamId, teamId), eq(scheduledPostsTable.kind, kind), eq(scheduledPostsTable.period, period)))
        .run();
    },
  };
}

export type ScheduledPostsRepository = ReturnType<typeof createScheduledPostsRepository>;
