import { asc, eq } from 'drizzle-orm';
import type { retroAnswersTable } from '../schema.js';
import type { Access } from '../types.js';

export type RetroAnswer = typeof retroAnswersTable.$inferSelect;

/** Async retrospective answers, one per member per sprint. */
export function createRetroRepository({ db, tables }: Access) {
  const { retroAnswersTable } = tables;
  return {
    async upsert(answer: RetroAnswer): Promise<void> {
      await db()
        .insert(retroAnswersTable)
        .values(answer)
        .onConflictDoUpdate({
          target: [retroAnswersTable.sprintId, retroAnswersTable.userId],
          set: { wentWell: answer.wentWell, toImprove: answer.toImprove, tryNext: answer.tryNext, at: answer.at },
        });
    },

    async listForSprint(sprintId: number): Promise<RetroAnswer[]> {
      return db().select().from(retroAnswersTable).where(eq(retroAnswersTable.sprintId, sprintId)).orderBy(asc(retroAnswersTable.at));
    },
  };
}

export type RetroRepository = ReturnType<typeof createRetroRepository>;
