import { afterEach, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';
import { seedSprint } from '../helpers/sprintSeed.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SUMMARY =
  'Sprint 14, day 6 of 10: 31 of 45 points left, 15 behind the ideal line; +5 points added mid-sprint, 3 points removed, re-estimates +3 points; 1 reopened';

/** Every scheduled-post claim, with the repository's field names. */
function scheduledPosts(app: TestApp) {
  return app.rituals.storage.query<{ teamId: number; kind: string; period: string; doneAt: number | null }>(
    'SELECT team_id AS "teamId", kind, period, done_at AS "doneAt" FROM scheduled_posts ORDER BY team_id, kind, period',
  );
}

describe('/burndown and the scheduled burndown', () => {
  let app: TestApp;
  let clock: TestClock;
  let team: Team;

  async function start(at = '2026-11-23T17:05:00Z', teamOverrides = {}) {
    clock = createTestClock(at);
    app = await startTestApp({ clock });
    app.slack.addUser({ id: 'U_ALICE' }).addUser({ id: 'U_OUTSIDER' });
    team = await seedTeam(app, teamOverrides);
    return await seedSprint(app.rituals, team);
  }
  afterEach(async () => {
    await app.stop();
  });

  const uploadCalls = () => app.slack.calls.filter((c) => ['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal'].includes(c.method));

  it('/burndown answers privately with the summary and a sparkline', async () => {
    await start();
    const response = await app.client.command('/burndown', '', { channel: 'C_TEAM' });
    expect(response.json.response_type).toBe('ephemeral');
    expect(response.json.text).toBe(SUMMARY);
    const body = JSON.stringify(response.json.blocks);
    expect(body).toMatch(/[▁▂▃▄▅▆▇█]{9}/);
    expect(body).toContain('/burndown post');
    expect(uploadCalls()).toHaveLength(0);
  });

  it('/burndown post uploads the PNG, described for screen readers, into the team channel', async () => {
    await start();
    // A slow upload: the person is told at once that it is under way, not after it finished.
    app.slack.fail('files.completeUploadExternal', { kind: 'delay', ms: 600 });
    const response = await app.client.command('/burndown', 'post', { channel: 'C_TEAM', user: 'U_ALICE', responseUrl: app.slack.responseUrl() });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ response_type: 'ephemeral', text: 'Posting the burndown chart to <#C_TEAM>…' });
    expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(0);
    await app.slack.waitFor('files.completeUploadExternal');
    expect(uploadCalls().map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const [upload] = app.slack.uploads;
    expect(upload!.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(upload!.bytes.readUInt32BE(16)).toBe(1200);
    expect(upload!.bytes.readUInt32BE(20)).toBe(600);
    expect(upload!.filename).toBe('burndown-sprint-14-2026-11-23.png');
    expect(upload!.altText).toBe(`Burndown chart of Platform, ${SUMMARY}.`);
    const complete = app.slack.sent('files.completeUploadExternal')[0]!;
    expect(complete.args.channel_id).toBe('C_TEAM');
    expect(complete.args.initial_comment).toBe(SUMMARY);
    const [reply] = await app.slack.waitFor('response_url');
    expect(reply!.args).toMatchObject({
      response_type: 'ephemeral',
      replace_original: true,
      text: expect.stringMatching(/^Posted the burndown chart to .*C_TEAM/),
    });
  });

  it('counts working days one way in /burndown, /sprint status and the digest: weekdays minus team holidays', async () => {
    // Standups every day of the week don't make weekends working days; the holiday on Friday 20 Nov isn't one either.
    await start('2026-11-23T17:05:00Z', { standupDays: '1,2,3,4,5,6,7', holidays: JSON.stringify(['2026-11-20']) });
    const burndown = await app.client.command('/burndown', '', { channel: 'C_TEAM' });
    expect(burndown.json.text).toMatch(/^Sprint 14, day 5 of 9: /);
    const status = await app.client.command('/sprint', 'status', { channel: 'C_TEAM' });
    expect(status.json.text).toContain('5 working days left');
    await app.rituals.deps.reports.postDigest(team.id, { kind: 'weekly' });
    const [digest] = app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'C_STAKE');
    expect(digest!.args.text).toContain('Sprint 14, day 5 of 9');
  });

  it('refuses /burndown post from someone outside the team', async () => {
    await start();
    await app.client.command('/burndown', 'post', { channel: 'C_TEAM', user: 'U_OUTSIDER', responseUrl: app.slack.responseUrl() });
    const [reply] = await app.slack.waitFor('response_url');
    expect(reply!.args.text).toContain("Only the team's members");
    expect(uploadCalls()).toHaveLength(0);
    expect(app.slack.sent('chat.postMessage')).toHaveLength(0);
  });

  it('/burndown post tells the person when nothing could be posted, replacing the "Posting…" note', async () => {
    await start();
    app.slack
      .fail('files.getUploadURLExternal', { kind: 'error', error: 'not_in_channel' })
      .fail('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    const response = await app.client.command('/burndown', 'post', { channel: 'C_TEAM', user: 'U_ALICE', responseUrl: app.slack.responseUrl() });
    expect(response.json.text).toBe('Posting the burndown chart to <#C_TEAM>…');
    const [reply] = await app.slack.waitFor('response_url');
    expect(reply!.args).toMatchObject({ replace_original: true, text: "I couldn't post to <#C_TEAM>. Invite me there with `/invite @Rituals`." });
  });

  it('/burndown post with no sprint running says so at once', async () => {
    clock = createTestClock('2026-11-23T17:05:00Z');
    app = await startTestApp({ clock });
    team = await seedTeam(app);
    const response = await app.client.command('/burndown', 'post', { channel: 'C_TEAM', user: 'U_ALICE', responseUrl: app.slack.responseUrl() });
    expect(response.json).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('There is no active sprint') });
    expect(uploadCalls()).toHaveLength(0);
  });

  it('still posts the summary with a sparkline when the upload fails', async () => {
    await start();
    app.slack.fail('upload', { kind: 'http', status: 500 }, 5);
    expect(await app.rituals.deps.reports.postBurndown(team.id)).toBe('fallback');
    const [post] = app.slack.sent('chat.postMessage');
    expect(post!.args.channel).toBe('C_TEAM');
    expect(post!.args.text).toContain(SUMMARY);
    expect(post!.args.text).toMatch(/`[▁▂▃▄▅▆▇█]{9}`/);
    expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(0);
  });

  it('falls back to text when Slack refuses the upload URL too', async () => {
    await start();
    app.slack.fail('files.getUploadURLExternal', { kind: 'error', error: 'invalid_auth' });
    expect(await app.rituals.deps.reports.postBurndown(team.id)).toBe('fallback');
    expect(app.slack.sent('chat.postMessage')).toHaveLength(1);
  });

  it('posts once per team and day, across overlapping runs and a restart', async () => {
    await start('2026-11-23T16:59:00Z');
    await app.rituals.scheduler.runAll();
    expect(app.slack.uploads).toHaveLength(0);
    clock.set('2026-11-23T17:01:00Z');
    await Promise.all([app.rituals.deps.reports.runDue(clock()), app.rituals.deps.reports.runDue(clock()), app.rituals.scheduler.runAll()]);
    expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(1);
    await app.restart();
    clock.set('2026-11-23T17:30:00Z');
    await app.rituals.scheduler.runAll();
    expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(1);
    const claims = await scheduledPosts(app);
    expect(claims).toMatchObject([{ teamId: team.id, kind: 'burndown', period: '2026-11-23' }]);
    expect(claims[0]!.doneAt).not.toBeNull();
  });

  it('lets only one of two runs that both saw the post as due claim it', async () => {
    await start('2026-11-23T17:01:00Z');
    const { reports } = app.rituals.services;
    const first = await reports.duePosts(clock());
    const second = await reports.duePosts(clock());
    expect(first).toEqual([{ teamId: team.id, kind: 'burndown', period: '2026-11-23', sprintId: expect.any(Number) }]);
    expect(second).toEqual(first);
    const claimed: boolean[] = [];
    for (const post of [...first, ...second]) claimed.push(await reports.claim(post));
    expect(claimed).toEqual([true, false]);
    expect(await reports.duePosts(clock())).toEqual([]);
  });

  it('catches up a missed run once the same day, not the next morning, and skips weekends', async () => {
    await start('2026-11-23T19:30:00Z');
    // The bot was down at 17:00; it starts at 19:30 and catches up once.
    await app.rituals.scheduler.runAll();
    await app.rituals.scheduler.runAll();
    expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(1);
    await app.stop();
    // Down all of Tuesday evening: Wednesday morning posts nothing for Tuesday.
    clock = createTestClock('2026-11-25T08:00:00Z');
    app = await startTestApp({ clock });
    team = await seedTeam(app);
    await seedSprint(app.rituals, team);
    await app.rituals.scheduler.runAll();
    expect(app.slack.uploads).toHaveLength(0);
    clock.set('2026-11-28T17:10:00Z'); // Saturday, and after the sprint.
    await app.rituals.scheduler.runAll();
    expect(app.slack.uploads).toHaveLength(0);
  });

  it('skips the team holidays', async () => {
    await start('2026-11-23T17:05:00Z', { holidays: '["2026-11-23"]' });
    await app.rituals.scheduler.runAll();
    expect(app.slack.uploads).toHaveLength(0);
  });

  it('uses the team timezone and its configured time and days', async () => {
    await start('2026-11-23T16:30:00Z', { timezone: 'Asia/Tokyo', burndownTime: '09:15', burndownDays: '2' });
    await app.rituals.scheduler.runAll(); // Tue 01:30 in Tokyo: too early.
    expect(app.slack.uploads).toHaveLength(0);
    clock.set('2026-11-24T00:20:00Z'); // Tue 09:20 in Tokyo.
    await app.rituals.scheduler.runAll();
    expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(1);
    expect((await scheduledPosts(app))[0]!.period).toBe('2026-11-24');
  });
});

describe('scheduled posts after a passing Slack failure', () => {
  it('are retried by the next sweep the same day, once', async () => {
    const clock = createTestClock('2026-11-23T16:00:00Z');
    const app = await startTestApp({ clock });
    try {
      const team = await seedTeam(app, { timezone: 'UTC', burndownTime: '17:00', burndownDays: '1,2,3,4,5' });
      await app.rituals.repos.sprints.insert({
        teamId: team.id,
        number: 1,
        name: 'Sprint 1',
        goal: 'Ship',
        startDate: '2026-11-23',
        endDate: '2026-12-04',
        status: 'active',
        committedPoints: 0,
        startedBy: 'U_SM',
        startedAt: clock().getTime(),
      });
      // Both the chart upload and the text fallback hit a Slack outage.
      app.slack.fail('files.getUploadURLExternal', { kind: 'http', status: 500 }, 2);
      app.slack.fail('chat.postMessage', { kind: 'http', status: 500 }, 2);
      clock.set('2026-11-23T17:05:00Z');
      await app.rituals.deps.reports.runDue(clock());
      expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(0);
      expect(app.slack.sent('chat.postMessage')).toHaveLength(0);
      // A minute later Slack is back: the burndown goes out, and only once.
      clock.set('2026-11-23T17:06:00Z');
      await app.rituals.deps.reports.runDue(clock());
      clock.set('2026-11-23T17:07:00Z');
      await app.rituals.deps.reports.runDue(clock());
      expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });

  it('a claim left by a crash is taken over after the lease, not lost', async () => {
    const clock = createTestClock('2026-11-23T17:05:00Z');
    const app = await startTestApp({ clock });
    try {
      const team = await seedTeam(app, { timezone: 'UTC', burndownTime: '17:00', burndownDays: '1,2,3,4,5' });
      await app.rituals.repos.sprints.insert({
        teamId: team.id,
        number: 1,
        name: 'Sprint 1',
        goal: 'Ship',
        startDate: '2026-11-23',
        endDate: '2026-12-04',
        status: 'active',
        committedPoints: 0,
        startedBy: 'U_SM',
        startedAt: clock().getTime(),
      });
      // A previous process claimed the post and died before posting.
      await app.rituals.repos.scheduledPosts.claim({ teamId: team.id, kind: 'burndown', period: '2026-11-23', at: clock().getTime(), leaseMs: 600_000 });
      await app.rituals.deps.reports.runDue(clock());
      expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(0);
      clock.set('2026-11-23T17:16:00Z');
      await app.rituals.deps.reports.runDue(clock());
      await app.rituals.deps.reports.runDue(clock());
      expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });
});
