import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { outboxTable } from '../schema.js';
import type { Db } from '../types.js';

export type OutboxRow = typeof outboxTable.$inferSelect;

/** last_error while an attempt is under way: a row still marked so at start-up was cut short by a crash. */
const IN_FLIGHT = 'sending';
/** last_error of the notifications given up when their workspace uninstalled the app (for operators). */
export const UNINSTALLED_ERROR = 'not sent: the workspace uninstalled the app';

/** Pending notifications; enqueue is idempotent on dedupe_key. */
export function createOutboxRepository({ db }: { db: Db }) {
  // Every suggestion runs these (queue two messages, claim them, mark them sent): prepared once,
  // so drizzle builds their SQL once instead of on every call.
  const due = db
    .select({ id: outboxTable.id })
    .from(outboxTable)
    .where(and(eq(outboxTable.status, 'pending'), lte(outboxTable.nextAttemptAt, sql.placeholder('now'))))
    .orderBy(asc(outboxTable.nextAttemptAt), asc(outboxTable.id))
    .limit(sql.placeholder('limit'));
  const claimDue = db
    .update(outboxTable)
    .set({ attempts: sql`${outboxTable.attempts} + 1`, nextAttemptAt: sql`${sql.placeholder('leaseUntil')}`, lastError: IN_FLIGHT })
    .where(inArray(outboxTable.id, due))
    .returning()
    .prepare();
  const insert = db
    .insert(outboxTable)
    .values({
      dedupeKey: sql.placeholder('dedupeKey'),
      kind: sql.placeholder('kind'),
      payload: sql.placeholder('payload'),
      nextAttemptAt: sql.placeholder('at'),
      teamId: sql.placeholder('teamId'),
      createdAt: sql.placeholder('at'),
    })
    .onConflictDoNothing()
    .prepare();
  const sent = db
    .update(outboxTable)
    .set({ status: 'sent', sentAt: sql`${sql.placeholder('at')}`, result: sql`${sql.placeholder('result')}`, lastError: null })
    .where(eq(outboxTable.id, sql.placeholder('id')))
    .prepare();
  return {
    /** Queues a notification for a team (its workspace's token sends it); false when the same key was already queued. */
    enqueue(entry: { dedupeKey: string; kind: string; payload: unknown; at: number; teamId?: number }): boolean {
      const { dedupeKey, kind, at } = entry;
      return insert.run({ dedupeKey, kind, payload: JSON.stringify(entry.payload), at, teamId: entry.teamId ?? null }).changes > 0;
    },

    /** Gives up every pending notification of these teams (their workspace uninstalled the app). */
    cancelPendingOfTeams(teamIds: readonly number[], reason: string): number {
      if (teamIds.length === 0) return 0;
      return db
        .update(outboxTable)
        .set({ status: 'failed', lastError: reason })
        .where(and(eq(outboxTable.status, 'pending'), inArray(outboxTable.teamId, [...teamIds])))
        .run().changes;
    },

    /**
     * Claims up to `limit` due rows (longest due first) for one sending attempt each, in one write:
     * their attempts are counted and they are hidden until `leaseUntil`. Returned in queue order.
     */
    claimDue(now: number, limit: number, leaseUntil: number): OutboxRow[] {
      return claimDue.all({ now, limit, leaseUntil }).sort((a, b) => a.id - b.id);
    },

    findByKey(dedupeKey: string): OutboxRow | undefined {
      return db.select().from(outboxTable).where(eq(outboxTable.dedupeKey, dedupeKey)).get();
    },

    /** Puts a claimed row back for later without counting the attempt (it was waiting, not failing). */
    defer(id: number, nextAttemptAt: number, reason: string): void {
      db.update(outboxTable)
        .set({ attempts: sql`${outboxTable.attempts} - 1`, nextAttemptAt, lastError: reason })
        .where(eq(outboxTable.id, id))
        .run();
    },

    /** Makes a held (future) pending notification due now. */
    release(dedupeKey: string, at: number): void {
      db.update(outboxTable)
        .set({ nextAttemptAt: at })
        .where(and(eq(outboxTable.dedupeKey, dedupeKey), eq(outboxTable.status, 'pending'), eq(outboxTable.attempts, 0)))
        .run();
    },

    markSent(id: number, at: number, result: unknown): void {
      sent.run({ id, at, result: JSON.stringify(result ?? null) });
    },

    reschedule(id: number, nextAttemptAt: number, error: string): void {
      db.update(outboxTable).set({ nextAttemptAt, lastError: error }).where(eq(outboxTable.id, id)).run();
    },

    /**
     * Makes rows whose sending attempt was cut short by a crash due now, instead of when their
     * lease runs out. Call at start-up, before this process claims anything (one app per database).
     */
    releaseInterrupted(now: number): number {
      return db
        .update(outboxTable)
        .set({ nextAttemptAt: now, lastError: 'interrupted by a restart' })
        .where(and(eq(outboxTable.status, 'pending'), eq(outboxTable.lastError, IN_FLIGHT)))
        .run().changes;
    },

    /** What /metrics reports: pending rows (and the oldest one's creation time) and rows given up on. */
    stats(): { pending: number; failed: number; oldestPendingAt: number | null } {
      // Both counts walk outbox_due_idx (status first); sent rows, the bulk of the table, are never read.
      const pending = db
        .select({ n: sql<number>`count(*)`, oldest: sql<number | null>`min(${outboxTable.createdAt})` })
        .from(outboxTable)
        .where(eq(outboxTable.status, 'pending'))
        .get();
      const failed = db.select({ n: sql<number>`count(*)` }).from(outboxTable).where(eq(outboxTable.status, 'failed')).get();
      return { pending: pending?.n ?? 0, failed: failed?.n ?? 0, oldestPendingAt: pending?.oldest ?? null };
    },

    markFailed(id: number, error: string): void {
      db.update(outboxTable).set({ status: 'failed', lastError: error }).where(eq(outboxTable.id, id)).run();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
