import { afterEach, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { buildDigestMessage, listSection } from '../../src/slack/features/reports/digestMessage.js';
import { blockProblems } from '../helpers/blockKitLimits.js';
import { fixedSprintEvents } from '../helpers/sprintFixtures.js';
import { seedImpediment, seedItems, seedScopeAttempt, seedSprint } from '../helpers/sprintSeed.js';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';

const at = (iso: string) => Date.parse(iso);

/** Every scheduled-post claim, with the repository's field names. */
function scheduledPosts(app: TestApp) {
  return app.rituals.storage.query<{ teamId: number; kind: string; period: string; doneAt: number | null }>(
    'SELECT team_id AS "teamId", kind, period, done_at AS "doneAt" FROM scheduled_posts ORDER BY team_id, kind, period',
  );
}

describe('stakeholder digest', () => {
  let app: TestApp;
  let clock: TestClock;
  let team: Team;

  /** Friday 27 Nov 2026 16:05 UTC: the default digest slot (Friday 16:00). */
  async function start(now = '2026-11-27T16:05:00Z', overrides = {}) {
    clock = createTestClock(now);
    app = await startTestApp({ clock });
    team = await seedTeam(app, { burndownDays: '', ...overrides });
  }
  afterEach(async () => {
    await app.stop();
  });

  async function seedIntake() {
    // Three suggestions this week: two triaged after 2 h and 6 h, one still in the inbox; one from last month.
    await seedItems(app.rituals, team, [
      { title: 'Export to CSV', status: 'backlog', createdAt: at('2026-11-24T08:00:00Z'), triagedAt: at('2026-11-24T10:00:00Z'), rank: 1, points: 3 },
      { title: 'Dark mode', status: 'backlog', createdAt: at('2026-11-25T08:00:00Z'), triagedAt: at('2026-11-25T14:00:00Z'), rank: 2 },
      { title: 'SSO <!channel> & Okta', status: 'inbox', createdAt: at('2026-11-26T08:00:00Z') },
      { title: 'Old idea', status: 'icebox', createdAt: at('2026-10-01T08:00:00Z'), triagedAt: at('2026-10-02T08:00:00Z') },
    ]);
  }

  function digestPost() {
    return app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'C_STAKE');
  }
  const allText = (call: { args: Record<string, any> }) => JSON.stringify(call.args.blocks);

  it('posts the weekly digest to the stakeholder channel with the chart, readable and escaped', async () => {
    await start();
    const { sprint } = await seedSprint(app.rituals, team, {
      goal: 'Ship checkout <!here>',
      events: (id) => {
        const events = fixedSprintEvents(id);
        events.find((e) => e.kind === 'sprint_added' && e.reason !== 'planned')!.reason = 'Outage <@U_CEO> asked';
        return events;
      },
    });
    await seedIntake();
    await seedImpediment(app.rituals, team, 'Staging DB is down <!everyone>', at('2026-11-24T09:00:00Z'));
    await seedImpediment(app.rituals, team, 'Resolved one', at('2026-11-20T09:00:00Z'), at('2026-11-21T09:00:00Z'));
    await seedScopeAttempt(app.rituals, team, sprint.id, 'refused', at('2026-11-25T09:00:00Z'));
    await seedScopeAttempt(app.rituals, team, sprint.id, 'refused', at('2026-11-26T09:00:00Z'));
    await seedScopeAttempt(app.rituals, team, sprint.id, 'overridden', at('2026-11-26T10:00:00Z'));

    await app.rituals.scheduler.runAll();
    const post = digestPost()!;
    expect(post).toBeDefined();
    const text = allText(post);
    // The notification preview says whose digest this is.
    expect(post.args.text).toMatch(/^Platform weekly digest: Sprint 14, day 10 of 10: /);
    expect(post.args.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Weekly digest: Platform' } });
    expect(text).toContain('*Goal:* Ship checkout &lt;!here&gt;');
    expect(text).toContain('Checkout redesign');
    expect(text).toMatch(/Completed \(3\)/);
    expect(text).toMatch(/In progress \(3\)/);
    expect(text).toContain('Outage &lt;@U_CEO&gt; asked');
    expect(text).toContain('Not needed after the redesign');
    expect(text).toContain('re-estimated 5 → 8');
    expect(text).toContain('Staging DB is down &lt;!everyone&gt;');
    expect(text).not.toContain('Resolved one');
    expect(text).toContain('1. *R-10* Export to CSV (3 points)');
    expect(text).toContain('Suggestions received: *3*');
    expect(text).toContain('Triaged by the Product Owner: *2* (median time to triage: 4 h)');
    expect(text).toContain('Waiting in the inbox now: *1*');
    expect(text).toContain('redirected to the backlog: *2*; 1 let in by a Scrum Master override');
    for (const forbidden of ['<!here>', '<!everyone>', '<@U_CEO>']) expect(JSON.stringify(post.args)).not.toContain(forbidden);
    // The chart follows in the same channel.
    const complete = await app.slack.waitFor('files.completeUploadExternal');
    expect(complete[0]!.args.channel_id).toBe('C_STAKE');
    expect(app.slack.uploads[0]!.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('promises no chart: the chart upload comes after the digest and may fail', async () => {
    await start();
    await seedSprint(app.rituals, team);
    app.slack.fail('files.getUploadURLExternal', { kind: 'error', error: 'file_uploads_disabled' }, 5);
    expect(await app.rituals.deps.reports.postDigest(team.id, { kind: 'weekly' })).toBe('posted');
    expect(JSON.stringify(digestPost()!.args)).not.toMatch(/chart follows|chart below/);
    expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(0);
  });

  it('still reports intake health and what is next when no sprint is running', async () => {
    await start();
    await seedIntake();
    await app.rituals.scheduler.runAll();
    const text = allText(digestPost()!);
    expect(text).toContain('No sprint is running right now');
    expect(digestPost()!.args.text).toBe('Platform weekly digest: no sprint is running right now.');
    expect(text).toContain('Export to CSV');
    expect(text).toContain('Suggestions received: *3*');
    expect(app.slack.uploads).toHaveLength(0);
  });

  it('counts items, and says so, for a sprint with no points', async () => {
    await start();
    await seedSprint(app.rituals, team, {
      events: (id) => fixedSprintEvents(id).map((e) => ({ ...e, points: null, kind: e.kind === 'estimate' ? 'field' : e.kind })),
    });
    await app.rituals.scheduler.runAll();
    const text = allText(digestPost()!);
    expect(text).toContain('Nothing in this sprint has story points, so progress counts items instead.');
    expect(text).toMatch(/of 8 items left/);
  });

  it('posts the sprint-close digest once, whether called, swept, or both, across a restart', async () => {
    await start('2026-11-27T17:30:00Z', { digestDay: 1 });
    const { sprint } = await seedSprint(app.rituals, team, { status: 'closed', closedAt: at('2026-11-27T17:00:00Z') });
    const [first, second] = await Promise.all([
      app.rituals.deps.reports.postSprintCloseDigest(team.id, sprint.id),
      app.rituals.deps.reports.postSprintCloseDigest(team.id, sprint.id),
    ]);
    expect([first, second].sort()).toEqual([false, true]);
    await app.rituals.scheduler.runAll();
    await app.restart();
    await app.rituals.scheduler.runAll();
    expect(await app.rituals.deps.reports.postSprintCloseDigest(team.id, sprint.id)).toBe(false);
    const posts = app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'C_STAKE');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.blocks[0].text.text).toBe('Sprint-close digest: Platform, Sprint 14');
    expect(posts[0]!.args.text).toMatch(/^Platform sprint-close digest: Sprint 14, ended 27 Nov/);
    expect(await scheduledPosts(app)).toMatchObject([{ kind: 'digest.sprint_close', period: `sprint-${sprint.id}` }]);
  });

  it('sweeps a close digest the lead forgot to trigger, but not one closed days ago', async () => {
    await start('2026-11-28T09:00:00Z', { digestDay: 1 });
    await seedSprint(app.rituals, team, { number: 13, startDate: '2026-11-02', endDate: '2026-11-13', status: 'closed', closedAt: at('2026-11-13T17:00:00Z') });
    await seedSprint(app.rituals, team, { status: 'closed', closedAt: at('2026-11-27T17:00:00Z') });
    await app.rituals.scheduler.runAll();
    const posts = app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'C_STAKE');
    expect(posts.map((p) => p.args.blocks[0].text.text)).toEqual(['Sprint-close digest: Platform, Sprint 14']);
  });

  it('posts the weekly digest once per week at the configured day and time in the team timezone', async () => {
    await start('2026-11-27T14:00:00Z', { timezone: 'America/New_York', digestDay: 5, digestTime: '11:00' });
    await app.rituals.scheduler.runAll(); // 09:00 in New York
    expect(digestPost()).toBeUndefined();
    clock.set('2026-11-27T16:01:00Z'); // 11:01
    await Promise.all([app.rituals.scheduler.runAll(), app.rituals.scheduler.runAll()]);
    clock.set('2026-11-27T20:00:00Z');
    await app.rituals.scheduler.runAll();
    expect(app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'C_STAKE')).toHaveLength(1);
  });

  it('keeps a huge sprint within Slack limits with "and N more" tails', async () => {
    await start();
    const many = Array.from({ length: 120 }, (_, i) => i + 1);
    await seedSprint(app.rituals, team, {
      titles: many.map((i) => `A long item title number ${i} `.repeat(6)),
      events: (id) =>
        many.flatMap((i) => [
          {
            itemId: i,
            sprintId: id,
            kind: 'sprint_added',
            fromValue: null,
            toValue: String(id),
            reason: i > 100 ? `Reason ${'x'.repeat(200)}` : 'planned',
            points: 2,
            at: at(i > 100 ? '2026-11-18T10:00:00Z' : '2026-11-16T09:00:00Z'),
          },
          ...(i % 2 === 0
            ? [
                {
                  itemId: i,
                  sprintId: id,
                  kind: 'work_state',
                  fromValue: 'in_progress',
                  toValue: 'done',
                  reason: 'standup',
                  points: 2,
                  at: at('2026-11-19T10:00:00Z'),
                },
              ]
            : []),
        ]),
    });
    for (let i = 0; i < 40; i += 1) await seedImpediment(app.rituals, team, `Blocker ${i} ${'y'.repeat(150)}`, at('2026-11-24T09:00:00Z'));
    const message = buildDigestMessage(await app.rituals.services.reports.digest(team.id, { kind: 'weekly' }));
    expect(blockProblems(message.blocks, 'message')).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toMatch(/…and \d+ more/);
    expect(text).toContain('Completed (60)');
  });
});

describe('listSection', () => {
  it('fits lines in 3000 characters with a tail, and shows an empty note', () => {
    const block = listSection(
      '*Title*',
      Array.from({ length: 100 }, (_, i) => `• ${i} ${'z'.repeat(290)}`),
      'none',
    ) as any;
    expect(block.text.text.length).toBeLessThanOrEqual(3000);
    const shown = (block.text.text.match(/^• /gm) ?? []).length;
    expect(shown).toBeGreaterThan(5);
    expect(block.text.text).toMatch(new RegExp(`…and ${100 - shown} more_$`));
    expect((listSection('*T*', [], 'Nothing yet.') as any).text.text).toBe('*T*\n_Nothing yet._');
  });
});
