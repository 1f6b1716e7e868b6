import { and, asc, count, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { affectedRows, firstRow, reusedQuery, skipLocked } from '../query.js';
import type { eventInboxTable } from '../schema.js';
import type { Access } from '../types.js';

export type EventInboxRow = typeof eventInboxTable.$inferSelect;

/** How often a failing event is tried, and how long it waits before the next try. */
export interface EventRetryPolicy {
  /** Runs in all (the first included); past it the row is 'failed'. */
  maxAttempts: number;
  /** The wait after the given failed attempt (1 for the first). */
  backoffMs(attempt: number): number;
}

/** 2 s, 10 s, 50 s, 4 min: outlasts a Slack hiccup or a short outage, and gives up within minutes. */
export const DEFAULT_EVENT_RETRY: EventRetryPolicy = {
  maxAttempts: 5,
  backoffMs: (attempt) => 2_000 * 5 ** (attempt - 1),
};

/** last_error of a row whose runs were all cut short (its instance died each time): it may be what kills them. */
export const LEASE_EXHAUSTED_ERROR = 'its lease ran out on every attempt (the instance running it stopped)';

/**
 * The durable Events API inbox: written before Slack's ack, claimed with a lease by one instance at
 * a time, marked done or failed after its run. Every write is one statement: a claim is one
 * UPDATE ... WHERE event_id IN (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL), so instances on
 * one database never claim the same row and never wait for each other's claims.
 */
export function createEventInboxRepository(access: Access, retry: EventRetryPolicy = DEFAULT_EVENT_RETRY) {
  const { db, tables } = access;
  const { eventInboxTable: inbox } = tables;
  // On every event delivery, before its ack.
  const insert = reusedQuery(access, 'eventInbox.accept', (handle) =>
    handle
      .insert(inbox)
      .values({ eventId: sql.placeholder('eventId'), body: sql.placeholder('body'), receivedAt: sql.placeholder('at') })
      .onConflictDoNothing()
      .returning({ eventId: inbox.eventId }),
  );
  const heldBy = (eventId: string, instanceId: string) => and(eq(inbox.eventId, eventId), eq(inbox.state, 'pending'), eq(inbox.claimedBy, instanceId));

  return {
    /** Stores a delivery as received; false when its event_id is already known (a redelivery). */
    async accept(eventId: string, body: string, at: number): Promise<boolean> {
      return (await insert({ eventId, body, at })).length > 0;
    },

    /**
     * Claims up to `limit` claimable rows, oldest first, for one run each by `instanceId` until
     * `leaseUntil`: a row whose lease ran out (its instance died) is claimable again.
     */
    async claim(instanceId: string, now: number, leaseUntil: number, limit: number): Promise<EventInboxRow[]> {
      if (limit <= 0) return [];
      // Free to claim: pending, not held by a live lease or a retry's backoff, under the attempt limit.
      const claimable = skipLocked(
        access,
        db()
          .select({ eventId: inbox.eventId })
          .from(inbox)
          .where(and(eq(inbox.state, 'pending'), or(isNull(inbox.leaseUntil), lt(inbox.leaseUntil, now)), lt(inbox.attempts, retry.maxAttempts)))
          .orderBy(asc(inbox.receivedAt), asc(inbox.eventId))
          .limit(limit),
      );
      const claimed = await db()
        .update(inbox)
        .set({ attempts: sql`${inbox.attempts} + 1`, leaseUntil, claimedBy: instanceId })
        .where(inArray(inbox.eventId, claimable))
        .returning();
      return claimed.sort((a, b) => a.receivedAt - b.receivedAt || a.eventId.localeCompare(b.eventId));
    },

    /** Keeps the rows this instance is still running claimed; the number still held. */
    async extendLease(instanceId: string, eventIds: readonly string[], leaseUntil: number): Promise<number> {
      if (eventIds.length === 0) return 0;
      return affectedRows(
        db()
          .update(inbox)
          .set({ leaseUntil })
          .where(and(inArray(inbox.eventId, [...eventIds]), eq(inbox.state, 'pending'), eq(inbox.claimedBy, instanceId))),
      );
    },

    /** The run finished; false when this instance no longer held the row (its lease had run out). */
    async complete(eventId: string, instanceId: string, at: number): Promise<boolean> {
      const done = db().update(inbox).set({ state: 'done', doneAt: at, leaseUntil: null, lastError: null }).where(heldBy(eventId, instanceId));
      return (await affectedRows(done)) > 0;
    },

    /**
     * The run failed: back to pending after the policy's backoff, or 'failed' when the attempts are
     * used up or `retryable` is false (the same input would fail the same way).
     */
    async fail(
      eventId: string,
      instanceId: string,
      error: string,
      at: number,
      { retryable = true }: { retryable?: boolean } = {},
    ): Promise<'retry' | 'failed' | 'lost'> {
      const row = await firstRow(db().select({ attempts: inbox.attempts }).from(inbox).where(heldBy(eventId, instanceId)).limit(1));
      if (!row) return 'lost';
      const lastError = error.slice(0, 2_000);
      // Each write holds only while this instance still holds the row: a lease that ran out between the
      // read and the write leaves the row to whoever took it over ('lost').
      if (retryable && row.attempts < retry.maxAttempts) {
        const retried = db()
          .update(inbox)
          .set({ leaseUntil: at + retry.backoffMs(row.attempts), claimedBy: null, lastError })
          .where(heldBy(eventId, instanceId));
        return (await affectedRows(retried)) > 0 ? 'retry' : 'lost';
      }
      const failed = db().update(inbox).set({ state: 'failed', doneAt: at, leaseUntil: null, lastError }).where(heldBy(eventId, instanceId));
      return (await affectedRows(failed)) > 0 ? 'failed' : 'lost';
    },

    /** Rows whose every attempt ran out its lease (crash loops) are given up: the number given up. */
    async failExhausted(now: number): Promise<number> {
      return affectedRows(
        db()
          .update(inbox)
          .set({ state: 'failed', doneAt: now, leaseUntil: null, lastError: LEASE_EXHAUSTED_ERROR })
          .where(and(eq(inbox.state, 'pending'), lt(inbox.leaseUntil, now), sql`${inbox.attempts} >= ${retry.maxAttempts}`)),
      );
    },

    async find(eventId: string): Promise<EventInboxRow | undefined> {
      return firstRow(db().select().from(inbox).where(eq(inbox.eventId, eventId)).limit(1));
    },

    /**
     * Forgets finished rows (done or failed) older than `at`. Slack stops redelivering within
     * minutes, so a finished id need not be remembered for long.
     */
    async pruneDoneBefore(at: number): Promise<number> {
      return affectedRows(
        db()
          .delete(inbox)
          .where(and(inArray(inbox.state, ['done', 'failed']), lt(inbox.doneAt, at))),
      );
    },

    /** Acked deliveries not finished yet (waiting, running or waiting to retry), on every instance. */
    async pendingCount(): Promise<number> {
      const row = await firstRow(db().select({ n: count() }).from(inbox).where(eq(inbox.state, 'pending')));
      return Number(row?.n ?? 0);
    },
  };
}

export type EventInboxRepository = ReturnType<typeof createEventInboxRepository>;
