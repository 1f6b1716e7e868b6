import { and, asc, eq, getTableColumns, gte, inArray, sql } from 'drizzle-orm';
import { insertPlaceholders, rowValues } from '../preparedInsert.js';
import { reusedQuery } from '../query.js';
import type { itemEventsTable } from '../schema.js';
import type { Access } from '../types.js';

export type ItemEvent = typeof itemEventsTable.$inferSelect;
export type NewItemEvent = Omit<typeof itemEventsTable.$inferInsert, 'id'>;

/** The append-only log of item changes. */
export function createItemEventsRepository(access: Access) {
  const { db, tables } = access;
  const { itemEventsTable } = tables;
  const inLogOrder = [asc(itemEventsTable.at), asc(itemEventsTable.id)];
  const sprintItemIds = reusedQuery(access, 'itemEvents.itemIdsOfSprint', (db) =>
    db
      .selectDistinct({ itemId: itemEventsTable.itemId })
      .from(itemEventsTable)
      .where(eq(itemEventsTable.sprintId, sql.placeholder('sprintId'))),
  );
  // Every change of an item appends one. Both return the id: a reused query returns rows.
  const appendOne = reusedQuery(access, 'itemEvents.append', (db) =>
    db.insert(itemEventsTable).values(insertPlaceholders(itemEventsTable)).returning({ id: itemEventsTable.id }),
  );
  const recordOne = reusedQuery(access, 'itemEvents.record', (db) => db.insert(itemEventsTable).values(insertPlaceholders(itemEventsTable)).returning());
  return {
    async append(event: NewItemEvent): Promise<void> {
      await appendOne(rowValues(itemEventsTable, event));
    },

    /** Appends one event and returns it with its id (to reference it, e.g. from a notification). */
    async record(event: NewItemEvent): Promise<ItemEvent> {
      return (await recordOne(rowValues(itemEventsTable, event)))[0]!;
    },

    async appendMany(events: NewItemEvent[]): Promise<void> {
      // Batched: SQLite caps bound parameters per statement.
      for (let i = 0; i < events.length; i += 500)
        await db()
          .insert(itemEventsTable)
          .values(events.slice(i, i + 500));
    },

    async listForItem(itemId: number): Promise<ItemEvent[]> {
      return db()
        .select()
        .from(itemEventsTable)
        .where(eq(itemEventsTable.itemId, itemId))
        .orderBy(...inLogOrder);
    },

    async listForSprint(sprintId: number): Promise<ItemEvent[]> {
      return db()
        .select()
        .from(itemEventsTable)
        .where(eq(itemEventsTable.sprintId, sprintId))
        .orderBy(...inLogOrder);
    },

    /** Ids of the items with any event in the sprint (without reading the events themselves). */
    async itemIdsOfSprint(sprintId: number): Promise<number[]> {
      return (await sprintItemIds({ sprintId })).map((row) => row.itemId);
    },

    /** The replay columns of the items' events of the given kinds, oldest first (burndowns read thousands). */
    async listKindsForItems(itemIds: number[], kinds: readonly string[]): Promise<Omit<ItemEvent, 'teamId' | 'actorId' | 'field'>[]> {
      if (itemIds.length === 0) return [];
      const { teamId: _team, actorId: _actor, field: _field, ...columns } = getTableColumns(itemEventsTable);
      return db()
        .select(columns)
        .from(itemEventsTable)
        .where(and(inArray(itemEventsTable.itemId, itemIds), inArray(itemEventsTable.kind, [...kinds])))
        .orderBy(...inLogOrder);
    },

    async listForItems(itemIds: number[]): Promise<ItemEvent[]> {
      if (itemIds.length === 0) return [];
      return db()
        .select()
        .from(itemEventsTable)
        .where(inArray(itemEventsTable.itemId, itemIds))
        .orderBy(...inLogOrder);
    },

    async listForTeamSince(teamId: number, kinds: string[], since: number): Promise<ItemEvent[]> {
      return db()
        .select()
        .from(itemEventsTable)
        .where(and(eq(itemEventsTable.teamId, teamId), inArray(itemEventsTable.kind, kinds), gte(itemEventsTable.at, since)))
        .orderBy(...inLogOrder);
    },
  };
}

export type ItemEventsRepository = ReturnType<typeof createItemEventsRepository>;
