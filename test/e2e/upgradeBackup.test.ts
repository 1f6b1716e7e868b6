/**
 * Upgrading: a database made by the previous version (one migration behind) is backed up into
 * backups/ before the start applies the pending migration; the last five automatic backups are
 * kept; a database with nothing pending, or a new one, is not copied.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { findMigrationsFolder } from '../../src/db/client.js';
import { readJournal } from '../../src/db/migrationState.js';
import { createLogger } from '../../src/logger.js';
import { startRituals } from '../../src/server.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { TEST_SIGNING_SECRET } from '../helpers/signedClient.js';
import { TEST_BOT_TOKEN } from '../helpers/testApp.js';
import { onPostgres } from '../helpers/testEngine.js';

/** A database as the previous version left it: every migration but the newest, and a team. */
function previousVersionDatabase(dir: string, path: string): void {
  const folder = join(dir, 'previous-migrations');
  cpSync(findMigrationsFolder(), folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
  const sqlite = new Database(path);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  sqlite
    .prepare('INSERT INTO teams (slack_team_id, name, team_channel_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run('T1', 'Before the upgrade', 'C_TEAM', 1, 1);
  sqlite.close();
}

// The automatic backup copies the SQLite file; a PostgreSQL database is backed up by its operators.
describe.skipIf(onPostgres())('automatic backup before migrations', () => {
  let slack: FakeSlack;
  let dir: string;
  beforeAll(async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'rituals-upgrade-'));
  });
  afterAll(async () => {
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (databasePath: string, logs: string[]) =>
    startRituals({
      config: parseConfig({
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        DATABASE_PATH: databasePath,
      }),
      logger: createLogger('info', { sink: (line) => logs.push(line) }),
      startScheduler: false,
    });

  it('backs up the old database before migrating it, keeps the last five, and leaves other files alone', async () => {
    const journal = readJournal();
    const from = journal.at(-2)!.tag;
    const to = journal.at(-1)!.tag;
    const databasePath = join(dir, 'data', 'rituals.sqlite');
    mkdirSync(join(dir, 'data', 'backups'), { recursive: true });
    previousVersionDatabase(dir, databasePath);
    const backups = join(dir, 'data', 'backups');
    const older = [1, 2, 3, 4, 5].map((n) => `rituals-2020010${n}T000000Z-from-0000_init-to-0001_triage-queue-index.sqlite`);
    for (const file of older) writeFileSync(join(backups, file), 'an older automatic backup');
    const untouched = ['notes.txt', 'rituals-20190101T000000Z-before-restore.sqlite', 'other-20190101T000000Z-from-a-to-b.sqlite'];
    for (const file of untouched) writeFileSync(join(backups, file), 'not ours to prune');

    const logs: string[] = [];
    const rituals = await start(databasePath, logs);
    const made = readdirSync(backups).filter((file) => file.endsWith(`-from-${from}-to-${to}.sqlite`));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^rituals-\d{8}T\d{6}Z-from-/);
    const backup = join(backups, made[0]!);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(logs.join('\n')).toContain(`backed up the database to ${backup} before applying 1 migration(s) (${from} -> ${to})`);

    // The copy is the database as it was: the old schema and its data.
    const copy = new Database(backup, { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(journal.length - 1);
    expect((copy.prepare('SELECT name FROM teams').get() as { name: string }).name).toBe('Before the upgrade');
    copy.close();
    // The live database was migrated after the copy.
    expect(await rituals.storage.query('SELECT count(*) AS n FROM __drizzle_migrations')).toEqual([{ n: journal.length }]);

    // Five automatic backups are kept: the oldest one went; files that are not automatic backups stay.
    const afterFirst = readdirSync(backups).sort();
    expect(afterFirst).toEqual([...older.slice(1), made[0]!, ...untouched].sort());
    await rituals.stop();

    // Nothing pending: no new copy.
    const again = await start(databasePath, []);
    await again.stop();
    expect(readdirSync(backups).sort()).toEqual(afterFirst);
  });

  it('does not back up a new database', async () => {
    const databasePath = join(dir, 'fresh', 'rituals.sqlite');
    const rituals = await start(databasePath, []);
    await rituals.stop();
    expect(existsSync(join(dir, 'fresh', 'backups'))).toBe(false);
  });
});
