/**
 * Scheduled posts go out once with three instances on one PostgreSQL database: over a simulated
 * working week, every instance runs every job at the same moments (cron fires on each replica), and
 * each standup prompt, reminder, channel post, window summary, burndown and digest is sent once.
 * On two days all three are down for hours and catch up when they come back: still once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSecrets, parseConfig } from '../../src/config.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { createLogger } from '../../src/logger.js';
import { startRituals, type Rituals } from '../../src/server.js';
import { createTestClock } from '../helpers/clock.js';
import { startFakeSlack, type FakeSlack, type RecordedCall } from '../helpers/fakeSlack.js';
import type { PgTestSchema } from '../helpers/pgDatabase.js';
import { TEST_SIGNING_SECRET } from '../helpers/signedClient.js';
import { seedSprint } from '../helpers/sprintSeed.js';
import { insertTeam } from '../helpers/teams.js';
import { freshPgSchema, onPostgres } from '../helpers/testEngine.js';
import { TEST_BOT_TOKEN } from '../helpers/testApp.js';

const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'] as const;
/** When cron fires on every instance (UTC). Berlin: standup 08:30Z, reminder 09:30Z, burndown 16:00Z,
 * digest Fri 15:00Z. New York: standup 15:00Z, reminder 16:00Z, burndown 22:00Z, digest Fri 21:00Z. */
const TICKS = ['07:05', '08:35', '09:35', '11:35', '15:05', '16:05', '18:05', '21:05', '22:05', '23:55'];
/** All three instances down (no tick at all) on these days and times; they come back at the next tick. */
const DOWN: Record<string, string[]> = {
  // Wednesday: down over the Berlin standup; back at 10:15, within its window, so its prompts go out late, once.
  '2026-11-25': ['08:35', '09:35'],
  // Friday: down all afternoon; back at 22:05 (23:05 in Berlin, still Friday there: a burndown is caught
  // up the same local day only), the Berlin burndown and the New York digest go out late, once.
  '2026-11-27': ['16:05', '18:05', '21:05'],
};
const EXTRA: Record<string, string[]> = { '2026-11-25': ['10:15'] };

const PLATFORM = { members: ['U_ALICE', 'U_BOB'], channel: 'C_TEAM', stakeholders: 'C_STAKE' };
const MOBILE = { members: ['U_CARLA', 'U_DAN'], channel: 'C_MOBILE', stakeholders: 'C_MSTAKE' };

// Several processes on one SQLite file are refused by design (the instance lock): PostgreSQL runs only.
describe.skipIf(!onPostgres())('scheduled posts with three instances on one PostgreSQL database', () => {
  const clock = createTestClock('2026-11-23T06:00:00Z');
  let slack: FakeSlack;
  let schema: PgTestSchema;
  let dir: string;
  let instances: Rituals[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    for (const id of PLATFORM.members) slack.addUser({ id, tz: 'Europe/Berlin', is_admin: false });
    for (const id of MOBILE.members) slack.addUser({ id, tz: 'America/New_York', is_admin: false });
    for (const id of ['U_PO', 'U_SM']) slack.addUser({ id, tz: 'Europe/Berlin', is_admin: false });
    schema = await freshPgSchema();
    dir = mkdtempSync(join(tmpdir(), 'rituals-sched-'));
    const config = parseConfig({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_PATH: join(dir, 'unused.sqlite'),
      DATABASE_URL: schema.url,
      LOG_LEVEL: 'warn',
    });
    // Started together: the migrations run once, under their advisory lock.
    instances = await Promise.all(
      [0, 1, 2].map((n) =>
        startRituals({
          config,
          clock,
          logger: createLogger('warn', { secrets: [TEST_BOT_TOKEN, ...configSecrets(config)], sink: (line) => logs.push(`#${n} ${line}`) }),
          startScheduler: false,
          outboxIntervalMs: 200,
          slackTimeoutMs: 2_000,
        }),
      ),
    );
    const [first] = instances;
    const teams: Team[] = [
      await insertTeam(first!.repos, { timezone: 'Europe/Berlin', standupTime: '09:30', members: PLATFORM.members }),
      await insertTeam(first!.repos, {
        name: 'Mobile',
        itemPrefix: 'M',
        timezone: 'America/New_York',
        standupTime: '10:00',
        teamChannelId: MOBILE.channel,
        triageChannelId: 'C_MTRIAGE',
        stakeholderChannelId: MOBILE.stakeholders,
        members: MOBILE.members,
      }),
    ];
    // A sprint over the whole week for each team (burndowns and digests report on it).
    for (const team of teams) await seedSprint(first!, team, { startDate: '2026-11-16', endDate: '2026-12-04' });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(instances.map((rituals) => rituals.stop()));
    await slack?.stop();
    await schema?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends each prompt, reminder, summary, burndown and digest once, down days included', async () => {
    const started = Date.now();
    const dayStarts: number[] = [];
    for (const day of DAYS) {
      dayStarts.push(slack.calls.length);
      const down = DOWN[day] ?? [];
      const times = [...TICKS.filter((t) => !down.includes(t)), ...(EXTRA[day] ?? [])].sort();
      for (const time of times) {
        clock.set(`${day}T${time}:00Z`);
        // Every replica's cron fires at the same minute.
        await Promise.all(instances.map((rituals) => rituals.scheduler.runAll()));
        await Promise.all(instances.map((rituals) => rituals.outbox.drain()));
      }
    }
    // Whatever an outbox still had queued goes out before counting (it belongs to the last day).
    await Promise.all(instances.map((rituals) => rituals.outbox.drain()));
    /** The calls Slack received on each simulated day. */
    const byDay = new Map(DAYS.map((day, i) => [day, slack.calls.slice(dayStarts[i], dayStarts[i + 1] ?? slack.calls.length)]));

    const ok = (call: RecordedCall) => call.status === 200 && call.response?.ok;
    const posts = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'chat.postMessage' && ok(c));
    const report: string[] = [];
    for (const day of DAYS) {
      const calls = byDay.get(day)!;
      for (const { members, channel, stakeholders } of [PLATFORM, MOBILE]) {
        for (const user of members) {
          const dms = posts(calls).filter((c) => c.args.channel === user);
          const prompts = dms.filter((c) => String(c.args.text).startsWith('Time for'));
          const reminders = dms.filter((c) => String(c.args.text).startsWith('Reminder'));
          expect(prompts, `${day} prompts to ${user}`).toHaveLength(1);
          // A reminder whose moment passed while all were down is not sent late (the prompt is, within
          // its window): Berlin on Wednesday, New York on Friday (its window closed at 18:00Z).
          const missed = (day === '2026-11-25' && channel === PLATFORM.channel) || (day === '2026-11-27' && channel === MOBILE.channel);
          expect(reminders, `${day} reminders to ${user}`).toHaveLength(missed ? 0 : 1);
          report.push(`${day} ${user}: ${prompts.length} prompt, ${reminders.length} reminder`);
        }
        // One standup parent in the channel, and one summary (the final update naming who did not answer).
        const parents = posts(calls).filter((c) => c.args.channel === channel && !c.args.thread_ts);
        expect(parents, `${day} standup parent in ${channel}`).toHaveLength(1);
        const summaries = calls.filter(
          (c) => c.method === 'chat.update' && ok(c) && c.args.channel === channel && JSON.stringify(c.args.blocks ?? '').includes('Did not answer'),
        );
        expect(summaries, `${day} standup summary in ${channel}`).toHaveLength(1);
        const burndowns = calls.filter((c) => c.method === 'files.completeUploadExternal' && ok(c) && c.args.channel_id === channel);
        expect(burndowns, `${day} burndown in ${channel}`).toHaveLength(1);
        const digests = posts(calls).filter((c) => c.args.channel === stakeholders && !c.args.thread_ts);
        expect(digests, `${day} digest in ${stakeholders}`).toHaveLength(day === '2026-11-27' ? 1 : 0);
        report.push(
          `${day} ${channel}: ${parents.length} parent, ${summaries.length} summary, ${burndowns.length} burndown, ${digests.length} digest (${stakeholders})`,
        );
      }
      // And nothing else twice: no two identical messages to one place on one day.
      const seen = new Map<string, number>();
      for (const call of posts(calls)) {
        const key = JSON.stringify([call.args.channel, call.args.thread_ts ?? null, call.args.text]);
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    }
    // Every scheduled-post claim was completed once.
    const claims = await instances[0]!.storage.query<{ kind: string; n: number }>(
      'SELECT kind, count(*) AS n FROM scheduled_posts WHERE done_at IS NOT NULL GROUP BY kind ORDER BY kind',
    );
    console.info(`scheduler: ${DAYS.length} days x 3 instances in ${Date.now() - started} ms; claims ${JSON.stringify(claims)}\n${report.join('\n')}`);
    expect(logs.filter((line) => /ERROR/.test(line))).toEqual([]);
  }, 150_000);
});
