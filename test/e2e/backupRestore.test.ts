/**
 * Backup and restore, as an operator runs them: `npm run backup` against the database of a real app
 * process that is taking suggestion submissions, then `npm run restore` into a fresh path, a new app
 * process on it, and every suggestion acked before the backup began is there, intact.
 */
import { readFileSync, statSync, writeFileSync, mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../src/db/client.js';
import { openSqliteStorage } from '../../src/db/engine/sqlite.js';
import { EXIT_DATABASE_IN_USE } from '../../src/db/instanceLock.js';
import { itemsTable } from '../../src/db/schema.js';
import { SUGGEST } from '../../src/slack/ids.js';
import { freePort, spawnApp, type AppProcess } from '../helpers/appProcess.js';
import { runCli } from '../helpers/cli.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { SignedSlackClient, selectValue, textValue } from '../helpers/signedClient.js';
import { insertTeam } from '../helpers/testApp.js';
import { onPostgres } from '../helpers/testEngine.js';

const PARALLEL = 8;

const values = (i: number) => ({
  [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue(`Suggestion ${i}`) },
  [SUGGEST.blocks.details]: { [SUGGEST.action]: textValue(`Details of ${i}: ünïcödé, "quotes", commas`) },
  [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('story') },
  [SUGGEST.blocks.neededBy]: { [SUGGEST.action]: textValue('') },
  [SUGGEST.blocks.urgency]: { [SUGGEST.action]: selectValue(null) },
});

const integrity = (path: string): string => {
  const sqlite = new Database(path, { readonly: true });
  try {
    return (sqlite.pragma('integrity_check', { simple: true }) as string) ?? '';
  } finally {
    sqlite.close();
  }
};

/** Starts real processes (the app, operator commands under tsx): slow on a loaded machine. */
const PROCESS_TEST_TIMEOUT_MS = 90_000;

// Backup and restore copy the SQLite file; PostgreSQL is backed up with its own tools (pg_dump, snapshots).
describe.skipIf(onPostgres())('backup and restore', () => {
  let slack: FakeSlack;
  let dir: string;
  let handle: DbHandle;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'rituals-backup-'));
  });

  afterAll(async () => {
    for (const app of apps) await app.kill('SIGKILL');
    handle?.close();
    await slack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'backs up a running bot while it takes writes, and the restored copy starts with every acked suggestion',
    async () => {
      const live = join(dir, 'live', 'rituals.sqlite');
      const app = spawnApp({ port: await freePort(), databasePath: live, slackApiUrl: slack.apiUrl });
      apps.push(app);
      await app.healthy();
      const storage = openSqliteStorage(live);
      handle = storage.handle;
      await insertTeam(storage.repos);

      const client = new SignedSlackClient(app.baseUrl, undefined, undefined, app.baseUrl, { triggers: slack.triggers });
      expect((await client.command('/suggest', '')).status).toBe(200);
      const [open] = await slack.waitFor('views.open');
      const privateMetadata = String(open!.args.view.private_metadata);

      const acked: number[] = [];
      let next = 0;
      let stop = false;
      const sender = async () => {
        while (!stop) {
          const i = next++;
          const response = await client
            .viewSubmission({ callback_id: SUGGEST.callbackId, private_metadata: privateMetadata, id: `VBACKUP${i}` }, values(i))
            .catch(() => null);
          if (response?.status === 200 && response.text === '') acked.push(i);
        }
      };
      const senders = Array.from({ length: PARALLEL }, sender);
      while (acked.length < 100) await new Promise((resolve) => setTimeout(resolve, 20));

      const ackedBeforeBackup = [...acked];
      const backupFile = join(dir, 'rituals-backup.sqlite');
      const backup = await runCli('backup', [backupFile, '--database', live]);
      const ackedDuringBackup = acked.length - ackedBeforeBackup.length;
      stop = true;
      await Promise.all(senders);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain(`Backed up ${live} to ${backupFile}`);
      // The bot kept taking writes while the backup ran.
      expect(ackedDuringBackup).toBeGreaterThan(0);
      expect(statSync(backupFile).mode & 0o777).toBe(0o600);
      expect(integrity(backupFile)).toBe('ok');

      // An existing backup is not overwritten unless asked.
      const before = readFileSync(backupFile);
      const again = await runCli('backup', [backupFile, '--database', live]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already exists; choose another file, or pass --force');
      expect(readFileSync(backupFile).equals(before)).toBe(true);
      const forced = await runCli('backup', [join(dir, 'forced.sqlite'), '--database', live, '--force']);
      expect(forced.code).toBe(0);

      // Restoring over the database of a running bot is refused.
      const busy = await runCli('restore', [backupFile, '--database', live]);
      expect(busy.code).toBe(EXIT_DATABASE_IN_USE);
      expect(busy.stderr).toContain('stop it first');

      const restored = join(dir, 'restored', 'rituals.sqlite');
      const restore = await runCli('restore', [backupFile, '--database', restored]);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain(`Restored ${backupFile} to ${restored}: 1 team(s)`);
      expect(statSync(restored).mode & 0o777).toBe(0o600);

      const second = spawnApp({ port: await freePort(), databasePath: restored, slackApiUrl: slack.apiUrl });
      apps.push(second);
      await second.healthy();
      await second.kill('SIGTERM');
      expect(integrity(restored)).toBe('ok');
      const copy = openDatabase(restored);
      try {
        const keys = ackedBeforeBackup.map((i) => `view:VBACKUP${i}`);
        const found = copy.db.select().from(itemsTable).where(inArray(itemsTable.intakeKey, keys)).all();
        expect(found).toHaveLength(ackedBeforeBackup.length);
        const sample = found.find((item) => item.intakeKey === `view:VBACKUP${ackedBeforeBackup[0]}`);
        expect(sample?.details).toBe(`Details of ${ackedBeforeBackup[0]}: ünïcödé, "quotes", commas`);
      } finally {
        copy.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'restores over a stopped database, keeping the one it replaces, and refuses what is not a Rituals database',
    async () => {
      const target = join(dir, 'swap', 'rituals.sqlite');
      const current = openSqliteStorage(target);
      await insertTeam(current.repos, { name: 'Current' });
      await current.close();
      const other = openSqliteStorage(join(dir, 'other.sqlite'));
      await insertTeam(other.repos, { name: 'From backup', teamChannelId: 'C_OTHER' });
      await other.close();

      // A stale log beside the target must not be replayed into the restored file.
      writeFileSync(`${target}-wal`, 'stale');
      const restore = await runCli('restore', [join(dir, 'other.sqlite'), '--database', target]);
      expect(restore.code).toBe(0);
      expect(existsSync(`${target}-wal`)).toBe(false);
      const kept = readdirSync(join(dir, 'swap', 'backups'));
      expect(kept).toHaveLength(1);
      expect(kept[0]).toMatch(/^rituals-\d{8}T\d{6}Z-before-restore\.sqlite$/);
      expect(restore.stdout).toContain(`The database it replaced is kept at ${join(dir, 'swap', 'backups', kept[0]!)}`);
      const names = (path: string) => {
        const sqlite = new Database(path, { readonly: true });
        try {
          return (sqlite.prepare('SELECT name FROM teams').all() as { name: string }[]).map((row) => row.name);
        } finally {
          sqlite.close();
        }
      };
      expect(names(target)).toEqual(['From backup']);
      expect(names(join(dir, 'swap', 'backups', kept[0]!))).toEqual(['Current']);

      const notRituals = join(dir, 'not-rituals.sqlite');
      const plain = new Database(notRituals);
      plain.exec('CREATE TABLE notes (text TEXT)');
      plain.close();
      const refused = await runCli('restore', [notRituals, '--database', target]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is a SQLite database, but not a Rituals one');

      const garbage = join(dir, 'garbage.sqlite');
      writeFileSync(garbage, 'this is not a database at all, just some text that is long enough to have a header'.repeat(20));
      const garbled = await runCli('restore', [garbage, '--database', target]);
      expect(garbled.code).toBe(1);
      expect(garbled.stderr).toContain('is not a readable SQLite database');
      expect(names(target)).toEqual(['From backup']);

      const usage = await runCli('backup', []);
      expect(usage.code).toBe(64);
      expect(usage.stderr).toContain('Usage: npm run backup -- <backup file>');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
