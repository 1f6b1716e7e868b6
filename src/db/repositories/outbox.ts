import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import { affectedRows, firstRow, reusedQuery, skipLocked } from '../query.js';
import type { outboxTable } from '../schema.js';
import type { Access } from '../types.js';

export type OutboxRow = typeof outboxTable.$inferSelect;

/** last_error while an attempt is under way: a row still marked so at start-up was cut short by a crash. */
const IN_FLIGHT = 'sending';
/** last_error of the notifications given up when their workspace uninstalled the app (for operators). */
export const UNINSTALLED_ERROR = 'not sent: the workspace uninstalled the app';

/** Pending notifications; enqueue is idempotent on dedupe_key. */
export function createOutboxRepository(access: Access) {
  const { db, tables } = access;
  const { outboxTable } = tables;
  // Every suggestion runs these (queue two messages, claim them, mark them sent): prepared once,
  // so drizzle builds their SQL once instead of on every call.
  const claimDue = reusedQuery(access, 'outbox.claimDue', (db) => {
    const due = db
      .select({ id: outboxTable.id })
      .from(outboxTable)
      .where(and(eq(outboxTable.status, 'pending'), lte(outboxTable.nextAttemptAt, sql.placeholder('now'))))
      .orderBy(asc(outboxTable.nextAttemptAt), asc(outboxTable.id))
      .limit(sql.placeholder('limit'));
    return db
      .update(outboxTable)
      .set({ attempts: sql`${outboxTable.attempts} + 1`, nextAttemptAt: sql`${sql.placeholder('leaseUntil')}`, lastError: IN_FLIGHT })
      .where(inArray(outboxTable.id, skipLocked(access, due)))
      .returning();
  });
  const insert = reusedQuery(access, 'outbox.enqueue', (db) =>
    db
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
      // The inserted row's id says it was new (a reused query returns rows, not a change count).
      .returning({ id: outboxTable.id }),
  );
  const sent = reusedQuery(access, 'outbox.markSent', (db) =>
    db
      .update(outboxTable)
      .set({ status: 'sent', sentAt: sql`${sql.placeholder('at')}`, result: sql`${sql.placeholder('result')}`, lastError: null })
      .where(eq(outboxTable.id, sql.placeholder('id')))
      .returning({ id: outboxTable.id }),
  );
  return {
    /** Queues a notification for a team (its workspace's token sends it); false when the same key was already queued. */
    async enqueue(entry: { dedupeKey: string; kind: string; payload: unknown; at: number; teamId?: number }): Promise<boolean> {
      const { dedupeKey, kind, at } = entry;
      const inserted = await insert({ dedupeKey, kind, payload: JSON.stringify(entry.payload), at, teamId: entry.teamId ?? null });
      return inserted.length > 0;
    },

    /** Gives up every pending notification of these teams (their workspace uninstalled the app). */
    async cancelPendingOfTeams(teamIds: readonly number[], reason: string): Promise<number> {
      if (teamIds.length === 0) return 0;
      return affectedRows(
        db()
          .update(outboxTable)
          .set({ status: 'failed', lastError: reason })
          .where(and(eq(outboxTable.status, 'pending'), inArray(outboxTable.teamId, [...teamIds]))),
      );
    },

    /**
     * Claims up to `limit` due rows (longest due first) for one sending attempt each, in one write:
     * their attempts are counted and they are hidden until `leaseUntil`. Returned in queue order.
     * Instances sharing a PostgreSQL database skip rows another one is claiming (see skipLocked).
     */
    async claimDue(now: number, limit: number, leaseUntil: number): Promise<OutboxRow[]> {
      return (await claimDue({ now, limit, leaseUntil })).sort((a, b) => a.id - b.id);
    },

    async findByKey(dedupeKey: string): Promise<OutboxRow | undefined> {
      return firstRow(db().select().from(outboxTable).where(eq(outboxTable.dedupeKey, dedupeKey)).limit(1));
    },

    /** Puts a claimed row back for later without counting the attempt (it was waiting, not failing). */
    async defer(id: number, nextAttemptAt: number, reason: string): Promise<void> {
      await db()
        .update(outboxTable)
        .set({ attempts: sql`${outboxTable.attempts} - 1`, nextAttemptAt, lastError: reason })
        .where(eq(outboxTable.id, id));
    },

    /** Makes a held (future) pending notification due now. */
    async release(dedupeKey: string, at: number): Promise<void> {
      await db()
        .update(outboxTable)
        .set({ nextAttemptAt: at })
        .where(and(eq(outboxTable.dedupeKey, dedupeKey), eq(outboxTable.status, 'pending'), eq(outboxTable.attempts, 0)));
    },

    async markSent(id: number, at: number, result: unknown): Promise<void> {
      await sent({ id, at, result: JSON.stringify(result ?? null) });
    },

    async reschedule(id: number, nextAttemptAt: number, error: string): Promise<void> {
      await db().update(outboxTable).set({ nextAttemptAt, lastError: error }).where(eq(outboxTable.id, id));
    },

    /**
     * Makes rows whose sending attempt was cut short by a crash due now, instead of when their
     * lease runs out. Call at start-up, before this process claims anything. Only where one process
     * owns the database (SQLite): on a shared one the rows may be another live instance's, so they
     * wait for their lease to run out instead.
     */
    async releaseInterrupted(now: number): Promise<number> {
      if (access.engine !== 'sqlite') return 0;
      return affectedRows(
        db()
          .update(outboxTable)
          .set({ nextAttemptAt: now, lastError: 'interrupted by a restart' })
          .where(and(eq(outboxTable.status, 'pending'), eq(outboxTable.lastError, IN_FLIGHT))),
      );
    },

    /** What /metrics reports: pending rows (and the oldest one's creation time) and rows given up on. */
    async stats(): Promise<{ pending: number; failed: number; oldestPendingAt: number | null }> {
      // Both counts walk outbox_due_idx (status first); sent rows, the bulk of the table, are never read.
      const pending = await firstRow(
        db()
          .select({ n: count(), oldest: sql<number | null>`min(${outboxTable.createdAt})` })
          .from(outboxTable)
          .where(eq(outboxTable.status, 'pending')),
      );
      const failed = await firstRow(db().select({ n: count() }).from(outboxTable).where(eq(outboxTable.status, 'failed')));
      // PostgreSQL's count and min over bigint are int8: numbers through the driver's parser, said again here.
      const oldest = pending?.oldest ?? null;
      return { pending: Number(pending?.n ?? 0), failed: Number(failed?.n ?? 0), oldestPendingAt: oldest === null ? null : Number(oldest) };
    },

    async markFailed(id: number, error: string): Promise<void> {
      await db().update(outboxTable).set({ status: 'failed', lastError: error }).where(eq(outboxTable.id, id));
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
