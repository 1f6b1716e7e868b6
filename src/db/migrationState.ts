/**
 * Which drizzle-kit migrations a database file has, and which this version of Rituals would still
 * apply. drizzle's migrator applies every journal entry newer than the newest `created_at` recorded
 * in __drizzle_migrations; this reads the same two places without changing anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { findMigrationsFolder } from './client.js';

export interface MigrationEntry {
  tag: string;
  /** The journal's `when`, which drizzle stores as created_at. */
  when: number;
}

export interface MigrationState {
  /** The newest applied migration (null when the database has none, i.e. it is new). */
  applied: MigrationEntry | null;
  /** How many migrations the database records. */
  appliedCount: number;
  /** Migrations this version would apply at start, oldest first. */
  pending: MigrationEntry[];
  /** The database records a migration newer than any this version knows: it was made by a newer Rituals. */
  newerThanCode: boolean;
}

export function readJournal(migrationsFolder = findMigrationsFolder()): MigrationEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  return journal.entries.map(({ tag, when }) => ({ tag, when })).sort((a, b) => a.when - b.when);
}

export function migrationState(sqlite: Database.Database, journal: MigrationEntry[] = readJournal()): MigrationState {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
  const row = hasTable
    ? (sqlite.prepare('SELECT count(*) AS count, max(created_at) AS newest FROM __drizzle_migrations').get() as { count: number; newest: number | null })
    : { count: 0, newest: null };
  const newest = row.newest === null ? null : Number(row.newest);
  const applied = newest === null ? null : (journal.find((entry) => entry.when === newest) ?? { tag: `unknown-${newest}`, when: newest });
  const last = journal.at(-1);
  return {
    applied,
    appliedCount: row.count,
    pending: journal.filter((entry) => newest === null || entry.when > newest),
    newerThanCode: newest !== null && last !== undefined && newest > last.when,
  };
}
