import { and, asc, eq, isNull } from 'drizzle-orm';
import { impedimentsTable } from '../schema.js';
import type { Db } from '../types.js';

export type Impediment = typeof impedimentsTable.$inferSelect;

/** Blockers raised in standups, open until someone marks them resolved. */
export function createImpedimentsRepository({ db }: { db: Db }) {
  return {
    insert(impediment: Omit<Impediment, 'id' | 'resolvedAt' | 'resolvedBy'>): Impediment {
      return db.insert(impedimentsTable).values(impediment).returning().get();
    },

    findById(id: number): Impediment | undefined {
      return db.select().from(impedimentsTable).where(eq(impedimentsTable.id, id)).get();
    },

    /** The impediment a member raised in one day's standup, if any. */
    findFromStandup(teamId: number, reporterId: string, standupDate: string): Impediment | undefined {
      return db
        .select()
        .from(impedimentsTable)
        .where(and(eq(impedimentsTable.teamId, teamId), eq(impedimentsTable.reporterId, reporterId), eq(impedimentsTable.standupDate, standupDate)))
        .get();
    },

    listOpen(teamId: number): Impediment[] {
      return db
        .select()
        .from(impedimentsTable)
        .where(and(eq(impedimentsTable.teamId, teamId), isNull(impedimentsTable.resolvedAt)))
        .orderBy(asc(impedimentsTable.openedAt), asc(impedimentsTable.id))
        .all();
    },

    updateText(id: number, text: string): void {
      db.update(impedimentsTable).set({ text }).where(eq(impedimentsTable.id, id)).run();
    },

    reopen(id: number, text: string, at: number): void {
      db.update(impedimentsTable).set({ text, openedAt: at, resolvedAt: null, resolvedBy: null }).where(eq(impedimentsTable.id, id)).run();
    },

    /** Marks it resolved; false when it already was. */
    resolve(id: number, by: string, at: number): boolean {
      return (
        db
          .update(impedimentsTable)
          .set({ resolvedAt: at, resolvedBy: by })
          .where(and(eq(impedimentsTable.id, id), isNull(impedimentsTable.resolvedAt)))
          .run().changes > 0
      );
    },
  };
}

export type ImpedimentsRepository = ReturnType<typeof createImpedimentsRepository>;
