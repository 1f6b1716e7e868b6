import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { affectedRows, firstRow } from '../query.js';
import type { standupPromptsTable, standupRunsTable } from '../schema.js';
import type { Access } from '../types.js';
import type { Item } from './items.js';

export type StandupRun = typeof standupRunsTable.$inferSelect;
export type StandupPrompt = typeof standupPromptsTable.$inferSelect;

/** Daily standup runs (one parent message per team and date) and each member's prompt and answer. */
export function createStandupsRepository({ db, tables }: Access) {
  const { itemsTable, sprintsTable, standupPromptsTable, standupRunsTable } = tables;
  return {
    /** Claims the (team, date) run; returns the existing run when it was already claimed. */
    async claimRun(run: {
      teamId: number;
      date: string;
      channelId: string;
      closesAt: number;
      createdAt: number;
    }): Promise<{ run: StandupRun; created: boolean }> {
      const inserted = await firstRow(db().insert(standupRunsTable).values(run).onConflictDoNothing().returning());
      if (inserted) return { run: inserted, created: true };
      const existing = await firstRow(
        db()
          .select()
          .from(standupRunsTable)
          .where(and(eq(standupRunsTable.teamId, run.teamId), eq(standupRunsTable.date, run.date)))
          .limit(1),
      );
      if (!existing) throw new Error(`standup run ${run.teamId}/${run.date} vanished`);
      return { run: existing, created: false };
    },

    async findRun(id: number): Promise<StandupRun | undefined> {
      return firstRow(db().select().from(standupRunsTable).where(eq(standupRunsTable.id, id)).limit(1));
    },

    async findRunByDate(teamId: number, date: string): Promise<StandupRun | undefined> {
      return firstRow(
        db()
          .select()
          .from(standupRunsTable)
          .where(and(eq(standupRunsTable.teamId, teamId), eq(standupRunsTable.date, date)))
          .limit(1),
      );
    },

    async listOpenRuns(teamId: number): Promise<StandupRun[]> {
      return db()
        .select()
        .from(standupRunsTable)
        .where(and(eq(standupRunsTable.teamId, teamId), isNull(standupRunsTable.closedAt)))
        .orderBy(asc(standupRunsTable.date));
    },

    async listRunsToClose(now: number): Promise<StandupRun[]> {
      return (
        db()
          .select()
          .from(standupRunsTable)
          .where(and(isNull(standupRunsTable.closedAt), lte(standupRunsTable.closesAt, now)))
          // The order SQLite's table scan gives; PostgreSQL promises none without it.
          .orderBy(asc(standupRunsTable.id))
      );
    },

    /** Marks a run closed; false when another sweep closed it first. */
    async closeRun(id: number, at: number): Promise<boolean> {
      const closed = await affectedRows(
        db()
          .update(standupRunsTable)
          .set({ closedAt: at })
          .where(and(eq(standupRunsTable.id, id), isNull(standupRunsTable.closedAt))),
      );
      return closed > 0;
    },

    async extendRun(id: number, closesAt: number): Promise<void> {
      await db()
        .update(standupRunsTable)
        .set({ closesAt })
        .where(and(eq(standupRunsTable.id, id), lt(standupRunsTable.closesAt, closesAt)));
    },

    /** True when ts is the parent message of a standup (its thread holds the answers). */
    async isRunThread(channelId: string, ts: string): Promise<boolean> {
      const run = await firstRow(
        db()
          .select({ id: standupRunsTable.id })
          .from(standupRunsTable)
          .where(and(eq(standupRunsTable.channelId, channelId), eq(standupRunsTable.parentTs, ts)))
          .limit(1),
      );
      return run !== undefined;
    },

    async setParentTs(id: number, parentTs: string, channelId: string): Promise<void> {
      await db().update(standupRunsTable).set({ parentTs, channelId }).where(eq(standupRunsTable.id, id));
    },

    /** Records what the channel message shows after a post or update went out. */
    async setShownDigest(id: number, shownDigest: string): Promise<void> {
      await db().update(standupRunsTable).set({ shownDigest }).where(eq(standupRunsTable.id, id));
    },

    /** Claims the (team, member, date) prompt; null when it was already claimed. */
    async claimPrompt(prompt: {
      teamId: number;
      userId: string;
      date: string;
      dueAt: number;
      sentAt: number;
      remindAt: number | null;
    }): Promise<StandupPrompt | null> {
      return (await firstRow(db().insert(standupPromptsTable).values(prompt).onConflictDoNothing().returning())) ?? null;
    },

    async findPrompt(id: number): Promise<StandupPrompt | undefined> {
      return firstRow(db().select().from(standupPromptsTable).where(eq(standupPromptsTable.id, id)).limit(1));
    },

    async findPromptFor(teamId: number, userId: string, date: string): Promise<StandupPrompt | undefined> {
      return firstRow(
        db()
          .select()
          .from(standupPromptsTable)
          .where(and(eq(standupPromptsTable.teamId, teamId), eq(standupPromptsTable.userId, userId), eq(standupPromptsTable.date, date)))
          .limit(1),
      );
    },

    async listPromptsForDate(teamId: number, date: string): Promise<StandupPrompt[]> {
      return (
        db()
          .select()
          .from(standupPromptsTable)
          .where(and(eq(standupPromptsTable.teamId, teamId), eq(standupPromptsTable.date, date)))
          // Unanswered prompts first on both engines (SQLite's default; PostgreSQL's is nulls last).
          .orderBy(sql`${standupPromptsTable.answeredAt} asc nulls first`, asc(standupPromptsTable.id))
      );
    },

    /** The member's latest earlier answer, for "yesterday you said". */
    async findPreviousAnswer(teamId: number, userId: string, beforeDate: string): Promise<StandupPrompt | undefined> {
      return firstRow(
        db()
          .select()
          .from(standupPromptsTable)
          .where(
            and(
              eq(standupPromptsTable.teamId, teamId),
              eq(standupPromptsTable.userId, userId),
              lt(standupPromptsTable.date, beforeDate),
              isNotNull(standupPromptsTable.answeredAt),
            ),
          )
          .orderBy(desc(standupPromptsTable.date))
          .limit(1),
      );
    },

    /** Unanswered, not yet reminded prompts whose reminder time has come, in runs still open. */
    async listDueReminders(now: number): Promise<StandupPrompt[]> {
      const rows = await db()
        .select({ prompt: standupPromptsTable })
        .from(standupPromptsTable)
        .innerJoin(standupRunsTable, and(eq(standupRunsTable.teamId, standupPromptsTable.teamId), eq(standupRunsTable.date, standupPromptsTable.date)))
        .where(
          and(
            isNull(standupRunsTable.closedAt),
            isNull(standupPromptsTable.answeredAt),
            isNull(standupPromptsTable.remindedAt),
            isNotNull(standupPromptsTable.remindAt),
            lte(standupPromptsTable.remindAt, now),
          ),
        )
        // A stable order on both engines (neither promises one for a join without it).
        .orderBy(asc(standupPromptsTable.id));
      return rows.map((row) => row.prompt);
    },

    /** Claims the one reminder of a prompt; false when it was sent already or the member answered. */
    async claimReminder(id: number, at: number): Promise<boolean> {
      const claimed = await affectedRows(
        db()
          .update(standupPromptsTable)
          .set({ remindedAt: at })
          .where(and(eq(standupPromptsTable.id, id), isNull(standupPromptsTable.remindedAt), isNull(standupPromptsTable.answeredAt))),
      );
      return claimed > 0;
    },

    async saveAnswer(id: number, answer: { did: string; today: string; blockers: string | null; answeredAt: number }): Promise<StandupPrompt> {
      const row = await firstRow(db().update(standupPromptsTable).set(answer).where(eq(standupPromptsTable.id, id)).returning());
      if (!row) throw new Error(`standup prompt ${id} not found`);
      return row;
    },

    async setAnswerTs(id: number, answerTs: string): Promise<void> {
      await db().update(standupPromptsTable).set({ answerTs }).where(eq(standupPromptsTable.id, id));
    },

    /** Items of the team's active sprint assigned to userId, and the unassigned ones. */
    async activeSprintItems(teamId: number, userId: string): Promise<{ sprintId: number | null; assigned: Item[]; unassigned: Item[] }> {
      // At most one active sprint per team (sprints_one_active_uq).
      const sprint = await firstRow(
        db()
          .select({ id: sprintsTable.id })
          .from(sprintsTable)
          .where(and(eq(sprintsTable.teamId, teamId), eq(sprintsTable.status, 'active')))
          .limit(1),
      );
      if (!sprint) return { sprintId: null, assigned: [], unassigned: [] };
      const items = await db()
        .select()
        .from(itemsTable)
        .where(
          and(
            eq(itemsTable.sprintId, sprint.id),
            inArray(itemsTable.status, ['in_sprint', 'done']),
            or(eq(itemsTable.assigneeId, userId), isNull(itemsTable.assigneeId)),
          ),
        )
        // Unranked items first on both engines, as SQLite sorts them (PostgreSQL's default is nulls last).
        .orderBy(sql`${itemsTable.rank} asc nulls first`, asc(itemsTable.id));
      return {
        sprintId: sprint.id,
        assigned: items.filter((item) => item.assigneeId === userId),
        unassigned: items.filter((item) => item.assigneeId === null),
      };
    },
  };
}

export type StandupsRepository = ReturnType<typeof createStandupsRepository>;
