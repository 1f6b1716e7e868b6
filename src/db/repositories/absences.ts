import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { absencesTable } from '../schema.js';
import type { Db } from '../types.js';

export type Absence = typeof absencesTable.$inferSelect;

/** Date ranges (inclusive, member's calendar) in which a member gets no standup prompt. */
export function createAbsencesRepository({ db }: { db: Db }) {
  return {
    insert(absence: Omit<Absence, 'id'>): Absence {
      return db.insert(absencesTable).values(absence).returning().get();
    },

    /** Absences of a member that cover date. */
    covering(teamId: number, userId: string, date: string): Absence[] {
      return db
        .select()
        .from(absencesTable)
        .where(and(eq(absencesTable.teamId, teamId), eq(absencesTable.userId, userId), lte(absencesTable.fromDate, date), gte(absencesTable.toDate, date)))
        .all();
    },

    /** Members of a team away on date. */
    awayOn(teamId: number, date: string): Set<string> {
      const rows = db
        .select({ userId: absencesTable.userId })
        .from(absencesTable)
        .where(and(eq(absencesTable.teamId, teamId), lte(absencesTable.fromDate, date), gte(absencesTable.toDate, date)))
        .all();
      return new Set(rows.map((row) => row.userId));
    },

    /** A member's absences that end on or after date, soonest first. */
    listCurrentAndFuture(teamId: number, userId: string, date: string): Absence[] {
      return db
        .select()
        .from(absencesTable)
        .where(and(eq(absencesTable.teamId, teamId), eq(absencesTable.userId, userId), gte(absencesTable.toDate, date)))
        .orderBy(asc(absencesTable.fromDate))
        .all();
    },

    shorten(id: number, toDate: string): void {
      db.update(absencesTable).set({ toDate }).where(eq(absencesTable.id, id)).run();
    },

    delete(id: number): void {
      db.delete(absencesTable).where(eq(absencesTable.id, id)).run();
    },
  };
}

export type AbsencesRepository = ReturnType<typeof createAbsencesRepository>;
