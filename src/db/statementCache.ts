/**
 * drizzle asks better-sqlite3 to prepare() every query it runs, and SQLite compiles the SQL each
 * time: for an item insert (with its FTS triggers) that was the largest cost of a suggestion. The
 * SQL text of a drizzle query is the same on every call (values are bound parameters), so one
 * compiled statement per text, kept in a bounded LRU, does the same work without recompiling.
 */
import type Database from 'better-sqlite3';

export function cacheStatements(sqlite: Database.Database, capacity = 500): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    // A statement still being iterated can't run twice at once; such a caller gets its own.
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      // drizzle switches row statements to array mode and never back; each caller starts fresh.
      // (Only raw is reset: a future pluck/expand/safeIntegers caller must reset its mode too.)
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
    }
    return statement;
  }) as Database.Database['prepare'];
}
