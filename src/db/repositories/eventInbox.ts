import { and, asc, count, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { eventInboxTable } from '../schema.js';
import type { Db } from '../types.js';

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
 * a time, marked done or failed after its run. Every write is one statement, so instances on one
 * database need no lock beyond the row (claim is one UPDATE ... WHERE event_id IN (SELECT ...)).
 */
export function createEventInboxRepository({ db, retry = DEFAULT_EVENT_RETRY }: { db: Db; retry?: EventRetryPolicy }) {
  const insert = db
    .insert(eventInboxTable)
    .values({ eventId: sql.placeholder('eventId'), body: sql.placeholder('body'), receivedAt: sql.placeholder('at') })
    .onConflictDoNothing()
    .prepare();
  // Free to claim: pending, not held by a live lease or a retry's backoff, under the attempt limit.
  const claimable = db
    .select({ eventId: eventInboxTable.eventId })
    .from(eventInboxTable)
    .where(
      and(
        eq(eventInboxTable.state, 'pending'),
        or(isNull(eventInboxTable.leaseUntil), lt(eventInboxTable.leaseUntil, sql.placeholder('now'))),
        lt(eventInboxTable.attempts, retry.maxAttempts),
      ),
    )
    .orderBy(asc(eventInboxTable.receivedAt), asc(eventInboxTable.eventId))
    .limit(sql.placeholder('limit'));
  const claim = db
    .update(eventInboxTable)
    .set({
      attempts: sql`${eventInboxTable.attempts} + 1`,
      leaseUntil: sql`${sql.placeholder('leaseUntil')}`,
      claimedBy: sql`${sql.placeholder('instanceId')}`,
    })
    .where(inArray(eventInboxTable.eventId, claimable))
    .returning()
    .prepare();
  const heldBy = (eventId: string, instanceId: string) =>
    and(eq(eventInboxTable.eventId, eventId), eq(eventInboxTable.state, 'pending'), eq(eventInboxTable.claimedBy, instanceId));

  return {
    /** Stores a delivery as received; false when its event_id is already known (a redelivery). */
    accept(eventId: string, body: string, at: number): boolean {
      return insert.run({ eventId, body, at }).changes > 0;
    },

    /**
     * Claims up to `limit` claimable rows, oldest first, for one run each by `instanceId` until
     * `leaseUntil`: a row whose lease ran out (its instance died) is claimable again.
     */
    claim(instanceId: string, now: number, leaseUntil: number, limit: number): EventInboxRow[] {
      if (limit <= 0) return [];
      return claim.all({ instanceId, now, leaseUntil, limit }).sort((a, b) => a.receivedAt - b.receivedAt || a.eventId.localeCompare(b.eventId));
    },

    /** Keeps the rows this instance is still running claimed; the number still held. */
    extendLease(instanceId: string, eventIds: readonly string[], leaseUntil: number): number {
      if (eventIds.length === 0) return 0;
      return db
        .update(eventInboxTable)
        .set({ leaseUntil })
        .where(and(inArray(eventInboxTable.eventId, [...eventIds]), eq(eventInboxTable.state, 'pending'), eq(eventInboxTable.claimedBy, instanceId)))
        .run().changes;
    },

    /** The run finished; false when this instance no longer held the row (its lease had run out). */
    complete(eventId: string, instanceId: string, at: number): boolean {
      return (
        db.update(eventInboxTable).set({ state: 'done', doneAt: at, leaseUntil: null, lastError: null }).where(heldBy(eventId, instanceId)).run().changes > 0
      );
    },

    /**
     * The run failed: back to pending after the policy's backoff, or 'failed' when the attempts are
     * used up or `retryable` is false (the same input would fail the same way).
     */
    fail(eventId: string, instanceId: string, error: string, at: number, { retryable = true }: { retryable?: boolean } = {}): 'retry' | 'failed' | 'lost' {
      const row = db.select({ attempts: eventInboxTable.attempts }).from(eventInboxTable).where(heldBy(eventId, instanceId)).get();
      if (!row) return 'lost';
      const lastError = error.slice(0, 2_000);
      if (retryable && row.attempts < retry.maxAttempts) {
        db.update(eventInboxTable)
          .set({ leaseUntil: at + retry.backoffMs(row.attempts), claimedBy: null, lastError })
          .where(heldBy(eventId, instanceId))
          .run();
        return 'retry';
      }
      db.update(eventInboxTable).set({ state: 'failed', doneAt: at, leaseUntil: null, lastError }).where(heldBy(eventId, instanceId)).run();
      return 'failed';
    },

    /** Rows whose every attempt ran out its lease (crash loops) are given up: the number given up. */
    failExhausted(now: number): number {
      return db
        .update(eventInboxTable)
        .set({ state: 'failed', doneAt: now, leaseUntil: null, lastError: LEASE_EXHAUSTED_ERROR })
        .where(and(eq(eventInboxTable.state, 'pending'), lt(eventInboxTable.leaseUntil, now), sql`${eventInboxTable.attempts} >= ${retry.maxAttempts}`))
        .run().changes;
    },

    find(eventId: string): EventInboxRow | undefined {
      return db.select().from(eventInboxTable).where(eq(eventInboxTable.eventId, eventId)).get();
    },

    /**
     * Forgets finished rows (done or failed) older than `at`. Slack stops redelivering within
     * minutes, so a finished id need not be remembered for long.
     */
    pruneDoneBefore(at: number): number {
      return db
        .delete(eventInboxTable)
        .where(and(inArray(eventInboxTable.state, ['done', 'failed']), lt(eventInboxTable.doneAt, at)))
        .run().changes;
    },

    /** Acked deliveries not finished yet (waiting, running or waiting to retry), on every instance. */
    pendingCount(): number {
      return db.select({ n: count() }).from(eventInboxTable).where(eq(eventInboxTable.state, 'pending')).get()?.n ?? 0;
    },
  };
}

export type EventInboxRepository = ReturnType<typeof createEventInboxRepository>;
