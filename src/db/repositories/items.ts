import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { insertPlaceholders, rowValues } from '../preparedInsert.js';
import { firstRow, isRowId, reusedQuery } from '../query.js';
import type { ItemStatus, itemsTable, Moscow } from '../schema.js';
import { searchTitles as titleSearch } from '../titleSearch.js';
import type { Access } from '../types.js';
import { countRows } from './countRows.js';

export type Item = typeof itemsTable.$inferSelect;
export type NewItem = Omit<typeof itemsTable.$inferInsert, 'id'>;
export type ItemTitle = Pick<Item, 'id' | 'number' | 'title' | 'status'>;
/** An item's place in a ranked list: lists order by (rank, id). */
export type Ranked = Pick<Item, 'id' | 'rank'> & { rank: number };

/** Which slice of a ranked list to read (see rankedSlice). */
export interface RankedQuery {
  /** Leave this item out (the one being placed). */
  excludeId?: number;
  /** Only items strictly after this one in (rank, id) order. */
  after?: Ranked;
  /** Only items strictly before this one in (rank, id) order. */
  before?: Ranked;
  /** Only items of this MoSCoW class. */
  moscow?: Moscow;
  /** Read from the bottom up (nearest to `before` first). */
  descending?: boolean;
  limit: number;
  offset?: number;
}

const OPEN_FOR_DUPLICATES: ItemStatus[] = ['inbox', 'backlog', 'in_sprint'];

/** Backlog items of every status. */
export function createItemsRepository(access: Access) {
  const { db, tables } = access;
  const { itemsTable } = tables;
  /** Items waiting for the requester's answer go to the end of the triage queue. */
  const waitingForAnswer = sql`(coalesce(${itemsTable.openQuestion}, '') <> '' and coalesce(${itemsTable.questionAnswer}, '') = '')`;
  /** A team's items of one status, narrowed by any further conditions. */
  const ofTeamStatus = (teamId: number, status: ItemStatus, ...more: (SQL | undefined)[]) =>
    and(eq(itemsTable.teamId, teamId), eq(itemsTable.status, status), ...more);
  // Rank is null off the ranked lists (icebox, rejected). SQLite sorts nulls first ascending and
  // last descending, PostgreSQL the other way round: said explicitly, both engines order alike.
  // (PostgreSQL serves this order from its rank indexes only when they are declared `rank nulls first`.)
  const rankAscending = sql`${itemsTable.rank} asc nulls first`;
  const rankDescending = sql`${itemsTable.rank} desc nulls last`;
  const titleColumns = { id: itemsTable.id, number: itemsTable.number, title: itemsTable.title, status: itemsTable.status };

  // The intake path's lookups, prepared once (building a drizzle query costs far more than running it).
  const byId = reusedQuery(access, 'items.findById', (db) =>
    db
      .select()
      .from(itemsTable)
      .where(eq(itemsTable.id, sql.placeholder('id'))),
  );
  const byIntakeKey = reusedQuery(access, 'items.findByIntakeKey', (db) =>
    db
      .select()
      .from(itemsTable)
      .where(and(eq(itemsTable.teamId, sql.placeholder('teamId')), eq(itemsTable.intakeKey, sql.placeholder('intakeKey')))),
  );
  const bySourceMessage = reusedQuery(access, 'items.findBySourceMessage', (db) =>
    db
      .select()
      .from(itemsTable)
      .where(
        and(
          eq(itemsTable.teamId, sql.placeholder('teamId')),
          eq(itemsTable.sourceChannelId, sql.placeholder('channelId')),
          eq(itemsTable.sourceTs, sql.placeholder('ts')),
        ),
      ),
  );
  // Every suggestion and capture inserts one (its title-index triggers make compiling it dear).
  const insertOne = reusedQuery(access, 'items.insert', (db) => db.insert(itemsTable).values(insertPlaceholders(itemsTable)).returning());

  /** Open items of the team whose titles match every (or any) of the terms, best match first. */
  const searchTitles = (teamId: number, terms: readonly string[], every: boolean, limit: number): Promise<ItemTitle[]> =>
    titleSearch(access, { where: and(eq(itemsTable.teamId, teamId), inArray(itemsTable.status, OPEN_FOR_DUPLICATES)), terms, every, limit });

  return {
    async findById(id: number): Promise<Item | undefined> {
      if (!isRowId(id)) return undefined;
      return (await byId({ id }))[0];
    },

    async findByNumber(teamId: number, number: number): Promise<Item | undefined> {
      return firstRow(
        db()
          .select()
          .from(itemsTable)
          .where(and(eq(itemsTable.teamId, teamId), eq(itemsTable.number, number)))
          .limit(1),
      );
    },

    async findByIntakeKey(teamId: number, intakeKey: string): Promise<Item | undefined> {
      return (await byIntakeKey({ teamId, intakeKey }))[0];
    },

    async findBySourceMessage(teamId: number, channelId: string, ts: string): Promise<Item | undefined> {
      return (await bySourceMessage({ teamId, channelId, ts }))[0];
    },

    async insert(item: NewItem): Promise<Item> {
      return (await insertOne(rowValues(itemsTable, item)))[0]!;
    },

    /** Inserts many items with one statement per batch (imports, seeding); returns their ids in order. */
    async insertMany(items: NewItem[]): Promise<number[]> {
      const ids: number[] = [];
      // SQLite caps bound parameters per statement; ~40 columns x 200 rows stays well under it.
      for (let i = 0; i < items.length; i += 200) {
        const rows = await db()
          .insert(itemsTable)
          .values(items.slice(i, i + 200))
          .returning({ id: itemsTable.id });
        // PostgreSQL does not promise RETURNING in VALUES order; ids rise in insertion order on both.
        for (const row of rows.sort((a, b) => a.id - b.id)) ids.push(row.id);
      }
      return ids;
    },

    async update(id: number, changes: Partial<NewItem>): Promise<Item> {
      const row = await firstRow(db().update(itemsTable).set(changes).where(eq(itemsTable.id, id)).returning());
      if (!row) throw new Error(`item ${id} not found`);
      return row;
    },

    /** Items of one status: backlog-like lists by rank, the inbox oldest first. */
    async listByStatus(teamId: number, status: ItemStatus, page: { limit?: number; offset?: number } = {}): Promise<Item[]> {
      const order = status === 'inbox' ? [asc(itemsTable.createdAt), asc(itemsTable.id)] : [rankAscending, asc(itemsTable.id)];
      const query = db()
        .select()
        .from(itemsTable)
        .where(ofTeamStatus(teamId, status))
        .orderBy(...order)
        .$dynamic();
      // No limit means all; SQLite takes an offset only after a limit.
      if (page.limit === undefined && !page.offset) return query;
      return query.limit(page.limit ?? Number.MAX_SAFE_INTEGER).offset(page.offset ?? 0);
    },

    async countByStatus(teamId: number, status: ItemStatus): Promise<number> {
      return countRows(db(), itemsTable, ofTeamStatus(teamId, status));
    },

    async listBySprint(sprintId: number): Promise<Item[]> {
      return db().select().from(itemsTable).where(eq(itemsTable.sprintId, sprintId)).orderBy(rankAscending, asc(itemsTable.id));
    },

    async listByRequester(slackUserId: string, limit: number): Promise<Item[]> {
      return db()
        .select()
        .from(itemsTable)
        .where(eq(itemsTable.requesterId, slackUserId))
        .orderBy(desc(itemsTable.createdAt), desc(itemsTable.id))
        .limit(limit);
    },

    async listByIds(ids: number[]): Promise<Item[]> {
      if (ids.length === 0) return [];
      // In id order, as SQLite walks the primary key for IN.
      return db().select().from(itemsTable).where(inArray(itemsTable.id, ids)).orderBy(asc(itemsTable.id));
    },

    /**
     * The first inbox item in triage order (oldest first, those waiting for an answer last),
     * leaving out `exclude`; one index walk, however large the inbox.
     */
    async firstInTriageOrder(teamId: number, exclude: readonly number[]): Promise<Item | undefined> {
      const base = and(eq(itemsTable.teamId, teamId), eq(itemsTable.status, 'inbox'), exclude.length > 0 ? notInArray(itemsTable.id, [...exclude]) : undefined);
      const first = (waiting: boolean) =>
        firstRow(
          db()
            .select()
            .from(itemsTable)
            .where(and(base, waiting ? waitingForAnswer : sql`not ${waitingForAnswer}`))
            .orderBy(asc(itemsTable.createdAt), asc(itemsTable.id))
            .limit(1),
        );
      return (await first(false)) ?? (await first(true));
    },

    /** Open items (inbox, backlog, in sprint) of a team, newest first. */
    async newestOpenTitles(teamId: number, limit: number): Promise<ItemTitle[]> {
      return db()
        .select(titleColumns)
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), inArray(itemsTable.status, OPEN_FOR_DUPLICATES)))
        .orderBy(desc(itemsTable.number))
        .limit(limit);
    },

    /**
     * Open items whose titles share a word (or a word's stem as prefix) with `words`, best BM25
     * match first: the candidates for duplicate detection, found through the title index instead
     * of comparing against every open item. `words` are lower-case [a-z0-9] tokens.
     */
    async searchOpenTitles(teamId: number, words: readonly string[], limit: number): Promise<ItemTitle[]> {
      const terms = [...new Set(words.filter((word) => /^[a-z0-9]+$/.test(word)))];
      if (terms.length === 0) return [];
      // Titles with every word first (few, and the likeliest duplicates): ranking all titles that
      // share any common word is what costs at 100k items. Widen to any word only when too few match.
      const all = terms.length > 1 ? await searchTitles(teamId, terms, true, limit) : [];
      if (all.length >= Math.min(limit, 20)) return all;
      const seen = new Set(all.map((item) => item.id));
      const any = await searchTitles(teamId, terms, false, limit);
      return [...all, ...any.filter((item) => !seen.has(item.id))].slice(0, limit);
    },

    /**
     * A few (id, rank) pairs of a ranked list in (rank, id) order, read through the rank index
     * instead of loading the list: neighbours of an item, the ends, the item at a position.
     */
    async rankedSlice(teamId: number, status: ItemStatus, query: RankedQuery): Promise<Ranked[]> {
      const { rank, id } = itemsTable;
      // rank <= r bounds the index range; the OR only breaks ties between equal ranks.
      const beforeIt = (pivot: Ranked) => and(lte(rank, pivot.rank), or(lt(rank, pivot.rank), lt(id, pivot.id)));
      const afterIt = (pivot: Ranked) => and(gte(rank, pivot.rank), or(gt(rank, pivot.rank), gt(id, pivot.id)));
      const order = query.descending ? [rankDescending, desc(id)] : [rankAscending, asc(id)];
      const rows = await db()
        .select({ id, rank })
        .from(itemsTable)
        .where(
          ofTeamStatus(
            teamId,
            status,
            query.moscow ? eq(itemsTable.moscow, query.moscow) : undefined,
            query.excludeId !== undefined ? ne(id, query.excludeId) : undefined,
            query.after ? afterIt(query.after) : undefined,
            query.before ? beforeIt(query.before) : undefined,
          ),
        )
        .orderBy(...order)
        .limit(query.limit)
        .offset(query.offset ?? 0);
      return rows.filter((row): row is Ranked => row.rank !== null);
    },

    /** How many items of a ranked list come before item in (rank, id) order (its 0-based index). */
    async countBefore(teamId: number, status: ItemStatus, item: Ranked): Promise<number> {
      const before = or(lt(itemsTable.rank, item.rank), lt(itemsTable.id, item.id));
      return countRows(db(), itemsTable, ofTeamStatus(teamId, status, lte(itemsTable.rank, item.rank), before));
    },

    /** Inbox items whose requester answered the PO's question. */
    async countAnswered(teamId: number, status: ItemStatus): Promise<number> {
      const answered = sql`coalesce(${itemsTable.openQuestion}, '') <> '' and coalesce(${itemsTable.questionAnswer}, '') <> ''`;
      return countRows(db(), itemsTable, ofTeamStatus(teamId, status, answered));
    },

    /** Lowest and highest rank among the team's items of a status. */
    async rankBounds(teamId: number, status: ItemStatus): Promise<{ min: number | null; max: number | null }> {
      const row = await firstRow(
        db()
          .select({ min: sql<number | null>`min(${itemsTable.rank})`, max: sql<number | null>`max(${itemsTable.rank})` })
          .from(itemsTable)
          .where(ofTeamStatus(teamId, status)),
      );
      return { min: row?.min ?? null, max: row?.max ?? null };
    },

    /** Items whose triagedAt falls in [since, until], for intake health. */
    async listTriagedBetween(teamId: number, since: number, until: number): Promise<Pick<Item, 'id' | 'createdAt' | 'triagedAt'>[]> {
      return db()
        .select({ id: itemsTable.id, createdAt: itemsTable.createdAt, triagedAt: itemsTable.triagedAt })
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), gte(itemsTable.triagedAt, since), lte(itemsTable.triagedAt, until)))
        .orderBy(desc(itemsTable.triagedAt), desc(itemsTable.id));
    },
  };
}

export type ItemsRepository = ReturnType<typeof createItemsRepository>;
