/**
 * Fault injection through the fake Slack on every outbound call of the intake paths: nothing the
 * person submitted is lost, nothing is posted twice, and the person is told when the bot can't act.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETUP, STANDUP, SUGGEST } from '../../src/slack/ids.js';
import { selectValue, textValue } from '../helpers/signedClient.js';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';

const values = (title = 'Fix login timeout') =>
  ({
    [SUGGEST.blocks.title]: { value: textValue(title) },
    [SUGGEST.blocks.type]: { value: selectValue('bug') },
  }) as any;

describe('faults on outbound Slack calls', () => {
  let app: TestApp;
  let clock: TestClock;
  const items = () =>
    app.rituals.storage.query<{ id: number; permalink: string | null; sourceTs: string | null }>(
      'SELECT id, permalink, source_ts AS "sourceTs" FROM items ORDER BY id',
    );
  const outbox = () =>
    app.rituals.storage.query<{ kind: string; status: string; nextAttemptAt: number; lastError: string | null }>(
      'SELECT kind, status, next_attempt_at AS "nextAttemptAt", last_error AS "lastError" FROM outbox ORDER BY id',
    );
  const receipts = () => app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'U_ALICE');

  beforeEach(async () => {
    clock = createTestClock(new Date());
    app = await startTestApp({ clock });
    await seedTeam(app);
  });
  afterEach(async () => {
    await app.stop();
  });

  async function submitSuggestion(title?: string) {
    await app.client.command('/suggest', '');
    const [open] = await app.slack.waitFor('views.open');
    app.slack.calls.length = 0;
    const response = await app.client.viewSubmission(open!.args.view, values(title));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  }

  /** Lets every backoff expire and sends what is due. */
  async function retryNow(times = 1) {
    for (let i = 0; i < times; i += 1) {
      clock.advance(10 * 60_000);
      await app.rituals.outbox.drain();
    }
  }

  it.each([
    ['429 with Retry-After', { kind: 'http', status: 429, retryAfter: 2 } as const, 1],
    ['500s', { kind: 'http', status: 500 } as const, 3],
    ['timeouts', { kind: 'hang', ms: 1_500 } as const, 1],
    ['internal_error', { kind: 'error', error: 'internal_error' } as const, 2],
  ])('the receipt survives %s and is sent exactly once', async (_name, fault, times) => {
    app.slack.fail('chat.postMessage', fault, times);
    await submitSuggestion();
    expect(await items()).toHaveLength(1);
    await app.slack.waitUntil(() => app.slack.callsTo('chat.postMessage').length >= 1);
    await app.rituals.outbox.drain();
    await retryNow(4);
    expect(receipts()).toHaveLength(1);
    expect((await outbox()).every((row) => row.status === 'sent')).toBe(true);
  });

  it('respects Retry-After before trying again', async () => {
    app.slack.fail('chat.postMessage', { kind: 'http', status: 429, retryAfter: 30 }, 2);
    await submitSuggestion();
    await app.slack.waitUntil(() => app.slack.callsTo('chat.postMessage').length >= 2);
    await app.rituals.outbox.drain();
    const pending = (await outbox()).filter((row) => row.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    for (const row of pending) expect(row.nextAttemptAt - clock().getTime()).toBeGreaterThanOrEqual(30_000);
    await retryNow();
    expect(receipts()).toHaveLength(1);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived'])(
    'a triage notice refused with %s is not retried, and the PO is told how to fix it',
    async (error) => {
      app.slack.on('chat.postMessage', (args, fake) =>
        args.channel === 'C_TRIAGE' ? { ok: false, error } : { ok: true, channel: String(args.channel), ts: fake.nextTs() },
      );
      await submitSuggestion();
      await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'U_PO'));
      await retryNow(2);
      const triageAttempts = app.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C_TRIAGE');
      expect(triageAttempts).toHaveLength(1);
      const note = app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'U_PO');
      expect(note).toHaveLength(1);
      expect(note[0]!.args.text).toMatch(/invite me|archived|can't see/i);
      expect((await outbox()).find((row) => row.kind === 'suggestion.triage_notice')).toMatchObject({ status: 'failed', lastError: error });
      expect(receipts()).toHaveLength(1);
      expect(app.logs.some((line) => line.includes('failed for good') && line.includes(error))).toBe(true);
    },
  );

  it('a receipt to a user Slack does not know fails with a logged reason, the item stays', async () => {
    app.slack.on('chat.postMessage', (args, fake) =>
      args.channel === 'U_ALICE' ? { ok: false, error: 'user_not_found' } : { ok: true, channel: String(args.channel), ts: fake.nextTs() },
    );
    await submitSuggestion();
    await app.slack.waitUntil(() => app.slack.callsTo('chat.postMessage').length >= 2);
    await app.rituals.outbox.drain();
    expect(await items()).toHaveLength(1);
    expect((await outbox()).find((row) => row.kind === 'suggestion.receipt')).toMatchObject({ status: 'failed', lastError: 'user_not_found' });
  });

  it('a capture reply refused with not_in_channel DMs the person who reacted', async () => {
    app.slack.addMessage('C_TEAM', { ts: '1700000100.000200', user: 'U_CAROL', text: 'Export is broken' });
    app.slack.on('chat.postMessage', (args, fake) =>
      args.thread_ts ? { ok: false, error: 'not_in_channel' } : { ok: true, channel: String(args.channel), ts: fake.nextTs() },
    );
    await app.client.event({
      type: 'reaction_added',
      user: 'U_BOB',
      reaction: 'inbox_tray',
      item: { type: 'message', channel: 'C_TEAM', ts: '1700000100.000200' },
    });
    await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'U_BOB'));
    const dm = app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'U_BOB')!;
    expect(dm.args.text).toContain('R-1');
    expect(dm.args.text).toContain('/invite @Rituals');
    expect(await items()).toHaveLength(1);
  });

  it('when views.open fails the person gets an ephemeral message instead of silence', async () => {
    app.slack.fail('views.open', { kind: 'http', status: 500 }, 2);
    const response = await app.client.command('/suggest', 'x');
    expect(response.status).toBe(200);
    await app.slack.waitFor('response_url');
    const [reply] = app.slack.sent('response_url');
    expect(reply!.args).toMatchObject({ response_type: 'ephemeral' });
    expect(reply!.args.text).toContain('/suggest');
  });

  it('a slow conversations.history on a reaction tells the reactor to try again and stores nothing', async () => {
    app.slack.fail('conversations.history', { kind: 'hang', ms: 1_500 }, 2);
    await app.client.event({
      type: 'reaction_added',
      user: 'U_BOB',
      reaction: 'inbox_tray',
      item: { type: 'message', channel: 'C_TEAM', ts: '1700000100.000200' },
    });
    const [ephemeral] = await app.slack.waitFor('chat.postEphemeral', 1, 8_000);
    expect(ephemeral!.args.text).toMatch(/react again/);
    expect(await items()).toHaveLength(0);
  });

  it('a failing chat.getPermalink still stores the capture and releases the triage notice', async () => {
    app.slack.addMessage('C_TEAM', { ts: '1700000100.000200', user: 'U_CAROL', text: 'Export is broken' });
    app.slack.fail('chat.getPermalink', { kind: 'error', error: 'channel_not_found' }, 2);
    await app.client.messageShortcut('send_to_backlog', { ts: '1700000100.000200', user: 'U_CAROL', text: 'Export is broken' });
    const [open] = await app.slack.waitFor('views.open');
    await app.client.viewSubmission(open!.args.view, values('Export is broken'));
    await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'C_TRIAGE'));
    expect(await items()).toMatchObject([{ permalink: null, sourceTs: '1700000100.000200' }]);
  });

  it('queued messages survive a restart and are sent once afterwards', async () => {
    app.slack.fail('chat.postMessage', { kind: 'http', status: 503 }, 20);
    await submitSuggestion();
    await app.slack.waitUntil(() => app.slack.callsTo('chat.postMessage').length >= 2);
    await app.restart();
    app.slack.clearFaults();
    await retryNow(2);
    expect(receipts()).toHaveLength(1);
    expect(app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'C_TRIAGE')).toHaveLength(1);
  });
});

describe('a slow users.info on an ack path', () => {
  it('answers from what is known instead of letting Slack time the request out', async () => {
    // The production client waits up to 10 s for Slack: a users.info that takes 4 s would push the
    // ack past Slack's 3 s (Bolt then answers 404) without a bound on the lookup.
    const app = await startTestApp({ slackTimeoutMs: 10_000 });
    try {
      await seedTeam(app);
      app.slack.fail('users.info', { kind: 'hang', ms: 4_000 }, 1);
      const response = await app.client.command('/standup', 'run', { user: 'U_OUT' });
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.json ?? (await app.slack.waitFor('response_url'))[0]!.args)).toMatch(/Scrum Master|admin/i);
    } finally {
      await app.stop();
    }
  });
});

describe('a slow users.info before a form opens', () => {
  it('/rituals setup and /standup still open their form while the trigger_id (3 s) is good', async () => {
    const app = await startTestApp({ slackTimeoutMs: 10_000 });
    try {
      await seedTeam(app);
      app.slack.fail('users.info', { kind: 'hang', ms: 4_000 }, 2);
      expect((await app.client.command('/rituals', 'setup', { user: 'U_PO' })).status).toBe(200);
      expect((await app.client.command('/standup', '', { user: 'U_ALICE' })).status).toBe(200);
      const opened = await app.slack.waitFor('views.open', 2, 5_000);
      expect(opened.map((call) => call.args.view.callback_id)).toEqual([SETUP.callbackId, STANDUP.callbackId]);
    } finally {
      await app.stop();
    }
  });
});

describe('stopping while a request is in flight', () => {
  it('answers it, then closes its kept-alive connection instead of waiting out the 65 s keep-alive', async () => {
    const app = await startTestApp({ slackTimeoutMs: 10_000 });
    try {
      await seedTeam(app);
      // The ack waits (at most 1.2 s) for users.info, so the request is in flight when stop begins.
      app.slack.fail('users.info', { kind: 'delay', ms: 600 }, 1);
      const inFlight = app.client.command('/standup', 'run', { user: 'U_OUT' });
      for (let i = 0; i < 100 && app.slack.inFlight('users.info') === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(app.slack.inFlight('users.info')).toBe(1);
      const started = Date.now();
      await app.stop();
      expect(Date.now() - started).toBeLessThan(4_000);
      expect((await inFlight).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
