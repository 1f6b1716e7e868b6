import { and, asc, eq, getTableColumns, gte, inArray, sql } from 'drizzle-orm';
import { insertPlaceholders, rowValues } from '../preparedInsert.js';
import { itemEventsTable } from '../schema.js';
import type { Db } from '../types.js';

export type ItemEvent = typeof itemEventsTable.$inferSelect;
export type NewItemEvent = Omit<typeof itemEventsTable.$inferInsert, 'id'>;

/** The append-only log of item changes. */
export function createItemEventsRepository({ db }: { db: Db }) {
  const sprintItemIds = db
    .selectDistinct({ itemId: itemEventsTable.itemId })
    .from(itemEventsTable)
    .where(eq(itemEventsTable.sprintId, sql.placeholder('sprintId')))
    .prepare();
  // Every change of an item appends one.
  const appendOne = db.insert(itemEventsTable).values(insertPlaceholders(itemEventsTable)).prepare();
  const recordOne = db.insert(itemEventsTable).values(insertPlaceholders(itemEventsTable)).returning().prepare();
  return {
    append(event: NewItemEvent): void {
      appendOne.run(rowValues(itemEventsTable, event));
    },

    /** Appends one event and returns it with its id (to reference it, e.g. from a notification). */
    record(event: NewItemEvent): ItemEvent {
      return recordOne.get(rowValues(itemEventsTable, event))!;
    },

    appendMany(events: NewItemEvent[]): void {
      // Batched: SQLite caps bound parameters per statement.
      for (let i = 0; i < events.length; i += 500)
        db.insert(itemEventsTable)
          .values(events.slice(i, i + 500))
          .run();
    },

    listForItem(itemId: number): ItemEvent[] {
      return db.select().from(itemEventsTable).where(eq(itemEventsTable.itemId, itemId)).orderBy(asc(itemEventsTable.at), asc(itemEventsTable.id)).all();
    },

    listForSprint(sprintId: number): ItemEvent[] {
      return db.select().from(itemEventsTable).where(eq(itemEventsTable.sprintId, sprintId)).orderBy(asc(itemEventsTable.at), asc(itemEventsTable.id)).all();
    },

    /** Ids of the items with any event in the sprint (without reading the events themselves). */
    itemIdsOfSprint(sprintId: number): number[] {
      return sprintItemIds.all({ sprintId }).map((row) => row.itemId);
    },

    /** The replay columns of the items' events of the given kinds, oldest first (burndowns read thousands). */
    listKindsForItems(itemIds: number[], kinds: readonly string[]): Omit<ItemEvent, 'teamId' | 'actorId' | 'field'>[] {
      if (itemIds.length === 0) return [];
      const { teamId: _team, actorId: _actor, field: _field, ...columns } = getTableColumns(itemEventsTable);
      return db
        .select(columns)
        .from(itemEventsTable)
        .where(and(inArray(itemEventsTable.itemId, itemIds), inArray(itemEventsTable.kind, [...kinds])))
        .orderBy(asc(itemEventsTable.at), asc(itemEventsTable.id))
        .all();
    },

    listForItems(itemIds: number[]): ItemEvent[] {
      if (itemIds.length === 0) return [];
      return db.select().from(itemEventsTable).where(inArray(itemEventsTable.itemId, itemIds)).orderBy(asc(itemEventsTable.at), asc(itemEventsTable.id)).all();
    },

    listForTeamSince(teamId: number, kinds: string[], since: number): ItemEvent[] {
      return db
        .select()
        .from(itemEventsTable)
        .where(and(eq(itemEventsTable.teamId, teamId), inArray(itemEventsTable.kind, kinds), gte(itemEventsTable.at, since)))
        .orderBy(asc(itemEventsTable.at), asc(itemEventsTable.id))
        .all();
    },
  };
}

export type ItemEventsRepository = ReturnType<typeof createItemEventsRepository>;
