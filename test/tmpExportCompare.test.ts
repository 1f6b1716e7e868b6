import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { exportTeam, openPostgresExportSource, openSqliteExportSource } from '../src/db/teamExport.js';
import { seedItems, seedSprint } from './helpers/sprintSeed.js';
import { createTestClock, seedTeam, startTestApp } from './helpers/testApp.js';
import { exportTeam as oldExport } from './tmpOldTeamExport.js';

it('old and new exports are byte-identical on SQLite', async () => {
  const app = await startTestApp({ clock: createTestClock('2026-11-23T09:00:00Z') });
  try {
    const { repos } = app.rituals;
    const team = await seedTeam(app, { name: 'Platform', holidays: '["2026-12-25"]' });
    const { sprint, items: sprintItems } = await seedSprint(app.rituals, team);
    const items = await seedItems(app.rituals, team, [{ title: 'In the backlog' }, { title: 'Waiting for triage', status: 'inbox' }]);
    for (const u of ['U_ZED', 'U_ALICE', 'U_BOB']) await repos.itemFollowers.add(items[0]!.id, u);
    for (const u of ['U_Q', 'U_A']) await repos.itemFollowers.add(items[1]!.id, u);
    const session = await repos.poker.insert({ teamId: team.id, itemId: items[0]!.id, facilitatorId: 'U_SM', channelId: 'C_TEAM', status: 'voting', createdAt: 1, updatedAt: 1 } as never);
    for (const [round, u] of [[2, 'U_B'], [1, 'U_Z'], [1, 'U_A'], [2, 'U_A']] as const) await repos.poker.upsertVote({ sessionId: session.id, round, userId: u, vote: '3', at: 1 });
    for (const [kind, period] of [['standup', '2026-11-24'], ['digest', '2026-W48'], ['standup', '2026-11-23']]) await repos.scheduledPosts.claim({ teamId: team.id, kind: kind!, period: period! , at: 1 });
    const { run } = await repos.standups.claimRun({ teamId: team.id, date: '2026-11-23', channelId: 'C_TEAM', closesAt: 5, createdAt: 1 });
    for (const u of ['U_Z', 'U_A']) await repos.standups.claimPrompt({ teamId: team.id, userId: u, date: run.date, dueAt: 1, sentAt: 1, remindAt: null });
    await repos.standups.claimPrompt({ teamId: team.id, userId: 'U_A', date: '2026-11-20', dueAt: 1, sentAt: 1, remindAt: null });
    for (const u of ['U_Z', 'U_ALICE']) await repos.retro.upsert({ sprintId: sprint.id, userId: u, wentWell: 'x', toImprove: '', tryNext: '', at: 1 });
    await repos.impediments.insert({ teamId: team.id, reporterId: 'U_BOB', text: 'Staging is down', standupDate: '2026-11-23', openedAt: 1 });
    await repos.absences.insert({ teamId: team.id, userId: 'U_BOB', fromDate: '2026-12-24', toDate: '2027-01-02', createdAt: 1 });
    void sprintItems;
    const pgUrl = app.databaseEnv.DATABASE_URL;
    let old = '';
    if (!pgUrl) {
      const sqlite = new Database(app.dbPath, { readonly: true });
      old = JSON.stringify(oldExport(sqlite, String(team.id), { now: 5 }), null, 2);
      sqlite.close();
    }
    const source = pgUrl ? await openPostgresExportSource(pgUrl) : openSqliteExportSource(app.dbPath);
    const fresh = JSON.stringify(await exportTeam(source, String(team.id), { now: 5 }), null, 2);
    await source.close();
    console.log(old.length, fresh.length, (JSON.parse(fresh).pokerSessions[0].votes as unknown[]).length, JSON.parse(fresh).scheduledPosts.length);
    (await import('node:fs')).writeFileSync(pgUrl ? '/tmp/teamexp/pg.json' : '/tmp/teamexp/sqlite.json', fresh);
    if (!pgUrl) expect(fresh).toBe(old);
  } finally {
    await app.stop();
  }
}, 60_000);
