import { and, asc, count, desc, eq, gte, isNotNull, isNull, lte } from 'drizzle-orm';
import { impedimentsTable, itemsTable, scopeAttemptsTable, sprintsTable } from '../schema.js';
import type { Db } from '../types.js';

export type Sprint = typeof sprintsTable.$inferSelect;
export type Impediment = typeof impedimentsTable.$inferSelect;

/** Read-only queries behind burndowns and stakeholder digests. */
export function createSprintReportsRepository({ db }: { db: Db }) {
  return {
    findSprint(id: number): Sprint | undefined {
      return db.select().from(sprintsTable).where(eq(sprintsTable.id, id)).get();
    },

    findActiveSprint(teamId: number): Sprint | undefined {
      return db
        .select()
        .from(sprintsTable)
        .where(and(eq(sprintsTable.teamId, teamId), eq(sprintsTable.status, 'active')))
        .get();
    },

    /** Sprints closed at or after `since`, oldest first. */
    listClosedSince(since: number): Sprint[] {
      return db
        .select()
        .from(sprintsTable)
        .where(and(eq(sprintsTable.status, 'closed'), isNotNull(sprintsTable.closedAt), gte(sprintsTable.closedAt, since)))
        .orderBy(asc(sprintsTable.closedAt))
        .all();
    },

    openImpediments(teamId: number): Impediment[] {
      return db
        .select()
        .from(impedimentsTable)
        .where(and(eq(impedimentsTable.teamId, teamId), isNull(impedimentsTable.resolvedAt)))
        .orderBy(asc(impedimentsTable.openedAt), asc(impedimentsTable.id))
        .all();
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

    /** Items whose triagedAt falls in [since, until]. */
    listTriagedBetween(teamId: number, since: number, until: number): Pick<typeof itemsTable.$inferSelect, 'id' | 'createdAt' | 'triagedAt'>[] {
      return db
        .select({ id: itemsTable.id, createdAt: itemsTable.createdAt, triagedAt: itemsTable.triagedAt })
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), gte(itemsTable.triagedAt, since), lte(itemsTable.triagedAt, until)))
        .orderBy(desc(itemsTable.triagedAt))
        .all();
    },
  };
}

export type SprintReportsRepository = ReturnType<typeof createSprintReportsRepository>;
