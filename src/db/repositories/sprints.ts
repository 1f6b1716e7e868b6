import { and, asc, count, desc, eq, gte, isNotNull, lte } from 'drizzle-orm';
import { countRows } from './countRows.js';
import { scopeAttemptsTable, sprintsTable } from '../schema.js';
import type { Db } from '../types.js';

export type Sprint = typeof sprintsTable.$inferSelect;
export type NewSprint = Omit<typeof sprintsTable.$inferInsert, 'id'>;
export type ScopeAttempt = typeof scopeAttemptsTable.$inferSelect;

/** Sprints of a team and the attempts to change a locked sprint's scope. */
export function createSprintsRepository({ db }: { db: Db }) {
  return {
    findById(id: number): Sprint | undefined {
      return db.select().from(sprintsTable).where(eq(sprintsTable.id, id)).get();
    },

    findActive(teamId: number): Sprint | undefined {
      return db
        .select()
        .from(sprintsTable)
        .where(and(eq(sprintsTable.teamId, teamId), eq(sprintsTable.status, 'active')))
        .get();
    },

    /** Active sprints whose end date is on or before the given date (string compare of ISO dates). */
    listActiveEndingBy(date: string): Sprint[] {
      return db
        .select()
        .from(sprintsTable)
        .where(and(eq(sprintsTable.status, 'active'), lte(sprintsTable.endDate, date)))
        .all();
    },

    /** Closed sprints, newest first. */
    listClosed(teamId: number, limit: number): Sprint[] {
      return db
        .select()
        .from(sprintsTable)
        .where(and(eq(sprintsTable.teamId, teamId), eq(sprintsTable.status, 'closed')))
        .orderBy(desc(sprintsTable.number))
        .limit(limit)
        .all();
    },

    lastNumber(teamId: number): number {
      const row = db
        .select({ number: sprintsTable.number })
        .from(sprintsTable)
        .where(eq(sprintsTable.teamId, teamId))
        .orderBy(desc(sprintsTable.number))
        .limit(1)
        .get();
      return row?.number ?? 0;
    },

    insert(sprint: NewSprint): Sprint {
      return db.insert(sprintsTable).values(sprint).returning().get();
    },

    update(id: number, changes: Partial<NewSprint>): Sprint {
      const row = db.update(sprintsTable).set(changes).where(eq(sprintsTable.id, id)).returning().get();
      if (!row) throw new Error(`sprint ${id} not found`);
      return row;
    },

    recordScopeAttempt(attempt: Omit<ScopeAttempt, 'id'>): void {
      db.insert(scopeAttemptsTable).values(attempt).run();
    },

    listScopeAttempts(sprintId: number): ScopeAttempt[] {
      return db.select().from(scopeAttemptsTable).where(eq(scopeAttemptsTable.sprintId, sprintId)).orderBy(asc(scopeAttemptsTable.at)).all();
    },

    countScopeAttempts(sprintId: number, outcome: ScopeAttempt['outcome']): number {
      return countRows(db, scopeAttemptsTable, and(eq(scopeAttemptsTable.sprintId, sprintId), eq(scopeAttemptsTable.outcome, outcome)));
    },

    /** Refused and overridden mid-sprint injection attempts of a team in [since, until]. */
    scopeAttemptCounts(teamId: number, since: number, until: number): { refused: number; overridden: number } {
      const rows = db
        .select({ outcome: scopeAttemptsTable.outcome, n: count() })
        .from(scopeAttemptsTable)
        .where(and(eq(scopeAttemptsTable.teamId, teamId), gte(scopeAttemptsTable.at, since), lte(scopeAttemptsTable.at, until)))
        .groupBy(scopeAttemptsTable.outcome)
        .all();
      const of = (outcome: string) => rows.find((row) => row.outcome === outcome)?.n ?? 0;
      return { refused: of('refused'), overridden: of('overridden') };
    },

    /** Sprints (of every team) closed at or after `since`, oldest first. */
    listClosedSince(since: number): Sprint[] {
      return db
        .select()
        .from(sprintsTable)
        .where(and(eq(sprintsTable.status, 'closed'), isNotNull(sprintsTable.closedAt), gte(sprintsTable.closedAt, since)))
        .orderBy(asc(sprintsTable.closedAt))
        .all();
    },
  };
}

export type SprintsRepository = ReturnType<typeof createSprintsRepository>;
