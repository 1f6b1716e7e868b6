import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { outboxTable } from '../schema.js';
import type { Db } from '../types.js';

export type OutboxRow = typeof outboxTable.$inferSelect;

/** last_error while an attempt is under way: a row still marked so at start-up was cut short by a crash. */
const IN_FLIGHT = 'sending';

/** Pending notifications; enqueue is idempotent on dedupe_key. */
export function createOutboxRepository({ db }: { db: Db }) {
  // Polled after every write and on a timer: prepared once.
  const due = db
    .select()
    .from(outboxTable)
    .where(and(eq(outboxTable.status, 'pending'), lte(outboxTable.nextAttemptAt, sql.placeholder('now'))))
    .orderBy(asc(outboxTable.nextAttemptAt), asc(outboxTable.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  return {
    /** Returns false when a notification with the same key was already queued. */
    enqueue(entry: { dedupeKey: string; kind: string; payload: unknown; at: number }): boolean {
      const result = db
        .insert(outboxTable)
        .values({
          dedupeKey: entry.dedupeKey,
          kind: entry.kind,
          payload: JSON.stringify(entry.payload),
          nextAttemptAt: entry.at,
          createdAt: entry.at,
        })
        .onConflictDoNothing()
        .run();
      return result.changes > 0;
    },

    listDue(now: number, limit: number): OutboxRow[] {
      return due.all({ now, limit });
    },

    findByKey(dedupeKey: string): OutboxRow | undefined {
      return db.select().from(outboxTable).where(eq(outboxTable.dedupeKey, dedupeKey)).get();
    },

    /** Claims a row for one sending attempt; false if another sender already has it. */
    claim(id: number, attempts: number, leaseUntil: number): boolean {
      const result = db
        .update(outboxTable)
        .set({ attempts: attempts + 1, nextAttemptAt: leaseUntil, lastError: IN_FLIGHT })
        .where(and(eq(outboxTable.id, id), eq(outboxTable.attempts, attempts), eq(outboxTable.status, 'pending')))
        .run();
      return result.changes > 0;
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
      db.update(outboxTable)
        .set({ status: 'sent', sentAt: at, result: JSON.stringify(result ?? null), lastError: null })
        .where(eq(outboxTable.id, id))
        .run();
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

    markFailed(id: number, error: string): void {
      db.update(outboxTable).set({ status: 'failed', lastError: error }).where(eq(outboxTable.id, id)).run();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
