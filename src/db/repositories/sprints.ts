import { and, asc, count, desc, eq, gte, isNotNull, lte } from 'drizzle-orm';
import { firstRow, isRowId } from '../query.js';
import type { scopeAttemptsTable, sprintsTable } from '../schema.js';
import type { Access } from '../types.js';
import { countRows } from './countRows.js';

export type Sprint = typeof sprintsTable.$inferSelect;
export type NewSprint = Omit<typeof sprintsTable.$inferInsert, 'id'>;
export type ScopeAttempt = typeof scopeAttemptsTable.$inferSelect;

/** Sprints of a team and the attempts to change a locked sprint's scope. */
export function createSprintsRepository({ db, tables }: Access) {
  const { scopeAttemptsTable, sprintsTable } = tables;
  return {
    async findById(id: number): Promise<Sprint | undefined> {
      if (!isRowId(id)) return undefined;
      return firstRow(db().select().from(sprintsTable).where(eq(sprintsTable.id, id)).limit(1));
    },

    async findActive(teamId: number): Promise<Sprint | undefined> {
      return firstRow(
        db()
          .select()
          .from(sprintsTable)
          .where(and(eq(sprintsTable.teamId, teamId), eq(sprintsTable.status, 'active')))
          .limit(1),
      );
    },

    /** Active sprints whose end date is on or before the given date (string compare of ISO dates). */
    async listActiveEndingBy(date: string): Promise<Sprint[]> {
      return db()
        .select()
        .from(sprintsTable)
        .where(and(eq(sprintsTable.status, 'active'), lte(sprintsTable.endDate, date)))
        .orderBy(asc(sprintsTable.id));
    },

    /** Closed sprints, newest first. */
    async listClosed(teamId: number, limit: number): Promise<Sprint[]> {
      return db()
        .select()
        .from(sprintsTable)
        .where(and(eq(sprintsTable.teamId, teamId), eq(sprintsTable.status, 'closed')))
        .orderBy(desc(sprintsTable.number))
        .limit(limit);
    },

    async lastNumber(teamId: number): Promise<number> {
      const row = await firstRow(
        db().select({ number: sprintsTable.number }).from(sprintsTable).where(eq(sprintsTable.teamId, teamId)).orderBy(desc(sprintsTable.number)).limit(1),
      );
      return row?.number ?? 0;
    },

    async insert(sprint: NewSprint): Promise<Sprint> {
      return (await db().insert(sprintsTable).values(sprint).returning())[0]!;
    },

    async update(id: number, changes: Partial<NewSprint>): Promise<Sprint> {
      const row = await firstRow(db().update(sprintsTable).set(changes).where(eq(sprintsTable.id, id)).returning());
      if (!row) throw new Error(`sprint ${id} not found`);
      return row;
    },

    async recordScopeAttempt(attempt: Omit<ScopeAttempt, 'id'>): Promise<void> {
      await db().insert(scopeAttemptsTable).values(attempt);
    },

    async listScopeAttempts(sprintId: number): Promise<ScopeAttempt[]> {
      return db()
        .select()
        .from(scopeAttemptsTable)
        .where(eq(scopeAttemptsTable.sprintId, sprintId))
        .orderBy(asc(scopeAttemptsTable.at), asc(scopeAttemptsTable.id));
    },

    async countScopeAttempts(sprintId: number, outcome: ScopeAttempt['outcome']): Promise<number> {
      return countRows(db(), scopeAttemptsTable, and(eq(scopeAttemptsTable.sprintId, sprintId), eq(scopeAttemptsTable.outcome, outcome)));
    },

    /** Refused and overridden mid-sprint injection attempts of a team in [since, until]. */
    async scopeAttemptCounts(teamId: number, since: number, until: number): Promise<{ refused: number; overridden: number }> {
      const rows = await db()
        .select({ outcome: scopeAttemptsTable.outcome, n: count() })
        .from(scopeAttemptsTable)
        .where(and(eq(scopeAttemptsTable.teamId, teamId), gte(scopeAttemptsTable.at, since), lte(scopeAttemptsTable.at, until)))
        .groupBy(scopeAttemptsTable.outcome);
      const of = (outcome: string) => Number(rows.find((row) => row.outcome === outcome)?.n ?? 0);
      return { refused: of('refused'), overridden: of('overridden') };
    },

    /** Sprints (of every team) closed at or after `since`, oldest first. */
    async listClosedSince(since: number): Promise<Sprint[]> {
      return db()
        .select()
        .from(sprintsTable)
        .where(and(eq(sprintsTable.status, 'closed'), isNotNull(sprintsTable.closedAt), gte(sprintsTable.closedAt, since)))
        .orderBy(asc(sprintsTable.closedAt), asc(sprintsTable.id));
    },
  };
}

export type SprintsRepository = ReturnType<typeof createSprintsRepository>;
