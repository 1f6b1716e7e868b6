import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { outboxTable } from '../schema.js';
import type { Db } from '../types.js';

export type OutboxRow = typeof outboxTable.$inferSelect;

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
        .set({ attempts: attempts + 1, nextAttemptAt: leaseUntil })
        .where(and(eq(outboxTable.id, id), eq(outboxTable.attempts, attempts), eq(outboxTable.status, 'pending')))
        .run();
      return result.changes > 0;
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

    markFailed(id: number, error: string): void {
      db.update(outboxTable).set({ status: 'failed', lastError: error }).where(eq(outboxTable.id, id)).run();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
