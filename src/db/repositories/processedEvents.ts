import { eq, lt, sql } from 'drizzle-orm';
import { processedEventsTable } from '../schema.js';
import type { Db } from '../types.js';

/** Slack event ids already handled, so retries and redeliveries are ignored. */
export function createProcessedEventsRepository({ db }: { db: Db }) {
  // Checked on every event delivery: prepared once.
  const byId = db
    .select()
    .from(processedEventsTable)
    .where(eq(processedEventsTable.eventId, sql.placeholder('eventId')))
    .prepare();
  const insertId = db
    .insert(processedEventsTable)
    .values({ eventId: sql.placeholder('eventId'), receivedAt: sql.placeholder('at') })
    .onConflictDoNothing()
    .prepare();
  return {
    isProcessed(eventId: string): boolean {
      return byId.get({ eventId }) !== undefined;
    },

    /** Records the id; false when it was seen before. */
    claim(eventId: string, at: number): boolean {
      return insertId.run({ eventId, at }).changes > 0;
    },

    /** Slack stops retrying after minutes; a day of ids is plenty. */
    pruneBefore(at: number): void {
      db.delete(processedEventsTable).where(lt(processedEventsTable.receivedAt, at)).run();
    },
  };
}

export type ProcessedEventsRepository = ReturnType<typeof createProcessedEventsRepository>;
