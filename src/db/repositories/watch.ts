import { and, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { watchedChannelsTable, watchOptOutsTable, watchRequestsTable, type WatchOutcome } from '../schema.js';
import type { Db } from '../types.js';

export type WatchRequest = typeof watchRequestsTable.$inferSelect;
export type NewWatchRequest = Omit<typeof watchRequestsTable.$inferInsert, 'id'>;

/** Shadow-backlog watch: watched channels, spotted requests (ids and outcomes only) and opt-outs. */
export function createWatchRepository({ db }: { db: Db }) {
  // Looked up for every message event of every channel the bot is in: prepared once.
  const teamOfChannel = db
    .select({ teamId: watchedChannelsTable.teamId })
    .from(watchedChannelsTable)
    .where(and(eq(watchedChannelsTable.slackTeamId, sql.placeholder('slackTeamId')), eq(watchedChannelsTable.channelId, sql.placeholder('channelId'))))
    .prepare();
  // Every captured or suggested message settles its watch request, if it had one.
  const settleAsSent = db
    .update(watchRequestsTable)
    .set({ outcome: 'sent', itemId: sql`${sql.placeholder('itemId')}`, decidedAt: sql`${sql.placeholder('at')}` })
    .where(
      and(
        eq(watchRequestsTable.teamId, sql.placeholder('teamId')),
        eq(watchRequestsTable.channelId, sql.placeholder('channelId')),
        eq(watchRequestsTable.ts, sql.placeholder('ts')),
      ),
    )
    .prepare();
  return {
    /** The team watching this channel, if any. */
    teamIdWatching(slackTeamId: string, channelId: string): number | undefined {
      return teamOfChannel.get({ slackTeamId, channelId })?.teamId;
    },

    channelsOf(teamId: number): string[] {
      return db
        .select({ channelId: watchedChannelsTable.channelId })
        .from(watchedChannelsTable)
        .where(eq(watchedChannelsTable.teamId, teamId))
        .orderBy(watchedChannelsTable.createdAt, watchedChannelsTable.channelId)
        .all()
        .map((row) => row.channelId);
    },

    /** Which of these channels another team of the workspace watches already. */
    watchedByOthers(slackTeamId: string, channelIds: string[], teamId: number | null): string[] {
      if (channelIds.length === 0) return [];
      return db
        .select({ channelId: watchedChannelsTable.channelId, teamId: watchedChannelsTable.teamId })
        .from(watchedChannelsTable)
        .where(and(eq(watchedChannelsTable.slackTeamId, slackTeamId), inArray(watchedChannelsTable.channelId, channelIds)))
        .all()
        .filter((row) => row.teamId !== teamId)
        .map((row) => row.channelId);
    },

    /** Sets the team's watched channels (keeps the date a channel was first watched). */
    replaceChannels(teamId: number, slackTeamId: string, channelIds: string[], at: number): void {
      const keep = new Set(channelIds);
      const current = new Set(this.channelsOf(teamId));
      const dropped = [...current].filter((id) => !keep.has(id));
      if (dropped.length > 0) {
        db.delete(watchedChannelsTable)
          .where(and(eq(watchedChannelsTable.teamId, teamId), inArray(watchedChannelsTable.channelId, dropped)))
          .run();
      }
      const added = channelIds.filter((id) => !current.has(id));
      if (added.length > 0) {
        db.insert(watchedChannelsTable)
          .values(added.map((channelId) => ({ slackTeamId, channelId, teamId, createdAt: at })))
          .run();
      }
    },

    findById(id: number): WatchRequest | undefined {
      return db.select().from(watchRequestsTable).where(eq(watchRequestsTable.id, id)).get();
    },

    findByMessage(teamId: number, channelId: string, ts: string): WatchRequest | undefined {
      return db
        .select()
        .from(watchRequestsTable)
        .where(and(eq(watchRequestsTable.teamId, teamId), eq(watchRequestsTable.channelId, channelId), eq(watchRequestsTable.ts, ts)))
        .get();
    },

    /** Records a spotted request once; undefined when this message was recorded before. */
    insert(request: NewWatchRequest): WatchRequest | undefined {
      return db.insert(watchRequestsTable).values(request).onConflictDoNothing().returning().get();
    },

    update(id: number, fields: Partial<Pick<WatchRequest, 'outcome' | 'nudgedAt' | 'decidedAt' | 'itemId' | 'permalink'>>): void {
      db.update(watchRequestsTable).set(fields).where(eq(watchRequestsTable.id, id)).run();
    },

    /** Marks the request for a message as sent to the backlog, whichever path captured it. */
    markSent(teamId: number, channelId: string, ts: string, itemId: number, at: number): void {
      settleAsSent.run({ teamId, channelId, ts, itemId, at });
    },

    /** Nudges sent to a person for a team in [from, to). */
    countNudges(teamId: number, authorId: string, from: number, to: number): number {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(watchRequestsTable)
        .where(
          and(
            eq(watchRequestsTable.teamId, teamId),
            eq(watchRequestsTable.authorId, authorId),
            gte(watchRequestsTable.nudgedAt, from),
            lt(watchRequestsTable.nudgedAt, to),
          ),
        )
        .get();
      return row?.n ?? 0;
    },

    /** Requests spotted in [from, to], counted by outcome; pending ones split by whether they were spotted before ignoredBefore. */
    countOutcomes(teamId: number, from: number, to: number, ignoredBefore: number): Record<WatchOutcome | 'ignored', number> {
      const rows = db
        .select({
          outcome: watchRequestsTable.outcome,
          stale: sql<number>`${watchRequestsTable.spottedAt} <= ${ignoredBefore}`,
          n: sql<number>`count(*)`,
        })
        .from(watchRequestsTable)
        .where(and(eq(watchRequestsTable.teamId, teamId), gte(watchRequestsTable.spottedAt, from), lte(watchRequestsTable.spottedAt, to)))
        .groupBy(watchRequestsTable.outcome, sql`2`)
        .all();
      const counts = { spotted: 0, nudged: 0, sent: 0, dismissed: 0, opted_out: 0, ignored: 0 };
      for (const row of rows) {
        const pending = row.outcome === 'spotted' || row.outcome === 'nudged';
        if (pending && row.stale) counts.ignored += row.n;
        else counts[row.outcome] += row.n;
      }
      return counts;
    },

    /** Requests nobody sent or dismissed, spotted at or before `before`, newest first. */
    listIgnored(teamId: number, before: number, limit: number): WatchRequest[] {
      return db
        .select()
        .from(watchRequestsTable)
        .where(
          and(eq(watchRequestsTable.teamId, teamId), inArray(watchRequestsTable.outcome, ['spotted', 'nudged']), lte(watchRequestsTable.spottedAt, before)),
        )
        .orderBy(desc(watchRequestsTable.spottedAt))
        .limit(limit)
        .all();
    },

    isOptedOut(teamId: number, userId: string): boolean {
      return (
        db
          .select({ at: watchOptOutsTable.at })
          .from(watchOptOutsTable)
          .where(and(eq(watchOptOutsTable.teamId, teamId), eq(watchOptOutsTable.userId, userId)))
          .get() !== undefined
      );
    },

    optOut(teamId: number, userId: string, at: number): void {
      db.insert(watchOptOutsTable).values({ teamId, userId, at }).onConflictDoNothing().run();
    },
  };
}

export type WatchRepository = ReturnType<typeof createWatchRepository>;
