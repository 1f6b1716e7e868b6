import { asc, eq } from 'drizzle-orm';
import { retroAnswersTable } from '../schema.js';
import type { Db } from '../types.js';

export type RetroAnswer = typeof retroAnswersTable.$inferSelect;

/** Async retrospective answers, one per member per sprint. */
export function createRetroRepository({ db }: { db: Db }) {
  return {
    upsert(answer: RetroAnswer): void {
      db.insert(retroAnswersTable)
        .values(answer)
        .onConflictDoUpdate({
          target: [retroAnswersTable.sprintId, retroAnswersTable.userId],
          set: { wentWell: answer.wentWell, toImprove: answer.toImprove, tryNext: answer.tryNext, at: answer.at },
        })
        .run();
    },

    listForSprint(sprintId: number): RetroAnswer[] {
      return db.select().from(retroAnswersTable).where(eq(retroAnswersTable.sprintId, sprintId)).orderBy(asc(retroAnswersTable.at)).all();
    },
  };
}

export type RetroRepository = ReturnType<typeof createRetroRepository>;
