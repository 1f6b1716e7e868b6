import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { itemsTable, type ItemStatus } from '../schema.js';
import type { Db } from '../types.js';

export type Item = typeof itemsTable.$inferSelect;
export type NewItem = Omit<typeof itemsTable.$inferInsert, 'id'>;

/** Backlog items of every status. */
export function createItemsRepository({ db }: { db: Db }) {
  // The intake path's lookups, prepared once (building a drizzle query costs far more than running it).
  const byId = db.select().from(itemsTable).where(eq(itemsTable.id, sql.placeholder('id'))).prepare();
  const byIntakeKey = db
    .select()
    .from(itemsTable)
    .where(and(eq(itemsTable.teamId, sql.placeholder('teamId')), eq(itemsTable.intakeKey, sql.placeholder('intakeKey'))))
    .prepare();
  const bySourceMessage = db
    .select()
    .from(itemsTable)
    .where(
      and(
        eq(itemsTable.teamId, sql.placeholder('teamId')),
        eq(itemsTable.sourceChannelId, sql.placeholder('channelId')),
        eq(itemsTable.sourceTs, sql.placeholder('ts')),
      ),
    )
    .prepare();
  return {
    findById(id: number): Item | undefined {
      return byId.get({ id });
    },

    findByNumber(teamId: number, number: number): Item | undefined {
      return db
        .select()
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), eq(itemsTable.number, number)))
        .get();
    },

    findByIntakeKey(teamId: number, intakeKey: string): Item | undefined {
      return byIntakeKey.get({ teamId, intakeKey });
    },

    findBySourceMessage(teamId: number, channelId: string, ts: string): Item | undefined {
      return bySourceMessage.get({ teamId, channelId, ts });
    },

    insert(item: NewItem): Item {
      return db.insert(itemsTable).values(item).returning().get();
    },

    /** Inserts many items with one statement per batch (imports, seeding); returns their ids in order. */
    insertMany(items: NewItem[]): number[] {
      const ids: number[] = [];
      // SQLite caps bound parameters per statement; ~40 columns x 200 rows stays well under it.
      for (let i = 0; i < items.length; i += 200) {
        const rows = db.insert(itemsTable).values(items.slice(i, i + 200)).returning({ id: itemsTable.id }).all();
        for (const row of rows) ids.push(row.id);
      }
      return ids;
    },

    update(id: number, changes: Partial<NewItem>): Item {
      const row = db.update(itemsTable).set(changes).where(eq(itemsTable.id, id)).returning().get();
      if (!row) throw new Error(`item ${id} not found`);
      return row;
    },

    /** Items of one status: backlog-like lists by rank, the inbox oldest first. */
    listByStatus(teamId: number, status: ItemStatus, page: { limit?: number; offset?: number } = {}): Item[] {
      const order = status === 'inbox' ? [asc(itemsTable.createdAt), asc(itemsTable.id)] : [asc(itemsTable.rank), asc(itemsTable.id)];
      return db
        .select()
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), eq(itemsTable.status, status)))
        .orderBy(...order)
        .limit(page.limit ?? -1)
        .offset(page.offset ?? 0)
        .all();
    },

    countByStatus(teamId: number, status: ItemStatus): number {
      const row = db
        .select({ n: count() })
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), eq(itemsTable.status, status)))
        .get();
      return row?.n ?? 0;
    },

    listBySprint(sprintId: number): Item[] {
      return db
        .select()
        .from(itemsTable)
        .where(eq(itemsTable.sprintId, sprintId))
        .orderBy(asc(itemsTable.rank), asc(itemsTable.id))
        .all();
    },

    listByRequester(slackUserId: string, limit: number): Item[] {
      return db
        .select()
        .from(itemsTable)
        .where(eq(itemsTable.requesterId, slackUserId))
        .orderBy(desc(itemsTable.createdAt), desc(itemsTable.id))
        .limit(limit)
        .all();
    },

    listByIds(ids: number[]): Item[] {
      if (ids.length === 0) return [];
      return db.select().from(itemsTable).where(inArray(itemsTable.id, ids)).all();
    },

    /** Open items (inbox or backlog) of a team, for duplicate detection. */
    listOpenTitles(teamId: number): Pick<Item, 'id' | 'number' | 'title' | 'status'>[] {
      return db
        .select({ id: itemsTable.id, number: itemsTable.number, title: itemsTable.title, status: itemsTable.status })
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), inArray(itemsTable.status, ['inbox', 'backlog', 'in_sprint', 'icebox'])))
        .all();
    },

    /** Lowest and highest rank among the team's items of a status. */
    rankBounds(teamId: number, status: ItemStatus): { min: number | null; max: number | null } {
      const row = db
        .select({ min: sql<number | null>`min(${itemsTable.rank})`, max: sql<number | null>`max(${itemsTable.rank})` })
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), eq(itemsTable.status, status)))
        .get();
      return { min: row?.min ?? null, max: row?.max ?? null };
    },
  };
}

export type ItemsRepository = ReturnType<typeof createItemsRepository>;
