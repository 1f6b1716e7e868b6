import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '../../src/db/statementCache.js';

function database(capacity?: number) {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table t (id integer primary key, name text)');
  sqlite.exec("insert into t (name) values ('a'), ('b'), ('c')");
  cacheStatements(sqlite, capacity);
  return sqlite;
}

describe('the statement cache', () => {
  it('compiles a SQL text once and reuses it', () => {
    const sqlite = database();
    const first = sqlite.prepare('select name from t where id = ?');
    expect(sqlite.prepare('select name from t where id = ?')).toBe(first);
    expect(sqlite.prepare('select name from t where id = ?').get(2)).toEqual({ name: 'b' });
  });

  it('hands back a statement in object mode even after a caller switched it to arrays', () => {
    const sqlite = database();
    expect(sqlite.prepare('select name from t where id = ?').raw().get(1)).toEqual(['a']);
    expect(sqlite.prepare('select name from t where id = ?').get(1)).toEqual({ name: 'a' });
  });

  it('gives a statement still being iterated to nobody else', () => {
    const sqlite = database();
    const rows = sqlite.prepare('select name from t order by id').iterate();
    rows.next();
    expect(sqlite.prepare('select name from t order by id').all()).toHaveLength(3);
    expect([...rows]).toHaveLength(2);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const sqlite = database(2);
    const one = sqlite.prepare('select 1');
    const two = sqlite.prepare('select 2');
    sqlite.prepare('select 1');
    sqlite.prepare('select 3');
    expect(sqlite.prepare('select 1')).toBe(one);
    expect(sqlite.prepare('select 2')).not.toBe(two);
  });

  it('runs writes through cached statements as before', () => {
    const sqlite = database();
    for (const name of ['d', 'e']) sqlite.prepare('insert into t (name) values (?)').run(name);
    expect(sqlite.prepare('select count(*) as n from t').get()).toEqual({ n: 5 });
  });
});
