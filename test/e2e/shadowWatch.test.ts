import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { itemsTable, watchRequestsTable } from '../../src/db/schema.js';
import { SETUP, SUGGEST, WATCH } from '../../src/slack/ids.js';
import { setupFormValues } from '../helpers/setupForm.js';
import { channelValue, selectValue, textValue } from '../helpers/signedClient.js';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';
import { tableRows } from '../helpers/tableRows.js';

const WATCHED = 'C_GENERAL';
const REQUEST = 'hey @dave could you quickly add a CSV export for finance? 🙏';
const DAY_MS = 86_400_000;

describe('shadow-backlog watch', () => {
  let app: TestApp;
  let clock: TestClock;
  let team: Team;
  let tsCounter = 0;
  const requests = () => tableRows(app.rituals.storage, watchRequestsTable);
  const items = () => tableRows(app.rituals.storage, itemsTable);
  const nudges = () => app.slack.sent('chat.postEphemeral');

  /** A human message in a channel, stored in the fake Slack (for later reads) and delivered as an event. */
  async function say(
    text: string,
    {
      user = 'U_CAROL',
      channel = WATCHED,
      threadTs,
      eventId,
      extra = {},
    }: { user?: string; channel?: string; threadTs?: string; eventId?: string; extra?: Record<string, unknown> } = {},
  ) {
    tsCounter += 1;
    const ts = `1764000${String(tsCounter).padStart(3, '0')}.000100`;
    app.slack.addMessage(channel, { ts, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
    const event = {
      type: 'message',
      channel,
      channel_type: channel.startsWith('G') ? 'group' : 'channel',
      user,
      text,
      ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...extra,
    };
    expect((await app.client.event(event, eventId ? { eventId } : {})).status).toBe(200);
    await app.rituals.events.idle();
    return { ts, event };
  }
  /** Waits for the outbox to drain, so "no nudge" is not just "not yet". */
  const settled = async () => {
    await app.rituals.events.idle();
    await app.rituals.outbox.drain();
    await new Promise((resolve) => setTimeout(resolve, 300));
  };
  const click = (actionId: string, requestId: number, user = 'U_CAROL') =>
    app.client.blockAction([{ action_id: actionId, value: String(requestId) }], { user, channel: WATCHED, messageTs: '1' });

  beforeEach(async () => {
    clock = createTestClock('2026-11-23T09:00:00Z');
    app = await startTestApp({ clock });
    team = await seedTeam(app);
    await app.rituals.repos.watch.replaceChannels(team.id, 'T1', [WATCHED], clock().getTime());
  });
  afterEach(async () => {
    await app.stop();
  });

  it('nudges the author of a request exactly once, privately, and keeps no message text', async () => {
    const { ts, event } = await say(REQUEST);
    const [nudge] = await app.slack.waitFor('chat.postEphemeral');
    expect(nudge!.args).toMatchObject({ channel: WATCHED, user: 'U_CAROL' });
    expect(nudge!.args.thread_ts).toBeUndefined();
    expect(nudge!.args.text).toBe('This looks like a request for Platform. Requests go through the backlog so the PO can weigh them.');
    const buttons = JSON.stringify(nudge!.args.blocks);
    for (const label of ['Send to backlog', 'Not a request', "Don't ask me again"]) expect(buttons).toContain(label);
    expect(buttons).toContain('Why I think so: asks for work to be done');

    // Slack retries the same event, and Socket Mode may redeliver it under a new id: no second nudge.
    const eventId = 'EvRETRY1';
    await app.client.event(event, { eventId });
    await app.client.event(event, { eventId, retryNum: 1 });
    await settled();
    expect(nudges()).toHaveLength(1);

    const [row] = await requests();
    expect(row).toMatchObject({ channelId: WATCHED, ts, authorId: 'U_CAROL', outcome: 'nudged' });
    expect(row!.reasons).toMatch(/^[a-z_,]+$/);
    expect(row!.permalink).toContain(`/archives/${WATCHED}/`);
    expect(JSON.stringify(row)).not.toContain('CSV');
    // Nothing else in the database holds the text either.
    const outbox = await app.rituals.storage.query<{ payload: string }>('SELECT payload FROM outbox ORDER BY id');
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.map((row) => row.payload).join('\n')).not.toContain('CSV');
    // Nor do the logs, even at LOG_LEVEL=debug.
    expect(app.logs.join('\n')).not.toContain('CSV export for finance');
  });

  it("tells the author when Slack won't open the form from the nudge", async () => {
    await say(REQUEST);
    await app.slack.waitFor('chat.postEphemeral');
    const [row] = await requests();
    app.slack.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    expect((await click(WATCH.actions.send, row!.id)).status).toBe(200);
    await app.slack.waitUntil(() => app.slack.sent('response_url').some((c) => /didn't let me open the form/.test(String(c.args.text))), 5_000, 'the notice');
    const notice = app.slack.sent('response_url').find((c) => /didn't let me open the form/.test(String(c.args.text)))!;
    expect(notice.args).toMatchObject({ response_type: 'ephemeral' });
    expect(notice.args.text).toContain('press the button again');
    expect(await items()).toHaveLength(0);
  });

  it('opens the form from the nudge even when reading the message back outlasts the trigger_id (3 s)', async () => {
    // Slack answers the read slowly, within the app's timeout for Slack calls (10 s in production).
    await app.stop();
    app = await startTestApp({ clock, slackTimeoutMs: 8_000 });
    team = await seedTeam(app);
    await app.rituals.repos.watch.replaceChannels(team.id, 'T1', [WATCHED], clock().getTime());
    await say(REQUEST);
    await app.slack.waitFor('chat.postEphemeral');
    const [row] = await requests();
    app.slack.fail('conversations.history', { kind: 'delay', ms: 3_500 });
    expect((await click(WATCH.actions.send, row!.id)).status).toBe(200);
    const [filled] = await app.slack.waitFor('views.update', 1, 10_000);
    const [open] = app.slack.sent('views.open');
    expect(open, 'the form opened while the trigger_id was good').toBeDefined();
    expect(filled!.args.view_id).toBe(open!.response.view.id);
    expect(filled!.args.view.callback_id).toBe(SUGGEST.callbackId);
    expect(JSON.stringify(filled!.args.view.blocks)).toContain('CSV export for finance');
    expect(app.slack.sent('response_url').filter((c) => /didn't let me open the form/.test(String(c.args.text)))).toHaveLength(0);
  });

  it('nudges in the thread when the request is a thread reply', async () => {
    const parent = await say('release notes for 4.2 are up');
    await say('can you add the order id to the confirmation email subject?', { user: 'U_DAN', threadTs: parent.ts });
    const [nudge] = await app.slack.waitFor('chat.postEphemeral');
    expect(nudge!.args).toMatchObject({ channel: WATCHED, user: 'U_DAN', thread_ts: parent.ts });
  });

  it('Send to backlog opens the pre-filled form; submitting creates the item with the link and the author as requester', async () => {
    const { ts } = await say(REQUEST);
    await app.slack.waitFor('chat.postEphemeral');
    const [row] = await requests();
    expect((await click(WATCH.actions.send, row!.id)).status).toBe(200);
    // A placeholder opens at once (the trigger_id lasts 3 s), and the form takes its place once the message is read.
    const [open] = await app.slack.waitFor('views.open');
    const [filled] = await app.slack.waitFor('views.update');
    expect(filled!.args.view_id).toBe(open!.response.view.id);
    const view = filled!.args.view;
    expect(view.callback_id).toBe(SUGGEST.callbackId);
    const title = view.blocks.find((b: any) => b.block_id === SUGGEST.blocks.title);
    expect(title.element.initial_value).toContain('CSV export for finance');
    expect(JSON.stringify(view.blocks)).toContain('<@U_CAROL>');
    // The text came from Slack just now (it was never stored).
    expect(app.slack.sent('conversations.history').some((c) => c.args.channel === WATCHED && c.args.latest === ts)).toBe(true);

    const response = await app.client.viewSubmission(
      view,
      { [SUGGEST.blocks.title]: { value: textValue(title.element.initial_value) }, [SUGGEST.blocks.type]: { value: selectValue('story') } },
      { user: 'U_CAROL' },
    );
    expect(response.status).toBe(200);
    // The permalink is filled in after the item is stored (a later Slack call), so wait on the table.
    await vi.waitFor(async () => expect((await items()).map((i) => i.permalink !== null)).toEqual([true]));
    expect((await items())[0]).toMatchObject({ source: 'nudge', requesterId: 'U_CAROL', sourceChannelId: WATCHED, sourceTs: ts });
    expect((await items())[0]!.permalink).toContain(`/archives/${WATCHED}/p`);
    expect((await requests())[0]).toMatchObject({ outcome: 'sent', itemId: (await items())[0]!.id });
  });

  it("honours Not a request and Don't ask me again, from the author only", async () => {
    await say(REQUEST);
    await app.slack.waitFor('chat.postEphemeral');
    const [first] = await requests();
    // Someone else replaying the button changes nothing.
    await click(WATCH.actions.dismiss, first!.id, 'U_MALLORY');
    await app.slack.waitFor('response_url');
    expect(app.slack.sent('response_url')[0]!.args.text).toContain('Only the person who wrote that message');
    expect((await requests())[0]!.outcome).toBe('nudged');

    await click(WATCH.actions.dismiss, first!.id);
    await app.slack.waitFor('response_url', 2);
    expect(app.slack.sent('response_url')[1]!.args).toMatchObject({ replace_original: true });
    expect((await requests())[0]!.outcome).toBe('dismissed');

    await say('please make the search box case insensitive');
    await app.slack.waitFor('chat.postEphemeral', 2);
    const second = (await requests())[1]!;
    await click(WATCH.actions.optOut, second.id);
    await app.slack.waitFor('response_url', 3);
    expect(app.slack.sent('response_url')[2]!.args.text).toContain("I won't nudge you about requests for Platform again");
    expect((await requests())[1]!.outcome).toBe('opted_out');

    // Opted out: no nudge, and nothing recorded about their messages.
    await say('can you add a dark mode toggle to the settings page');
    await settled();
    expect(nudges()).toHaveLength(2);
    expect(await requests()).toHaveLength(2);
    // Others are still nudged.
    await say('can you add a dark mode toggle to the settings page', { user: 'U_DAN' });
    await app.slack.waitFor('chat.postEphemeral', 3);
  });

  it('reads nothing from channels nobody watches, and stays quiet on what is not a request', async () => {
    await say(REQUEST, { channel: 'C_RANDOM' });
    await say('thanks a lot, that fixed it!');
    await say('I just deployed the new version to staging');
    await settled();
    expect(nudges()).toHaveLength(0);
    expect(await requests()).toHaveLength(0);
    expect(app.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('ignores bots, itself, edits, joins, mentions of the bot, captured messages and standup threads', async () => {
    await say(REQUEST, { user: 'UBOT' });
    await say(REQUEST, { extra: { bot_id: 'B_OTHER' } });
    await say(REQUEST, { extra: { subtype: 'message_changed' } });
    await say(REQUEST, { extra: { subtype: 'channel_join' } });
    await say(`<@UBOT> add ${REQUEST}`);
    // Already captured with the reaction before the message event was handled.
    const captured = await (async () => {
      tsCounter += 1;
      const ts = `1764000${String(tsCounter).padStart(3, '0')}.000100`;
      app.slack.addMessage(WATCHED, { ts, user: 'U_CAROL', text: REQUEST });
      await app.client.event({
        type: 'reaction_added',
        user: 'U_BOB',
        reaction: 'inbox_tray',
        item: { type: 'message', channel: WATCHED, ts },
        item_user: 'U_CAROL',
      });
      await app.rituals.events.idle();
      return ts;
    })();
    await app.client.event({ type: 'message', channel: WATCHED, channel_type: 'channel', user: 'U_CAROL', text: REQUEST, ts: captured });
    // Answers in a standup thread.
    const run = await app.rituals.repos.standups.claimRun({
      teamId: team.id,
      date: '2026-11-23',
      channelId: WATCHED,
      closesAt: clock().getTime() + DAY_MS,
      createdAt: clock().getTime(),
    });
    await app.rituals.repos.standups.setParentTs(run.run.id, '1763999999.000100', WATCHED);
    await say('today: can you add the CSV export, blockers: none', { threadTs: '1763999999.000100' });
    await settled();
    expect(nudges()).toHaveLength(0);
    expect(await requests()).toHaveLength(0);
  });

  it('nudges a person at most 3 times a day per team (the team timezone day); further requests are only counted', async () => {
    for (const text of [
      REQUEST,
      'please make the search box case insensitive',
      'can u add a filter by region on the sales report',
      'we need the audit log export by Friday',
    ]) {
      await say(text);
    }
    await settled();
    expect(nudges()).toHaveLength(3);
    expect((await requests()).map((r) => r.outcome)).toEqual(['nudged', 'nudged', 'nudged', 'spotted']);
    // Someone else has their own three.
    await say(REQUEST, { user: 'U_DAN' });
    await app.slack.waitFor('chat.postEphemeral', 4);
    // The next day (team timezone UTC), Carol can be nudged again.
    clock.advance(DAY_MS);
    await say('could someone add a health check endpoint to the worker service');
    await app.slack.waitFor('chat.postEphemeral', 5);
    expect(nudges()[4]!.args.user).toBe('U_CAROL');
  });

  it('the weekly digest shows spotted, sent, dismissed and ignored requests and the intake share', async () => {
    // Monday: three requests. One sent to the backlog, one dismissed, one ignored. Plus one /suggest.
    await say(REQUEST);
    await say('please make the search box case insensitive');
    await say('can u add a filter by region on the sales report');
    await app.slack.waitFor('chat.postEphemeral', 3);
    const [sent, dismissed] = await requests();
    await app.rituals.services.intake.submit(
      { title: 'CSV export', details: '', type: 'story', neededBy: '', urgency: null },
      { teamId: team.id, source: 'nudge', requesterId: 'U_CAROL', suggestedById: 'U_CAROL', intakeKey: 'k1', sourceChannelId: WATCHED, sourceTs: sent!.ts },
    );
    await app.rituals.services.shadowWatch.dismiss(dismissed!.id, 'U_CAROL');
    await app.rituals.services.intake.submit(
      { title: 'Typed suggestion', details: '', type: 'story', neededBy: '', urgency: null },
      { teamId: team.id, source: 'command', requesterId: 'U_BOB', suggestedById: 'U_BOB', intakeKey: 'k2' },
    );
    clock.set('2026-11-27T16:05:00Z');
    await app.rituals.scheduler.runAll();
    await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'C_STAKE'));
    const digest = JSON.stringify(app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'C_STAKE')!.args.blocks);
    expect(digest).toContain('Requests spotted in watched channels: *3* (sent to the backlog 1, dismissed 1, ignored 1, waiting 0)');
    expect(digest).toContain('1 of 2 through the official path (50%');
    expect(digest).toContain('1 captured from conversation');
  });

  it('shows the PO ignored requests in the App Home, with a Capture button that reads the message again', async () => {
    const { ts } = await say(REQUEST);
    await app.slack.waitFor('chat.postEphemeral');
    clock.advance(DAY_MS + 60_000);
    await app.client.event({ type: 'app_home_opened', user: 'U_PO', channel: 'DU_PO', tab: 'home' });
    const [publish] = await app.slack.waitFor('views.publish');
    const blocks = publish!.args.view.blocks as any[];
    const text = JSON.stringify(blocks);
    expect(text).toContain('Shadow backlog, last 7 days');
    expect(text).toContain('ignored 1');
    const line = blocks.find((b) => b.accessory?.action_id === WATCH.actions.capture);
    expect(line.text.text).toContain(`/archives/${WATCHED}/p`);
    expect(line.text.text).toContain('<@U_CAROL>');
    expect(line.text.text).toContain('on 23 Nov');

    // Someone other than the PO is refused.
    await app.client.blockAction([{ action_id: WATCH.actions.capture, value: line.accessory.value }], { user: 'U_ALICE' });
    const [refusal] = await app.slack.waitFor('views.open');
    expect(JSON.stringify(refusal!.args.view)).toContain('Only the Product Owner');

    await app.client.blockAction([{ action_id: WATCH.actions.capture, value: line.accessory.value }], { user: 'U_PO' });
    const opens = await app.slack.waitFor('views.open', 2);
    const [filled] = await app.slack.waitFor('views.update');
    expect(filled!.args.view_id).toBe(opens[1]!.response.view.id);
    const form = filled!.args.view;
    expect(form.callback_id).toBe(SUGGEST.callbackId);
    const title = form.blocks.find((b: any) => b.block_id === SUGGEST.blocks.title);
    await app.client.viewSubmission(form, { [SUGGEST.blocks.title]: { value: textValue(title.element.initial_value) } }, { user: 'U_PO' });
    await vi.waitFor(async () => expect(await items()).toHaveLength(1));
    expect((await items())[0]).toMatchObject({ source: 'nudge', requesterId: 'U_CAROL', suggestedById: 'U_PO', sourceTs: ts });
    expect((await requests())[0]!.outcome).toBe('sent');
  });
});

describe('shadow-backlog watch in team setup', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
    app.slack.addUser({ id: 'U_PO' }).addUser({ id: 'U_SM' }).addUser({ id: 'U_ALICE' });
  });
  afterEach(async () => {
    await app.stop();
  });

  const values = (watch: string[]) => setupFormValues({ triageChannel: null, members: ['U_ALICE'], timezone: 'UTC', watchChannels: watch });
  async function openSetup(user = 'U_PO', channel = 'C_PAY') {
    await app.client.command('/rituals', 'setup', { user, channel });
    const opens = await app.slack.waitFor('views.open', app.slack.sent('views.open').length + 1);
    return opens[opens.length - 1]!.args.view;
  }

  it('watches no channel by default, stores the chosen ones and says which the bot is not in and how to invite it', async () => {
    const fresh = await openSetup();
    const field = fresh.blocks.find((b: any) => b.block_id === SETUP.blocks.watchChannels);
    expect(field).toMatchObject({ optional: true, element: { type: 'multi_conversations_select' } });
    expect(field.element.initial_conversations).toBeUndefined();

    app.slack.notMemberOf.add('C_SALES');
    app.slack.notMemberOf.add('G_PRIVATE');
    const response = await app.client.viewSubmission({ ...fresh, id: 'VSETUP1' }, values(['C_GENERAL', 'C_SALES', 'G_PRIVATE']), { user: 'U_PO' });
    expect(response.json.response_action).toBe('update');
    const [team] = await app.rituals.repos.teams.listAll();
    expect(await app.rituals.repos.watch.channelsOf(team!.id)).toEqual(['C_GENERAL', 'C_SALES', 'G_PRIVATE']);
    const [update] = await app.slack.waitFor('views.update');
    expect(update!.args.view_id).toBe('VSETUP1');
    const text = JSON.stringify(update!.args.view.blocks);
    expect(text).toContain("I'm not in <#C_SALES>, <#G_PRIVATE>");
    expect(text).toContain('/invite @Rituals');
    expect(text).not.toContain("I'm not in <#C_GENERAL>");

    // Reopening shows the watched channels; a channel another team watches is refused inline.
    const again = await openSetup();
    expect(again.blocks.find((b: any) => b.block_id === SETUP.blocks.watchChannels).element.initial_conversations).toEqual([
      'C_GENERAL',
      'C_SALES',
      'G_PRIVATE',
    ]);
    const other = await openSetup('U_ALICE', 'C_OTHER');
    const refused = await app.client.viewSubmission(
      other,
      { ...values(['C_SALES']), [SETUP.blocks.teamChannel]: { value: channelValue('C_OTHER') } },
      { user: 'U_ALICE' },
    );
    expect(refused.json).toMatchObject({ response_action: 'errors', errors: { [SETUP.blocks.watchChannels]: expect.stringContaining('<#C_SALES>') } });
    expect(await app.rituals.repos.teams.listAll()).toHaveLength(1);
  });
});
