/**
 * The upgrade to the event inbox: the event ids the old processed_events table remembered become
 * finished inbox rows, so a redelivery of one after the upgrade still has no effect.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { findMigrationsFolder } from '../../src/db/client.js';
import { openSqliteStorage, type SqliteStorage } from '../../src/db/engine/sqlite.js';
import { onPostgres } from '../helpers/testEngine.js';

let dir: string;
let storage: SqliteStorage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A database migrated up to the migration before the inbox, with two handled event ids. */
function databaseBeforeTheInbox(path: string): void {
  const folder = join(dir, 'migrations');
  cpSync(findMigrationsFolder(), folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const inbox = journal.entries.findIndex((entry) => entry.tag.endsWith('_event-inbox'));
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, inbox) }));
  const sqlite = new Database(path);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  const insert = sqlite.prepare('INSERT INTO processed_events (event_id, received_at) VALUES (?, ?)');
  insert.run('EvOld1', 1_000);
  insert.run('EvOld2', 2_000);
  sqlite.close();
}

// SQLite only: it upgrades an existing SQLite file; PostgreSQL never had processed_events (its first migration has the inbox).
describe.skipIf(onPostgres())('event inbox migration', () => {
  it('keeps the handled event ids as finished rows and drops processed_events', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rituals-inbox-migration-'));
    const path = join(dir, 'rituals.sqlite');
    databaseBeforeTheInbox(path);
    storage = openSqliteStorage(path);
    const { eventInbox } = storage.repos;
    expect(await eventInbox.find('EvOld1')).toMatchObject({ state: 'done', receivedAt: 1_000, doneAt: 1_000, body: '{}' });
    expect(await eventInbox.accept('EvOld2', '{}', 3_000)).toBe(false);
    expect(await eventInbox.pendingCount()).toBe(0);
    expect(storage.handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'processed_events'").all()).toEqual([]);
  });
});
