import { and, asc, eq, inArray } from 'drizzle-orm';
import { pokerSessionsTable, pokerVotesTable } from '../schema.js';
import type { Db } from '../types.js';

export type PokerSession = typeof pokerSessionsTable.$inferSelect;
export type NewPokerSession = Omit<typeof pokerSessionsTable.$inferInsert, 'id'>;
export type PokerVote = typeof pokerVotesTable.$inferSelect;

/** Planning poker sessions and their votes, per round. */
export function createPokerRepository({ db }: { db: Db }) {
  return {
    findById(id: number): PokerSession | undefined {
      return db.select().from(pokerSessionsTable).where(eq(pokerSessionsTable.id, id)).get();
    },

    listOpenForItem(itemId: number): PokerSession[] {
      return db
        .select()
        .from(pokerSessionsTable)
        .where(and(eq(pokerSessionsTable.itemId, itemId), inArray(pokerSessionsTable.status, ['voting', 'revealed'])))
        .all();
    },

    insert(session: NewPokerSession): PokerSession {
      return db.insert(pokerSessionsTable).values(session).returning().get();
    },

    update(id: number, changes: Partial<NewPokerSession>): PokerSession {
      const row = db.update(pokerSessionsTable).set(changes).where(eq(pokerSessionsTable.id, id)).returning().get();
      if (!row) throw new Error(`poker session ${id} not found`);
      return row;
    },

    /** One vote per person per round; voting again changes it. */
    upsertVote(vote: PokerVote): void {
      db.insert(pokerVotesTable)
        .values(vote)
        .onConflictDoUpdate({
          target: [pokerVotesTable.sessionId, pokerVotesTable.round, pokerVotesTable.userId],
          set: { vote: vote.vote, at: vote.at },
        })
        .run();
    },

    listVotes(sessionId: number, round: number): PokerVote[] {
      return db
        .select()
        .from(pokerVotesTable)
        .where(and(eq(pokerVotesTable.sessionId, sessionId), eq(pokerVotesTable.round, round)))
        .orderBy(asc(pokerVotesTable.at))
        .all();
    },
  };
}

export type PokerRepository = ReturnType<typeof createPokerRepository>;
