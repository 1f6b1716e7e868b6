import { and, asc, eq, inArray } from 'drizzle-orm';
import { firstRow, isRowId } from '../query.js';
import type { pokerSessionsTable, pokerVotesTable } from '../schema.js';
import type { Access } from '../types.js';

export type PokerSession = typeof pokerSessionsTable.$inferSelect;
export type NewPokerSession = Omit<typeof pokerSessionsTable.$inferInsert, 'id'>;
export type PokerVote = typeof pokerVotesTable.$inferSelect;

/** Planning poker sessions and their votes, per round. */
export function createPokerRepository({ db, tables }: Access) {
  const { pokerSessionsTable: sessions, pokerVotesTable: votes } = tables;
  return {
    async findById(id: number): Promise<PokerSession | undefined> {
      if (!isRowId(id)) return undefined;
      return firstRow(db().select().from(sessions).where(eq(sessions.id, id)).limit(1));
    },

    async listOpenForItem(itemId: number): Promise<PokerSession[]> {
      return db()
        .select()
        .from(sessions)
        .where(and(eq(sessions.itemId, itemId), inArray(sessions.status, ['voting', 'revealed'])))
        .orderBy(asc(sessions.id));
    },

    async insert(session: NewPokerSession): Promise<PokerSession> {
      const [row] = await db().insert(sessions).values(session).returning();
      return row!;
    },

    async update(id: number, changes: Partial<NewPokerSession>): Promise<PokerSession> {
      const row = await firstRow(db().update(sessions).set(changes).where(eq(sessions.id, id)).returning());
      if (!row) throw new Error(`poker session ${id} not found`);
      return row;
    },

    /** One vote per person per round; voting again changes it (one statement, so concurrent votes all count). */
    async upsertVote(vote: PokerVote): Promise<void> {
      await db()
        .insert(votes)
        .values(vote)
        .onConflictDoUpdate({ target: [votes.sessionId, votes.round, votes.userId], set: { vote: vote.vote, at: vote.at } });
    },

    async listVotes(sessionId: number, round: number): Promise<PokerVote[]> {
      return db()
        .select()
        .from(votes)
        .where(and(eq(votes.sessionId, sessionId), eq(votes.round, round)))
        .orderBy(asc(votes.at), asc(votes.userId));
    },
  };
}

export type PokerRepository = ReturnType<typeof createPokerRepository>;
