import { and, eq, isNull, lt } from 'drizzle-orm';
import { firstRow } from '../query.js';
import type { scheduledPostsTable } from '../schema.js';
import type { Access } from '../types.js';

export type ScheduledPost = typeof scheduledPostsTable.$inferSelect;

type PostKey = { teamId: number; kind: string; period: string };

/**
 * Exactly-once claims of scheduled posts, one row per (team, kind, period), across every process
 * on the database (the primary key decides). A claim is a lease: a row claimed but never marked
 * done (the process died mid-post) can be claimed again once the lease has run out, so a crash
 * delays a post instead of losing it.
 */
export function createScheduledPostsRepository({ db, tables }: Access) {
  const { scheduledPostsTable: posts } = tables;
  const keyIs = (post: PostKey) => and(eq(posts.teamId, post.teamId), eq(posts.kind, post.kind), eq(posts.period, post.period));
  return {
    /** Claims the slot; false when someone (another run, another process) holds or finished it. */
    async claim(post: PostKey & { at: number; leaseMs?: number }): Promise<boolean> {
      // Without a lease a claim is forever (posts queued in the outbox in the same transaction).
      const staleBefore = post.leaseMs === undefined ? Number.MIN_SAFE_INTEGER : post.at - post.leaseMs;
      const claimed = await db()
        .insert(posts)
        .values({ teamId: post.teamId, kind: post.kind, period: post.period, claimedAt: post.at })
        .onConflictDoUpdate({
          target: [posts.teamId, posts.kind, posts.period],
          set: { claimedAt: post.at },
          setWhere: and(isNull(posts.doneAt), lt(posts.claimedAt, staleBefore)),
        })
        .returning({ teamId: posts.teamId });
      return claimed.length > 0;
    },

    /** Gives a claim back (the post failed for a passing reason): the next sweep tries again. */
    async release(post: PostKey): Promise<void> {
      await db()
        .delete(posts)
        .where(and(keyIs(post), isNull(posts.doneAt)));
    },

    async markDone(post: PostKey & { at: number }): Promise<void> {
      await db().update(posts).set({ doneAt: post.at }).where(keyIs(post));
    },

    async find(teamId: number, kind: string, period: string): Promise<ScheduledPost | undefined> {
      return firstRow(db().select().from(posts).where(keyIs({ teamId, kind, period })).limit(1));
    },

    async listForTeam(teamId: number, kind: string): Promise<ScheduledPost[]> {
      return db()
        .select()
        .from(posts)
        .where(and(eq(posts.teamId, teamId), eq(posts.kind, kind)));
    },
  };
}

export type ScheduledPostsRepository = ReturnType<typeof createScheduledPostsRepository>;
