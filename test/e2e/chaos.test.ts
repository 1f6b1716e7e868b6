/**
 * A working day across features (intake, triage, sprint start, standup, burndown) while the fake
 * Slack fails about a third of all posts, updates and uploads at random with 5xx, 429 and
 * timeouts. Afterwards every queued message has been delivered exactly once: each successful
 * post belongs to exactly one outbox row, none failed, and nothing was logged as an error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';
import { inOrder } from './sprintHelpers.js';

const actor = (userId: string) => ({ userId, isWorkspaceAdmin: false });

describe.each([1, 2, 3])('chaos (seed %i)', (seed) => {
  let app: TestApp;
  let clock: TestClock;
  const outboxRows = () =>
    app.rituals.storage.query<{ kind: string; status: string; lastError: string | null; result: string | null }>(
      'SELECT kind, status, last_error AS "lastError", result FROM outbox ORDER BY id',
    );

  beforeEach(async () => {
    clock = createTestClock('2026-11-23T08:00:00Z'); // a Monday
    app = await startTestApp({ clock });
    for (const id of ['U_ALICE', 'U_BOB', 'U_PO', 'U_SM']) app.slack.addUser({ id, tz: 'UTC' });
  });
  afterEach(async () => {
    await app.stop();
  });

  it('delivers every message exactly once through random Slack failures', async () => {
    const team = await seedTeam(app, { timezone: 'UTC', standupTime: '09:30', burndownTime: '17:00' });
    const { services, deps } = app.rituals;
    app.slack.chaosOn(['chat.postMessage', 'chat.update', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal'], {
      rate: 0.3,
      seed,
      faults: [
        { kind: 'http', status: 500 },
        { kind: 'http', status: 503 },
        { kind: 'http', status: 429, retryAfter: 1 },
        { kind: 'error', error: 'internal_error' },
        { kind: 'hang', ms: 1_100 },
      ],
    });

    // Morning: five suggestions; the PO accepts three, rejects one, asks about one.
    const suggest = async (title: string, user: string) =>
      (
        await services.intake.submit(
          { title, details: `${title}: enough details for the team to start.`, type: 'story', neededBy: '', urgency: null },
          { teamId: team.id, source: 'command', requesterId: user, suggestedById: user, intakeKey: `chaos:${title}` },
        )
      ).item;
    const items = await inOrder(['Faster search', 'Export CSV', 'Dark mode', 'Blockchain', 'SSO'], (title, i) => suggest(title, i % 2 ? 'U_BOB' : 'U_ALICE'));
    const accept = {
      decision: 'accept',
      type: 'story',
      moscow: 'must',
      businessValue: null,
      timeCriticality: null,
      riskReduction: null,
      jobSize: null,
      storyPoints: 3,
      position: 'bottom',
      note: '',
    };
    for (const item of items.slice(0, 3)) await services.triage.decide(team.id, item.id, 'U_PO', accept);
    await services.triage.decide(team.id, items[3]!.id, 'U_PO', { decision: 'reject', reason: 'Not our product' });
    await services.triage.decide(team.id, items[4]!.id, 'U_PO', { decision: 'ask', question: 'Which identity provider?' });
    deps.outbox.kick();

    // The sprint starts with the three accepted items.
    await services.sprints.start(
      {
        teamId: team.id,
        name: 'Sprint 1',
        goal: 'Ship faster search.',
        startDate: '2026-11-23',
        endDate: '2026-12-04',
        capacityPoints: 9,
        itemIds: items.slice(0, 3).map((i) => i.id),
        overrideReason: null,
        confirmOverVelocity: true,
      },
      actor('U_SM'),
    );

    // 09:31: standup prompts and the day's parent message; Alice answers with a blocker.
    clock.set('2026-11-23T09:31:00Z');
    await services.standup.sweep(clock());
    const prompt = (await app.rituals.repos.standups.findPromptFor(team.id, 'U_ALICE', '2026-11-23'))!;
    await services.standup.submitAnswer({
      promptId: prompt.id,
      userId: 'U_ALICE',
      answer: { did: 'Planning', today: 'Search index', blockers: 'Waiting for API keys', itemStates: [] },
    });
    deps.outbox.kick();

    // 17:01: the burndown (posted directly, with a text fallback when the upload fails).
    clock.set('2026-11-23T17:01:00Z');
    await deps.reports.runDue(clock());

    // Let every backoff expire, a few times over, until nothing is pending.
    for (let round = 0; round < 40; round += 1) {
      clock.advance(10 * 60_000);
      await app.rituals.outbox.drain();
      const pending = (await outboxRows()).filter((row) => row.status === 'pending');
      if (pending.length === 0) break;
    }
    app.slack.clearFaults();
    // The chaos really happened.
    expect(app.slack.calls.filter((call) => call.status !== 200 || !call.response.ok).length).toBeGreaterThan(5);

    const rows = await outboxRows();
    expect(rows.filter((row) => row.status !== 'sent').map((row) => `${row.kind}: ${row.status} ${row.lastError}`)).toEqual([]);
    expect(rows.length).toBeGreaterThan(15);

    // Every successful post belongs to exactly one outbox row (or is the day's one burndown).
    const rowTs = new Map<string, number>();
    // Updates in place (chat.update) answer with the ts of the message they edit: not a new post.
    for (const row of rows.filter((r) => !r.kind.endsWith('_update'))) {
      const ts = (JSON.parse(row.result ?? 'null') as { ts?: string } | null)?.ts;
      if (ts) rowTs.set(ts, (rowTs.get(ts) ?? 0) + 1);
    }
    const posted = app.slack.sent('chat.postMessage');
    const direct = posted.filter((call) => !rowTs.has(String(call.response.ts)));
    // Only the burndown text fallback may be posted outside the outbox, and at most once.
    expect(direct.map((call) => call.args.channel)).toEqual(direct.length ? ['C_TEAM'] : []);
    expect(direct.length + app.slack.sent('files.completeUploadExternal').length).toBeLessThanOrEqual(1);
    for (const count of rowTs.values()) expect(count).toBe(1);

    // One standup parent, one thread answer, one receipt per suggestion.
    const parents = posted.filter((call) => call.args.channel === 'C_TEAM' && !call.args.thread_ts && /^Standup/.test(String(call.args.text)));
    expect(parents).toHaveLength(1);
    expect(posted.filter((call) => call.args.thread_ts === parents[0]!.response.ts)).toHaveLength(1);
    for (const user of ['U_ALICE', 'U_BOB']) {
      const receipts = posted.filter((call) => call.args.channel === user && /^Got it/.test(String(call.args.text)));
      expect(receipts.length).toBe(user === 'U_ALICE' ? 3 : 2);
    }
    expect(app.logs.filter((line) => line.includes(' ERROR '))).toEqual([]);
  });
});
