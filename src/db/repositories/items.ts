import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { insertPlaceholders, rowValues } from '../preparedInsert.js';
import { countRows } from './countRows.js';
import { itemsTable, type ItemStatus, type Moscow } from '../schema.js';
import type { Db } from '../types.js';

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

/**
 * The FTS5 index over item titles (external content, kept in step by triggers; see the
 * triage-title-search migration). Declared here, not in schema.ts, because drizzle-kit cannot
 * generate virtual tables.
 */
const titleSearch = sqliteTable('items_title_fts', { rowid: integer('rowid'), title: text('title') });

/** Items waiting for the requester's answer go to the end of the triage queue. */
const waitingForAnswer = sql`(coalesce(${itemsTable.openQuestion}, '') <> '' and coalesce(${itemsTable.questionAnswer}, '') = '')`;
/** A team's items of one status, narrowed by any further conditions. */
const ofTeamStatus = (teamId: number, status: ItemStatus, ...more: (SQL | undefined)[]) =>
  and(eq(itemsTable.teamId, teamId), eq(itemsTable.status, status), ...more);
const OPEN_FOR_DUPLICATES: ItemStatus[] = ['inbox', 'backlog', 'in_sprint'];

/** Backlog items of every status. */
export function createItemsRepository({ db }: { db: Db }) {
  // The intake path's lookups, prepared once (building a drizzle query costs far more than running it).
  const byId = db
    .select()
    .from(itemsTable)
    .where(eq(itemsTable.id, sql.placeholder('id')))
    .prepare();
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
  // Every suggestion and capture inserts one (its title-index triggers make compiling it dear).
  const insertOne = db.insert(itemsTable).values(insertPlaceholders(itemsTable)).returning().prepare();
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
      return insertOne.get(rowValues(itemsTable, item))!;
    },

    /** Inserts many items with one statement per batch (imports, seeding); returns their ids in order. */
    insertMany(items: NewItem[]): number[] {
      const ids: number[] = [];
      // SQLite caps bound parameters per statement; ~40 columns x 200 rows stays well under it.
      for (let i = 0; i < items.length; i += 200) {
        const rows = db
          .insert(itemsTable)
          .values(items.slice(i, i + 200))
          .returning({ id: itemsTable.id })
          .all();
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
        .where(ofTeamStatus(teamId, status))
        .orderBy(...order)
        .limit(page.limit ?? -1)
        .offset(page.offset ?? 0)
        .all();
    },

    countByStatus(teamId: number, status: ItemStatus): number {
      return countRows(db, itemsTable, ofTeamStatus(teamId, status));
    },

    listBySprint(sprintId: number): Item[] {
      return db.select().from(itemsTable).where(eq(itemsTable.sprintId, sprintId)).orderBy(asc(itemsTable.rank), asc(itemsTable.id)).all();
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

    /**
     * The first inbox item in triage order (oldest first, those waiting for an answer last),
     * leaving out `exclude`; one index walk, however large the inbox.
     */
    firstInTriageOrder(teamId: number, exclude: readonly number[]): Item | undefined {
      const base = and(eq(itemsTable.teamId, teamId), eq(itemsTable.status, 'inbox'), exclude.length > 0 ? notInArray(itemsTable.id, [...exclude]) : undefined);
      const first = (waiting: boolean) =>
        db
          .select()
          .from(itemsTable)
          .where(and(base, waiting ? waitingForAnswer : sql`not ${waitingForAnswer}`))
          .orderBy(asc(itemsTable.createdAt), asc(itemsTable.id))
          .limit(1)
          .get();
      return first(false) ?? first(true);
    },

    /** Open items (inbox, backlog, in sprint) of a team, newest first. */
    newestOpenTitles(teamId: number, limit: number): ItemTitle[] {
      return db
        .select({ id: itemsTable.id, number: itemsTable.number, title: itemsTable.title, status: itemsTable.status })
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), inArray(itemsTable.status, OPEN_FOR_DUPLICATES)))
        .orderBy(desc(itemsTable.number))
        .limit(limit)
        .all();
    },

    /**
     * Open items whose titles share a word (or a word's stem as prefix) with `words`, best BM25
     * match first: the candidates for duplicate detection, found through the title index instead
     * of comparing against every open item. `words` are lower-case [a-z0-9] tokens.
     */
    searchOpenTitles(teamId: number, words: readonly string[], limit: number): ItemTitle[] {
      const terms = [...new Set(words.filter((word) => /^[a-z0-9]+$/.test(word)))];
      if (terms.length === 0) return [];
      const search = (match: string) =>
        db
          .select({ id: itemsTable.id, number: itemsTable.number, title: itemsTable.title, status: itemsTable.status })
          .from(titleSearch)
          .innerJoin(itemsTable, eq(itemsTable.id, titleSearch.rowid))
          .where(and(sql`items_title_fts MATCH ${match}`, eq(itemsTable.teamId, teamId), inArray(itemsTable.status, OPEN_FOR_DUPLICATES)))
          .orderBy(sql`bm25(items_title_fts)`)
          .limit(limit)
          .all();
      const quoted = terms.map((word) => `"${word}"*`);
      // Titles with every word first (few, and the likeliest duplicates): ranking all titles that
      // share any common word is what costs at 100k items. Widen to any word only when too few match.
      const all = quoted.length > 1 ? search(quoted.join(' AND ')) : [];
      if (all.length >= Math.min(limit, 20)) return all;
      const seen = new Set(all.map((item) => item.id));
      return [...all, ...search(quoted.join(' OR ')).filter((item) => !seen.has(item.id))].slice(0, limit);
    },

    /**
     * A few (id, rank) pairs of a ranked list in (rank, id) order, read through the rank index
     * instead of loading the list: neighbours of an item, the ends, the item at a position.
     */
    rankedSlice(teamId: number, status: ItemStatus, query: RankedQuery): Ranked[] {
      const { rank, id } = itemsTable;
      // rank <= r bounds the index range; the OR only breaks ties between equal ranks.
      const beforeIt = (pivot: Ranked) => and(lte(rank, pivot.rank), or(lt(rank, pivot.rank), lt(id, pivot.id)));
      const afterIt = (pivot: Ranked) => and(gte(rank, pivot.rank), or(gt(rank, pivot.rank), gt(id, pivot.id)));
      const order = query.descending ? [desc(rank), desc(id)] : [asc(rank), asc(id)];
      const rows = db
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
        .offset(query.offset ?? 0)
        .all();
      return rows.filter((row): row is Ranked => row.rank !== null);
    },

    /** How many items of a ranked list come before item in (rank, id) order (its 0-based index). */
    countBefore(teamId: number, status: ItemStatus, item: Ranked): number {
      const before = or(lt(itemsTable.rank, item.rank), lt(itemsTable.id, item.id));
      return countRows(db, itemsTable, ofTeamStatus(teamId, status, lte(itemsTable.rank, item.rank), before));
    },

    /** Inbox items whose requester answered the PO's question. */
    countAnswered(teamId: number, status: ItemStatus): number {
      const answered = sql`coalesce(${itemsTable.openQuestion}, '') <> '' and coalesce(${itemsTable.questionAnswer}, '') <> ''`;
      return countRows(db, itemsTable, ofTeamStatus(teamId, status, answered));
    },

    /** Lowest and highest rank among the team's items of a status. */
    rankBounds(teamId: number, status: ItemStatus): { min: number | null; max: number | null } {
      const row = db
        .select({ min: sql<number | null>`min(${itemsTable.rank})`, max: sql<number | null>`max(${itemsTable.rank})` })
        .from(itemsTable)
        .where(ofTeamStatus(teamId, status))
        .get();
      return { min: row?.min ?? null, max: row?.max ?? null };
    },

    /** Items whose triagedAt falls in [since, until], for intake health. */
    listTriagedBetween(teamId: number, since: number, until: number): Pick<Item, 'id' | 'createdAt' | 'triagedAt'>[] {
      return db
        .select({ id: itemsTable.id, createdAt: itemsTable.createdAt, triagedAt: itemsTable.triagedAt })
        .from(itemsTable)
        .where(and(eq(itemsTable.teamId, teamId), gte(itemsTable.triagedAt, since), lte(itemsTable.triagedAt, until)))
        .orderBy(desc(itemsTable.triagedAt))
        .all();
    },
  };
}

export type ItemsRepository = ReturnType<typeof createItemsRepository>;
