import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { absencesTable } from '../schema.js';
import type { Access } from '../types.js';

export type Absence = typeof absencesTable.$inferSelect;

/** Date ranges (inclusive, member's calendar) in which a member gets no standup prompt. */
export function createAbsencesRepository({ db, tables }: Access) {
  const { absencesTable } = tables;
  return {
    async insert(absence: Omit<Absence, 'id'>): Promise<Absence> {
      const [row] = await db().insert(absencesTable).values(absence).returning();
      return row!;
    },

    /** Absences of a member that cover date. */
    async covering(teamId: number, userId: string, date: string): Promise<Absence[]> {
      return db()
        .select()
        .from(absencesTable)
        .where(and(eq(absencesTable.teamId, teamId), eq(absencesTable.userId, userId), lte(absencesTable.fromDate, date), gte(absencesTable.toDate, date)));
    },

    /** Members of a team away on date. */
    async awayOn(teamId: number, date: string): Promise<Set<string>> {
      const rows = await db()
        .select({ userId: absencesTable.userId })
        .from(absencesTable)
        .where(and(eq(absencesTable.teamId, teamId), lte(absencesTable.fromDate, date), gte(absencesTable.toDate, date)));
      return new Set(rows.map((row) => row.userId));
    },

    /** A member's absences that end on or after date, soonest first. */
    async listCurrentAndFuture(teamId: number, userId: string, date: string): Promise<Absence[]> {
      return db()
        .select()
        .from(absencesTable)
        .where(and(eq(absencesTable.teamId, teamId), eq(absencesTable.userId, userId), gte(absencesTable.toDate, date)))
        .orderBy(asc(absencesTable.fromDate));
    },

    async shorten(id: number, toDate: string): Promise<void> {
      await db().update(absencesTable).set({ toDate }).where(eq(absencesTable.id, id));
    },

    async delete(id: number): Promise<void> {
      await db().delete(absencesTable).where(eq(absencesTable.id, id));
    },
  };
}

export type AbsencesRepository = ReturnType<typeof createAbsencesRepository>;
