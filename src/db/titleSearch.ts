/**
 * Item title search, the one query each engine answers its own way: SQLite through its FTS5 index
 * (external content kept in step by triggers, see the triage-title-search migration), PostgreSQL
 * through its text search over the expression its GIN index holds (pg/schema.ts). Both match each
 * term as a word prefix; SQLite ranks by bm25, PostgreSQL by ts_rank (ties by id).
 */
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { itemTitleDocument } from './pg/schema.js';
import type { Access } from './types.js';

/**
 * The FTS5 table, declared here rather than in schema.ts because drizzle-kit cannot generate virtual
 * tables (its migration is hand-written).
 */
const ftsTitles = sqliteTable('items_title_fts', { rowid: integer('rowid'), title: text('title') });

export interface TitleSearch {
  /** Which items may match (team, status...). */
  where: SQL | undefined;
  /** Lower-case [a-z0-9] words. */
  terms: readonly string[];
  /** Every term must match (else any one). */
  every: boolean;
  limit: number;
}

/** The matching items' id, number, title and status, best match first. */
export function searchTitles({ db, tables, engine }: Access, search: TitleSearch) {
  const { itemsTable } = tables;
  const columns = { id: itemsTable.id, number: itemsTable.number, title: itemsTable.title, status: itemsTable.status };
  if (engine === 'postgres') {
    const document = itemTitleDocument(sql`${itemsTable.title}`);
    const query = sql`to_tsquery('simple', ${search.terms.map((word) => `${word}:*`).join(search.every ? ' & ' : ' | ')})`;
    return db()
      .select(columns)
      .from(itemsTable)
      .where(sql`${document} @@ ${query} and ${search.where ?? sql`true`}`)
      .orderBy(sql`ts_rank(${document}, ${query}) desc`, asc(itemsTable.id))
      .limit(search.limit);
  }
  const match = search.terms.map((word) => `"${word}"*`).join(search.every ? ' AND ' : ' OR ');
  return db()
    .select(columns)
    .from(ftsTitles)
    .innerJoin(itemsTable, eq(itemsTable.id, ftsTitles.rowid))
    .where(sql`items_title_fts MATCH ${match} and ${search.where ?? sql`1`}`)
    .orderBy(sql`bm25(items_title_fts)`)
    .limit(search.limit);
}
