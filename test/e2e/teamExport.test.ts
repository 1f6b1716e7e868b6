/**
 * npm run export: a team as JSON, read from the database file of a running app, with everything
 * that belongs to the team and nothing of another team's.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { TEAM_EXPORT_FORMAT, type TeamExport } from '../../src/db/teamExport.js';
import { runCli } from '../helpers/cli.js';
import { seedItems, seedSprint } from '../helpers/sprintSeed.js';
import { createTestClock, seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';

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

  it(
    'writes every table of the team, from the file of the running app, owner-only',
    async () => {
      const out = join(dir, 'platform.json');
      const result = await runCli('export', ['--team', String(team.id), '--out', out, '--database', app.dbPath]);
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

      const { db } = app.rituals;
      const teamItems = db.sqlite.prepare('SELECT id FROM items WHERE team_id = ? ORDER BY number').all(team.id) as { id: number }[];
      expect(exported.items.map((item) => item.id)).toEqual(teamItems.map((item) => item.id));
      expect(exported.items.map((item) => item.title)).toContain('Waiting for triage');
      for (const item of exported.items) {
        expect(item.ref).toBe(`R-${item.number}`);
        const events = db.sqlite.prepare('SELECT count(*) AS n FROM item_events WHERE item_id = ?').get(item.id) as { n: number };
        expect(item.events).toHaveLength(events.n);
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
      const byChannel = await runCli('export', ['--team', 'C_PAY', '--database', app.dbPath]);
      expect(byChannel.code).toBe(0);
      const exported = JSON.parse(byChannel.stdout) as TeamExport;
      expect(exported.team.name).toBe('Payments');
      expect(exported.items.map((item) => item.ref)).toContain('P-1');

      const missing = await runCli('export', ['--team', 'C_NOPE', '--database', app.dbPath]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('No team matches "C_NOPE". Teams in this database: ');
      expect(missing.stderr).toContain(`${team.id} Platform (channel C_TEAM`);

      const out = join(dir, 'exists.json');
      expect((await runCli('export', ['--team', 'C_PAY', '--out', out, '--database', app.dbPath])).code).toBe(0);
      const again = await runCli('export', ['--team', 'C_PAY', '--out', out, '--database', app.dbPath]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already exists');

      const usage = await runCli('export', ['--database', app.dbPath]);
      expect(usage.code).toBe(64);
      expect(usage.stderr).toContain('Usage: npm run export -- --team');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
