/** SQLite (better-sqlite3): the embedded default, one process per database file. */
import { openDatabase, type DbHandle } from '../client.js';
import { createRepositories } from '../repositories/index.js';
import { createSerialGate } from '../serialGate.js';
import * as schema from '../schema.js';
import type { Access, Db } from '../types.js';
import type { Storage } from './storage.js';

export interface SqliteStorage extends Storage {
  /** The connection itself, for SQLite-only operator tools (backup, checkpoints). */
  readonly handle: DbHandle;
  /** What the repositories reach the database through, for tests that build one with options of their own. */
  readonly access: Access;
}

export function openSqliteStorage(path: string, options: Parameters<typeof openDatabase>[1] = {}): SqliteStorage {
  const handle = openDatabase(path, options);
  const gate = createSerialGate((statement) => handle.sqlite.exec(statement));
  // The synchronous driver's handle under the asynchronous type repositories are written against:
  // awaiting one of its queries runs it at once and yields its result.
  const db = handle.db as unknown as Db;
  const access: Access = { engine: 'sqlite', db: () => db, tables: schema, inTransaction: gate.inTransaction };
  return {
    engine: 'sqlite',
    shared: false,
    handle,
    access,
    repos: createRepositories(access, { call: gate.run, transaction: gate.transaction }),
    async ping() {
      try {
        handle.sqlite.prepare('SELECT 1').get();
        return true;
      } catch {
        return false;
      }
    },
    query: (text, params = []) =>
      gate.run(() => {
        const statement = handle.sqlite.prepare(text);
        if (statement.reader) return statement.all(...params) as never;
        statement.run(...params);
        return [];
      }),
    async close() {
      handle.close();
    },
  };
}
