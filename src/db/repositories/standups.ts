import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import { itemsTable, sprintsTable, standupPromptsTable, standupRunsTable } from '../schema.js';
import type { Db } from '../types.js';
import type { Item } from './items.js';

export type StandupRun = typeof standupRunsTable.$inferSelect;
export type StandupPrompt = typeof standupPromptsTable.$inferSelect;

/** Daily standup runs (one parent message per team and date) and each member's prompt and answer. */
export function createStandupsRepository({ db }: { db: Db }) {
  return {
    /** Claims the (team, date) run; returns the existing run when it was already claimed. */
    claimRun(run: { teamId: number; date: string; channelId: string; closesAt: number; createdAt: number }): { run: StandupRun; created: boolean } {
      const inserted = db.insert(standupRunsTable).values(run).onConflictDoNothing().returning().get();
      if (inserted) return { run: inserted, created: true };
      const existing = db
        .select()
        .from(standupRunsTable)
        .where(and(eq(standupRunsTable.teamId, run.teamId), eq(standupRunsTable.date, run.date)))
        .get();
      if (!existing) throw new Error(`standup run ${run.teamId}/${run.date} vanished`);
      return { run: existing, created: false };
    },

    findRun(id: number): StandupRun | undefined {
      return db.select().from(standupRunsTable).where(eq(standupRunsTable.id, id)).get();
    },

    findRunByDate(teamId: number, date: string): StandupRun | undefined {
      return db
        .select()
        .from(standupRunsTable)
        .where(and(eq(standupRunsTable.teamId, teamId), eq(standupRunsTable.date, date)))
        .get();
    },

    listOpenRuns(teamId: number): StandupRun[] {
      return db
        .select()
        .from(standupRunsTable)
        .where(and(eq(standupRunsTable.teamId, teamId), isNull(standupRunsTable.closedAt)))
        .orderBy(asc(standupRunsTable.date))
        .all();
    },

    listRunsToClose(now: number): StandupRun[] {
      return db
        .select()
        .from(standupRunsTable)
        .where(and(isNull(standupRunsTable.closedAt), lte(standupRunsTable.closesAt, now)))
        .all();
    },

    /** Marks a run closed; false when another sweep closed it first. */
    closeRun(id: number, at: number): boolean {
      return (
        db
          .update(standupRunsTable)
          .set({ closedAt: at })
          .where(and(eq(standupRunsTable.id, id), isNull(standupRunsTable.closedAt)))
          .run().changes > 0
      );
    },

    extendRun(id: number, closesAt: number): void {
      db.update(standupRunsTable)
        .set({ closesAt })
        .where(and(eq(standupRunsTable.id, id), lt(standupRunsTable.closesAt, closesAt)))
        .run();
    },

    /** True when ts is the parent message of a standup (its thread holds the answers). */
    isRunThread(channelId: string, ts: string): boolean {
      return (
        db
          .select({ id: standupRunsTable.id })
          .from(standupRunsTable)
          .where(and(eq(standupRunsTable.channelId, channelId), eq(standupRunsTable.parentTs, ts)))
          .get() !== undefined
      );
    },

    setParentTs(id: number, parentTs: string, channelId: string): void {
      db.update(standupRunsTable).set({ parentTs, channelId }).where(eq(standupRunsTable.id, id)).run();
    },

    /** Records what the channel message shows after a post or update went out. */
    setShownDigest(id: number, shownDigest: string): void {
      db.update(standupRunsTable).set({ shownDigest }).where(eq(standupRunsTable.id, id)).run();
    },

    /** Claims the (team, member, date) prompt; null when it was already claimed. */
    claimPrompt(prompt: { teamId: number; userId: string; date: string; dueAt: number; sentAt: number; remindAt: number | null }): StandupPrompt | null {
      return db.insert(standupPromptsTable).values(prompt).onConflictDoNothing().returning().get() ?? null;
    },

    findPrompt(id: number): StandupPrompt | undefined {
      return db.select().from(standupPromptsTable).where(eq(standupPromptsTable.id, id)).get();
    },

    findPromptFor(teamId: number, userId: string, date: string): StandupPrompt | undefined {
      return db
        .select()
        .from(standupPromptsTable)
        .where(and(eq(standupPromptsTable.teamId, teamId), eq(standupPromptsTable.userId, userId), eq(standupPromptsTable.date, date)))
        .get();
    },

    listPromptsForDate(teamId: number, date: string): StandupPrompt[] {
      return db
        .select()
        .from(standupPromptsTable)
        .where(and(eq(standupPromptsTable.teamId, teamId), eq(standupPromptsTable.date, date)))
        .orderBy(asc(standupPromptsTable.answeredAt), asc(standupPromptsTable.id))
        .all();
    },

    /** The member's latest earlier answer, for "yesterday you said". */
    findPreviousAnswer(teamId: number, userId: string, beforeDate: string): StandupPrompt | undefined {
      return db
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
        .get();
    },

    /** Unanswered, not yet reminded prompts whose reminder time has come, in runs still open. */
    listDueReminders(now: number): StandupPrompt[] {
      return db
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
        .all()
        .map((row) => row.prompt);
    },

    /** Claims the one reminder of a prompt; false when it was sent already or the member answered. */
    claimReminder(id: number, at: number): boolean {
      return (
        db
          .update(standupPromptsTable)
          .set({ remindedAt: at })
          .where(and(eq(standupPromptsTable.id, id), isNull(standupPromptsTable.remindedAt), isNull(standupPromptsTable.answeredAt)))
          .run().changes > 0
      );
    },

    saveAnswer(id: number, answer: { did: string; today: string; blockers: string | null; answeredAt: number }): StandupPrompt {
      const row = db.update(standupPromptsTable).set(answer).where(eq(standupPromptsTable.id, id)).returning().get();
      if (!row) throw new Error(`standup prompt ${id} not found`);
      return row;
    },

    setAnswerTs(id: number, answerTs: string): void {
      db.update(standupPromptsTable).set({ answerTs }).where(eq(standupPromptsTable.id, id)).run();
    },

    /** Items of the team's active sprint assigned to userId, and the unassigned ones. */
    activeSprintItems(teamId: number, userId: string): { sprintId: number | null; assigned: Item[]; unassigned: Item[] } {
      const sprint = db
        .select({ id: sprintsTable.id })
        .from(sprintsTable)
        .where(and(eq(sprintsTable.teamId, teamId), eq(sprintsTable.status, 'active')))
        .get();
      if (!sprint) return { sprintId: null, assigned: [], unassigned: [] };
      const items = db
        .select()
        .from(itemsTable)
        .where(
          and(
            eq(itemsTable.sprintId, sprint.id),
            inArray(itemsTable.status, ['in_sprint', 'done']),
            or(eq(itemsTable.assigneeId, userId), isNull(itemsTable.assigneeId)),
          ),
        )
        .orderBy(asc(itemsTable.rank), asc(itemsTable.id))
        .all();
      return {
        sprintId: sprint.id,
        assigned: items.filter((item) => item.assigneeId === userId),
        unassigned: items.filter((item) => item.assigneeId === null),
      };
    },
  };
}

export type StandupsRepository = ReturnType<typeof createStandupsRepository>;
