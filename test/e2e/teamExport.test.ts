/**
 * npm run export: a team as JSON, read from the database of a running app (its SQLite file, or
 * PostgreSQL on a PostgreSQL run), with everything that belongs to the team and nothing of another team's.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import {
  type ExportSource,
  exportTeam,
  openPostgresExportSource,
  openSqliteExportSource,
  readTeamExport,
  TEAM_EXPORT_FORMAT,
  type TeamExport,
} from '../../src/db/teamExport.js';
import { runCli } from '../helpers/cli.js';
import { seedItems, seedSprint } from '../helpers/sprintSeed.js';
import { createTestClock, seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';
import { freshPgSchema, onPostgres } from '../helpers/testEngine.js';

/** Starts real processes (the app, operator commands under tsx): slow on a loaded machine. */
const PROCESS_TEST_TIMEOUT_MS = 90_000;

describe('npm run export (team as JSON)', () => {
  let app: TestApp;
  let team: Team;
  let other: Team;
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp({ clock: createTestClock('2026-11-23T09:00:00Z') });
    dir = mkdtempSync(join(tmpdir(), 'rituals-export-'));
    const { repos } = app.rituals;
    team = await seedTeam(app, { name: 'Platform', holidays: '["2026-12-25"]' });
    const { sprint } = await seedSprint(app.rituals, team);
    await seedItems(app.rituals, team, [{ title: 'In the backlog' }, { title: 'Waiting for triage', status: 'inbox' }]);
    await repos.impediments.insert({ teamId: team.id, reporterId: 'U_BOB', text: 'Staging is down', standupDate: '2026-11-23', openedAt: 1 });
    await repos.absences.insert({ teamId: team.id, userId: 'U_BOB', fromDate: '2026-12-24', toDate: '2027-01-02', createdAt: 1 });
    await repos.retro.upsert({ sprintId: sprint.id, userId: 'U_ALICE', wentWell: 'Pairing', toImprove: '', tryNext: '', at: 1 });
    other = await seedTeam(app, { name: 'Payments', teamChannelId: 'C_PAY', itemPrefix: 'P' });
    await seedItems(app.rituals, other, [{ title: 'Secret payments work' }]);
    await seedSprint(app.rituals, other, { goal: 'Payments goal' });
  });
  afterAll(async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the export against the app's database: DATABASE_URL on a PostgreSQL run, else the file (named by --database). */
  const exportCli = (args: string[]) => runCli('export', onPostgres() ? args : [...args, '--database', app.dbPath], app.databaseEnv);
  const openSource = (): Promise<ExportSource> =>
    app.databaseEnv.DATABASE_URL ? openPostgresExportSource(app.databaseEnv.DATABASE_URL) : Promise.resolve(openSqliteExportSource(app.dbPath));

  it(
    'writes every table of the team, from the database of the running app, owner-only',
    async () => {
      const out = join(dir, 'platform.json');
      const result = await exportCli(['--team', String(team.id), '--out', out]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Exported Platform: `);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const exported = JSON.parse(readFileSync(out, 'utf8')) as TeamExport;

      expect(exported.format).toBe(TEAM_EXPORT_FORMAT);
      expect(exported.version).toBe(1);
      expect(exported.schemaMigration).toMatch(/^\d{4}_/);
      expect(exported.team).toMatchObject({
        id: team.id,
        name: 'Platform',
        teamChannelId: 'C_TEAM',
        holidays: ['2026-12-25'],
        readyChecklist: expect.any(Array),
      });
      expect(exported.members).toEqual(['U_ALICE', 'U_BOB', 'U_PO', 'U_SM']);

      const { storage } = app.rituals;
      const teamItems = await storage.query<{ id: number }>('SELECT id FROM items WHERE team_id = ? ORDER BY number', [team.id]);
      expect(exported.items.map((item) => item.id)).toEqual(teamItems.map((item) => item.id));
      expect(exported.items.map((item) => item.title)).toContain('Waiting for triage');
      expect(exported.items.every((item) => typeof item.needsReprioritisation === 'boolean')).toBe(true);
      for (const item of exported.items) {
        expect(item.ref).toBe(`R-${item.number}`);
        const [events] = await storage.query<{ n: number }>('SELECT count(*) AS n FROM item_events WHERE item_id = ?', [item.id]);
        expect(item.events).toHaveLength(events!.n);
        expect(item.events.every((event) => event.itemId === item.id)).toBe(true);
      }
      expect(exported.items.some((item) => item.events.length > 1)).toBe(true);
      expect(exported.sprints).toHaveLength(1);
      expect(exported.sprints[0]).toMatchObject({ goal: 'Customers can pay with the new checkout' });
      expect(exported.impediments).toMatchObject([{ text: 'Staging is down' }]);
      expect(exported.absences).toMatchObject([{ userId: 'U_BOB', fromDate: '2026-12-24' }]);
      expect(exported.sprints[0]!.retroAnswers).toMatchObject([{ userId: 'U_ALICE', wentWell: 'Pairing' }]);

      // Nothing of the other team.
      const text = readFileSync(out, 'utf8');
      expect(text).not.toContain('Secret payments work');
      expect(text).not.toContain('Payments goal');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'finds the team by its channel, writes to stdout without --out, and explains a team it cannot find',
    async () => {
      const byChannel = await exportCli(['--team', 'C_PAY']);
      expect(byChannel.code).toBe(0);
      const exported = JSON.parse(byChannel.stdout) as TeamExport;
      expect(exported.team.name).toBe('Payments');
      expect(exported.items.map((item) => item.ref)).toContain('P-1');

      const missing = await exportCli(['--team', 'C_NOPE']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('No team matches "C_NOPE". Teams in this database: ');
      expect(missing.stderr).toContain(`${team.id} Platform (channel C_TEAM`);

      const out = join(dir, 'exists.json');
      expect((await exportCli(['--team', 'C_PAY', '--out', out])).code).toBe(0);
      const again = await exportCli(['--team', 'C_PAY', '--out', out]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already exists');

      // A file named with --database is read even when DATABASE_URL is set (on a PostgreSQL run it is).
      const noFile = await runCli('export', ['--team', 'C_PAY', '--database', join(dir, 'none.sqlite')], app.databaseEnv);
      expect(noFile.code).toBe(1);
      expect(noFile.stderr).toContain('There is no database at');

      const usage = await exportCli([]);
      expect(usage.code).toBe(64);
      expect(usage.stderr).toContain('Usage: npm run export -- --team');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
  it('reads every table from one snapshot: rows written meanwhile are not in it', async () => {
    const source = await openSource();
    try {
      const exported = await source.snapshot(async (access, schemaMigration) => {
        expect(access.inTransaction()).toBe(true);
        const { db, tables } = access;
        const before = await db().select().from(tables.impedimentsTable);
        // The running app writes (on its own connection) while the export's snapshot is open.
        await app.rituals.repos.impediments.insert({
          teamId: team.id,
          reporterId: 'U_SM',
          text: 'Written during the export',
          standupDate: '2026-11-23',
          openedAt: 2,
        });
        expect(await db().select().from(tables.impedimentsTable)).toEqual(before);
        return readTeamExport(access, String(team.id), { now: 0, schemaMigration });
      });
      expect(exported.impediments.map((impediment) => impediment.text)).toEqual(['Staging is down']);
      const after = await exportTeam(source, String(team.id));
      expect(after.impediments.map((impediment) => impediment.text)).toEqual(['Staging is down', 'Written during the export']);
    } finally {
      await source.close();
    }
  });

  it('gives the same document on both engines: every list in an explicit order, booleans as booleans', async () => {
    const source = await openSource();
    try {
      const first = await exportTeam(source, String(team.id), { now: 0 });
      expect(first.exportedAt).toBe('1970-01-01T00:00:00.000Z');
      expect(first.items.map((item) => item.number)).toEqual([...first.items.map((item) => item.number)].sort((a, b) => a - b));
      expect(first.items.every((item) => typeof item.needsReprioritisation === 'boolean')).toBe(true);
      expect(JSON.stringify(await exportTeam(source, String(team.id), { now: 0 }))).toBe(JSON.stringify(first));
    } finally {
      await source.close();
    }
  });
});

// PostgreSQL only: the export runs no migrations, so it must refuse a schema this version has not migrated.
describe.skipIf(!onPostgres())('npm run export on PostgreSQL that Rituals has not migrated', () => {
  it(
    'refuses an empty schema, one behind this version and one ahead of it, changing nothing',
    async () => {
      const schema = await freshPgSchema();
      try {
        const env = { DATABASE_URL: schema.url };
        const empty = await runCli('export', ['--team', '1'], env);
        expect(empty.code).toBe(1);
        expect(empty.stderr).toContain('has no Rituals tables');
        const source = await openPostgresExportSource(schema.url);
        try {
          await expect(exportTeam(source, '1')).rejects.toThrow('has no Rituals tables');
        } finally {
          await source.close();
        }

        const client = new pg.Client({ connectionString: schema.url });
        await client.connect();
        try {
          await client.query('CREATE TABLE __drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint)');
          await client.query("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('old', 1)");
          const behind = await runCli('export', ['--team', '1'], env);
          expect(behind.code).toBe(1);
          expect(behind.stderr).toContain('this version of Rituals would still apply 0000_init');
          await client.query('UPDATE __drizzle_migrations SET created_at = 9999999999999');
          const newer = await runCli('export', ['--team', '1'], env);
          expect(newer.code).toBe(1);
          expect(newer.stderr).toContain('a newer Rituals migrated it');
          const tables = await client.query(
            "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '__drizzle_migrations'",
          );
          expect(tables.rows[0].n).toBe(0);
        } finally {
          await client.end();
        }
      } finally {
        await schema.drop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
