import { eq, lt, sql } from 'drizzle-orm';
import { reusedQuery } from '../query.js';
import type { Access } from '../types.js';

/** Slack event ids already handled, so retries and redeliveries are ignored. */
export function createProcessedEventsRepository(access: Access) {
  const { db, tables } = access;
  const { processedEventsTable } = tables;
  // Checked on every event delivery: reused.
  const byId = reusedQuery(access, 'processedEvents.isProcessed', (db) =>
    db
      .select({ eventId: processedEventsTable.eventId })
      .from(processedEventsTable)
      .where(eq(processedEventsTable.eventId, sql.placeholder('eventId'))),
  );
  const insertId = reusedQuery(access, 'processedEvents.claim', (db) =>
    db
      .insert(processedEventsTable)
      .values({ eventId: sql.placeholder('eventId'), receivedAt: sql.placeholder('at') })
      .onConflictDoNothing()
      // A row comes back only when this call inserted it (a reused query returns rows, not a change count).
      .returning({ eventId: processedEventsTable.eventId }),
  );
  return {
    async isProcessed(eventId: string): Promise<boolean> {
      return (await byId({ eventId })).length > 0;
    },

    /** Records the id; false when it was seen before. */
    async claim(eventId: string, at: number): Promise<boolean> {
      return (await insertId({ eventId, at })).length > 0;
    },

    /** Slack stops retrying after minutes; a day of ids is plenty. */
    async pruneBefore(at: number): Promise<void> {
      await db().delete(processedEventsTable).where(lt(processedEventsTable.receivedAt, at));
    },
  };
}

export type ProcessedEventsRepository = ReturnType<typeof createProcessedEventsRepository>;
