import { and, asc, eq, isNull } from 'drizzle-orm';
import type { impedimentsTable } from '../schema.js';
import { affectedRows, firstRow, isRowId } from '../query.js';
import type { Access } from '../types.js';

export type Impediment = typeof impedimentsTable.$inferSelect;

/** Blockers raised in standups, open until someone marks them resolved. */
export function createImpedimentsRepository({ db, tables }: Access) {
  const { impedimentsTable } = tables;
  return {
    async insert(impediment: Omit<Impediment, 'id' | 'resolvedAt' | 'resolvedBy'>): Promise<Impediment> {
      const [row] = await db().insert(impedimentsTable).values(impediment).returning();
      return row!;
    },

    async findById(id: number): Promise<Impediment | undefined> {
      if (!isRowId(id)) return undefined;
      return firstRow(db().select().from(impedimentsTable).where(eq(impedimentsTable.id, id)).limit(1));
    },

    /** The impediment a member raised in one day's standup, if any. */
    async findFromStandup(teamId: number, reporterId: string, standupDate: string): Promise<Impediment | undefined> {
      return firstRow(
        db()
          .select()
          .from(impedimentsTable)
          .where(and(eq(impedimentsTable.teamId, teamId), eq(impedimentsTable.reporterId, reporterId), eq(impedimentsTable.standupDate, standupDate)))
          .limit(1),
      );
    },

    async listOpen(teamId: number): Promise<Impediment[]> {
      return db()
        .select()
        .from(impedimentsTable)
        .where(and(eq(impedimentsTable.teamId, teamId), isNull(impedimentsTable.resolvedAt)))
        .orderBy(asc(impedimentsTable.openedAt), asc(impedimentsTable.id));
    },

    async updateText(id: number, text: string): Promise<void> {
      await db().update(impedimentsTable).set({ text }).where(eq(impedimentsTable.id, id));
    },

    async reopen(id: number, text: string, at: number): Promise<void> {
      await db().update(impedimentsTable).set({ text, openedAt: at, resolvedAt: null, resolvedBy: null }).where(eq(impedimentsTable.id, id));
    },

    /** Marks it resolved; false when it already was. */
    async resolve(id: number, by: string, at: number): Promise<boolean> {
      const resolved = db()
        .update(impedimentsTable)
        .set({ resolvedAt: at, resolvedBy: by })
        .where(and(eq(impedimentsTable.id, id), isNull(impedimentsTable.resolvedAt)));
      return (await affectedRows(resolved)) > 0;
    },
  };
}

export type ImpedimentsRepository = ReturnType<typeof createImpedimentsRepository>;
