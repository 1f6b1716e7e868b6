import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { firstRow, isRowId, reusedQuery } from '../query.js';
import type { watchRequestsTable, WatchOutcome } from '../schema.js';
import type { Access } from '../types.js';

export type WatchRequest = typeof watchRequestsTable.$inferSelect;
export type NewWatchRequest = Omit<typeof watchRequestsTable.$inferInsert, 'id'>;

/** Shadow-backlog watch: watched channels, spotted requests (ids and outcomes only) and opt-outs. */
export function createWatchRepository(access: Access) {
  const { db, tables } = access;
  const { watchedChannelsTable, watchOptOutsTable, watchRequestsTable } = tables;
  // Looked up for every message event of every channel the bot is in: prepared once.
  const teamOfChannel = reusedQuery(access, 'watch.teamOfChannel', (db) =>
    db
      .select({ teamId: watchedChannelsTable.teamId })
      .from(watchedChannelsTable)
      .where(and(eq(watchedChannelsTable.slackTeamId, sql.placeholder('slackTeamId')), eq(watchedChannelsTable.channelId, sql.placeholder('channelId'))))
      .limit(1),
  );
  // Every captured or suggested message settles its watch request, if it had one.
  // Returns the id: a reused query returns rows (and better-sqlite3 reads rows only from a statement that returns some).
  const settleAsSent = reusedQuery(access, 'watch.settleAsSent', (db) =>
    db
      .update(watchRequestsTable)
      .set({ outcome: 'sent', itemId: sql`${sql.placeholder('itemId')}`, decidedAt: sql`${sql.placeholder('at')}` })
      .where(
        and(
          eq(watchRequestsTable.teamId, sql.placeholder('teamId')),
          eq(watchRequestsTable.channelId, sql.placeholder('channelId')),
          eq(watchRequestsTable.ts, sql.placeholder('ts')),
        ),
      )
      .returning({ id: watchRequestsTable.id }),
  );

  async function channelsOf(teamId: number): Promise<string[]> {
    const rows = await db()
      .select({ channelId: watchedChannelsTable.channelId })
      .from(watchedChannelsTable)
      .where(eq(watchedChannelsTable.teamId, teamId))
      .orderBy(watchedChannelsTable.createdAt, watchedChannelsTable.channelId);
    return rows.map((row) => row.channelId);
  }

  return {
    /** The team watching this channel, if any. */
    async teamIdWatching(slackTeamId: string, channelId: string): Promise<number | undefined> {
      return (await firstRow(teamOfChannel({ slackTeamId, channelId })))?.teamId;
    },

    channelsOf,

    /** Which of these channels another team of the workspace watches already. */
    async watchedByOthers(slackTeamId: string, channelIds: string[], teamId: number | null): Promise<string[]> {
      if (channelIds.length === 0) return [];
      const rows = await db()
        .select({ channelId: watchedChannelsTable.channelId, teamId: watchedChannelsTable.teamId })
        .from(watchedChannelsTable)
        .where(and(eq(watchedChannelsTable.slackTeamId, slackTeamId), inArray(watchedChannelsTable.channelId, channelIds)))
        // The order SQLite's primary-key lookup gives; PostgreSQL promises none without it.
        .orderBy(asc(watchedChannelsTable.channelId));
      return rows.filter((row) => row.teamId !== teamId).map((row) => row.channelId);
    },

    /** Sets the team's watched channels (keeps the date a channel was first watched). */
    async replaceChannels(teamId: number, slackTeamId: string, channelIds: string[], at: number): Promise<void> {
      const keep = new Set(channelIds);
      const current = new Set(await channelsOf(teamId));
      const dropped = [...current].filter((id) => !keep.has(id));
      if (dropped.length > 0) {
        await db()
          .delete(watchedChannelsTable)
          .where(and(eq(watchedChannelsTable.teamId, teamId), inArray(watchedChannelsTable.channelId, dropped)));
      }
      const added = channelIds.filter((id) => !current.has(id));
      if (added.length > 0) {
        await db()
          .insert(watchedChannelsTable)
          .values(added.map((channelId) => ({ slackTeamId, channelId, teamId, createdAt: at })));
      }
    },

    async findById(id: number): Promise<WatchRequest | undefined> {
      if (!isRowId(id)) return undefined;
      return firstRow(db().select().from(watchRequestsTable).where(eq(watchRequestsTable.id, id)).limit(1));
    },

    async findByMessage(teamId: number, channelId: string, ts: string): Promise<WatchRequest | undefined> {
      return firstRow(
        db()
          .select()
          .from(watchRequestsTable)
          .where(and(eq(watchRequestsTable.teamId, teamId), eq(watchRequestsTable.channelId, channelId), eq(watchRequestsTable.ts, ts)))
          .limit(1),
      );
    },

    /** Records a spotted request once; undefined when this message was recorded before. */
    async insert(request: NewWatchRequest): Promise<WatchRequest | undefined> {
      return firstRow(db().insert(watchRequestsTable).values(request).onConflictDoNothing().returning());
    },

    async update(id: number, fields: Partial<Pick<WatchRequest, 'outcome' | 'nudgedAt' | 'decidedAt' | 'itemId' | 'permalink'>>): Promise<void> {
      await db().update(watchRequestsTable).set(fields).where(eq(watchRequestsTable.id, id));
    },

    /** Marks the request for a message as sent to the backlog, whichever path captured it. */
    async markSent(teamId: number, channelId: string, ts: string, itemId: number, at: number): Promise<void> {
      await settleAsSent({ teamId, channelId, ts, itemId, at });
    },

    /** Nudges sent to a person for a team in [from, to). */
    async countNudges(teamId: number, authorId: string, from: number, to: number): Promise<number> {
      const row = await firstRow(
        db()
          .select({ n: sql<number>`count(*)` })
          .from(watchRequestsTable)
          .where(
            and(
              eq(watchRequestsTable.teamId, teamId),
              eq(watchRequestsTable.authorId, authorId),
              gte(watchRequestsTable.nudgedAt, from),
              lt(watchRequestsTable.nudgedAt, to),
            ),
          ),
      );
      // PostgreSQL's count is a bigint.
      return Number(row?.n ?? 0);
    },

    /** Requests spotted in [from, to], counted by outcome; pending ones split by whether they were spotted before ignoredBefore. */
    async countOutcomes(teamId: number, from: number, to: number, ignoredBefore: number): Promise<Record<WatchOutcome | 'ignored', number>> {
      const rows = await db()
        .select({
          outcome: watchRequestsTable.outcome,
          // A boolean on PostgreSQL, 0 or 1 on SQLite: read it by truthiness only.
          stale: sql<boolean | number>`${watchRequestsTable.spottedAt} <= ${ignoredBefore}`,
          n: sql<number>`count(*)`,
        })
        .from(watchRequestsTable)
        .where(and(eq(watchRequestsTable.teamId, teamId), gte(watchRequestsTable.spottedAt, from), lte(watchRequestsTable.spottedAt, to)))
        // By position: the stale expression (both engines accept it).
        .groupBy(watchRequestsTable.outcome, sql`2`);
      const counts = { spotted: 0, nudged: 0, sent: 0, dismissed: 0, opted_out: 0, ignored: 0 };
      for (const row of rows) {
        const n = Number(row.n);
        const pending = row.outcome === 'spotted' || row.outcome === 'nudged';
        if (pending && row.stale) counts.ignored += n;
        else counts[row.outcome] += n;
      }
      return counts;
    },

    /** Requests nobody sent or dismissed, spotted at or before `before`, newest first. */
    async listIgnored(teamId: number, before: number, limit: number): Promise<WatchRequest[]> {
      return (
        db()
          .select()
          .from(watchRequestsTable)
          .where(
            and(eq(watchRequestsTable.teamId, teamId), inArray(watchRequestsTable.outcome, ['spotted', 'nudged']), lte(watchRequestsTable.spottedAt, before)),
          )
          // Ties newest id first, as SQLite's backward scan of watch_requests_team_spotted_idx gives them.
          .orderBy(desc(watchRequestsTable.spottedAt), desc(watchRequestsTable.id))
          .limit(limit)
      );
    },

    async isOptedOut(teamId: number, userId: string): Promise<boolean> {
      const row = await firstRow(
        db()
          .select({ at: watchOptOutsTable.at })
          .from(watchOptOutsTable)
          .where(and(eq(watchOptOutsTable.teamId, teamId), eq(watchOptOutsTable.userId, userId)))
          .limit(1),
      );
      return row !== undefined;
    },

    async optOut(teamId: number, userId: string, at: number): Promise<void> {
      await db().insert(watchOptOutsTable).values({ teamId, userId, at }).onConflictDoNothing();
    },
  };
}

export type WatchRepository = ReturnType<typeof createWatchRepository>;
