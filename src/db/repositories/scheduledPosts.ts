import { and, eq, isNull, lt } from 'drizzle-orm';
import { scheduledPostsTable } from '../schema.js';
import type { Db } from '../types.js';

export type ScheduledPost = typeof scheduledPostsTable.$inferSelect;

type PostKey = { teamId: number; kind: string; period: string };

const keyIs = (post: PostKey) =>
  and(eq(scheduledPostsTable.teamId, post.teamId), eq(scheduledPostsTable.kind, post.kind), eq(scheduledPostsTable.period, post.period));

/**
 * Exactly-once claims of scheduled posts, one row per (team, kind, period). A claim is a lease: a
 * row claimed but never marked done (the process died mid-post) can be claimed again once the
 * lease has run out, so a crash delays a post instead of losing it.
 */
export function createScheduledPostsRepository({ db }: { db: Db }) {
  return {
    /** Claims the slot; false when someone (another run, an earlier process) holds or finished it. */
    claim(post: PostKey & { at: number; leaseMs?: number }): boolean {
      // Without a lease a claim is forever (posts queued in the outbox in the same transaction).
      const staleBefore = post.leaseMs === undefined ? Number.MIN_SAFE_INTEGER : post.at - post.leaseMs;
      return (
        db
          .insert(scheduledPostsTable)
          .values({ teamId: post.teamId, kind: post.kind, period: post.period, claimedAt: post.at })
          .onConflictDoUpdate({
            target: [scheduledPostsTable.teamId, scheduledPostsTable.kind, scheduledPostsTable.period],
            set: { claimedAt: post.at },
            setWhere: and(isNull(scheduledPostsTable.doneAt), lt(scheduledPostsTable.claimedAt, staleBefore)),
          })
          .run().changes > 0
      );
    },

    /** Gives a claim back (the post failed for a passing reason): the next sweep tries again. */
    release(post: PostKey): void {
      db.delete(scheduledPostsTable)
        .where(and(keyIs(post), isNull(scheduledPostsTable.doneAt)))
        .run();
    },

    markDone(post: PostKey & { at: number }): void {
      db.update(scheduledPostsTable).set({ doneAt: post.at }).where(keyIs(post)).run();
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
