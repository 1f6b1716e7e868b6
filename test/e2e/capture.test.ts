import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHORTCUTS, SUGGEST } from '../../src/slack/ids.js';
import { selectValue, textValue } from '../helpers/signedClient.js';
import { seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';

/** The items table, oldest first, with the repository's (camelCase) field names. */
async function itemRows(app: TestApp): Promise<Record<string, unknown>[]> {
  const rows = await app.rituals.storage.query('SELECT * FROM items ORDER BY id');
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), value])));
}

const MESSAGE = { ts: '1700000100.000200', user: 'U_CAROL', text: 'Checkout page <@U_DAVE> is slow &amp; times out\nIt takes 30 s on mobile.' };

describe('shadow-backlog capture', () => {
  let app: TestApp;
  const items = () => itemRows(app);
  /** Replies the bot posted in threads (the triage notice goes elsewhere). */
  const threadReplies = async (count = 1) => {
    await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').filter((c) => c.args.thread_ts).length >= count);
    return app.slack.sent('chat.postMessage').filter((c) => c.args.thread_ts);
  };

  beforeEach(async () => {
    app = await startTestApp();
    await seedTeam(app);
    app.slack.addMessage('C_TEAM', MESSAGE);
  });
  afterEach(async () => {
    await app.stop();
  });

  describe('the Send to backlog shortcut', () => {
    it('opens the modal pre-filled from the message and stores it with the author and permalink', async () => {
      expect((await app.client.messageShortcut(SHORTCUTS.sendToBacklog, MESSAGE, { user: 'U_ALICE' })).status).toBe(200);
      const [open] = await app.slack.waitFor('views.open');
      const view = open!.args.view;
      const title = view.blocks.find((b: any) => b.block_id === SUGGEST.blocks.title);
      expect(title.element.initial_value).toBe('Checkout page @U_DAVE is slow & times out');
      const details = view.blocks.find((b: any) => b.block_id === SUGGEST.blocks.details);
      expect(details.element.initial_value).toContain('It takes 30 s on mobile.');
      const response = await app.client.viewSubmission(view, {
        [SUGGEST.blocks.title]: { value: textValue(title.element.initial_value) },
        [SUGGEST.blocks.details]: { value: textValue(details.element.initial_value) },
        [SUGGEST.blocks.type]: { value: selectValue('bug') },
      });
      expect(response.status).toBe(200);
      await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'C_TRIAGE'));
      const [item] = await items();
      expect(item).toMatchObject({ source: 'shortcut', requesterId: 'U_CAROL', suggestedById: 'U_ALICE', sourceChannelId: 'C_TEAM', sourceTs: MESSAGE.ts });
      expect(item!.permalink).toMatch(/^https:\/\/example\.slack\.com\/archives\/C_TEAM\/p/);
      const notice = app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'C_TRIAGE')!;
      expect(JSON.stringify(notice.args.blocks)).toContain(item!.permalink!);
    });

    it('says the message is already captured instead of opening a second form', async () => {
      await app.client.event({
        type: 'reaction_added',
        user: 'U_BOB',
        reaction: 'inbox_tray',
        item: { type: 'message', channel: 'C_TEAM', ts: MESSAGE.ts },
        item_user: 'U_CAROL',
      });
      await app.slack.waitFor('chat.postMessage');
      await app.client.messageShortcut(SHORTCUTS.sendToBacklog, MESSAGE);
      const [open] = await app.slack.waitFor('views.open');
      expect(open!.args.view.callback_id).toBe('info');
      expect(JSON.stringify(open!.args.view.blocks)).toContain('R-1');
      expect(await items()).toHaveLength(1);
    });
  });

  describe('the :inbox_tray: reaction', () => {
    const reaction = (user = 'U_BOB', name = 'inbox_tray') => ({
      type: 'reaction_added',
      user,
      reaction: name,
      item: { type: 'message', channel: 'C_TEAM', ts: MESSAGE.ts },
      item_user: 'U_CAROL',
    });

    it('fetches the message, stores it and replies in its thread with the id', async () => {
      expect((await app.client.event(reaction())).status).toBe(200);
      const [reply] = await threadReplies();
      expect(reply!.args).toMatchObject({ channel: 'C_TEAM', thread_ts: MESSAGE.ts });
      expect(reply!.args.text).toContain('R-1');
      expect(await items()).toMatchObject([
        { source: 'reaction', requesterId: 'U_CAROL', suggestedById: 'U_BOB', title: 'Checkout page @U_DAVE is slow & times out', status: 'inbox' },
      ]);
      expect((await items())[0]!.permalink).toContain('/archives/C_TEAM/');
    });

    it('ignores Slack retries of the same event and other emoji', async () => {
      await app.client.event(reaction(), { eventId: 'EvSAME' });
      await app.slack.waitFor('chat.postMessage');
      await app.client.event(reaction(), { eventId: 'EvSAME', retryNum: 1 });
      await app.client.event(reaction(), { eventId: 'EvSAME', retryNum: 2 });
      await app.client.event(reaction('U_BOB', 'thumbsup'));
      await app.rituals.outbox.drain();
      expect(await items()).toHaveLength(1);
      expect(app.slack.sent('chat.postMessage').filter((c) => c.args.thread_ts === MESSAGE.ts)).toHaveLength(1);
      expect(app.slack.callsTo('conversations.history')).toHaveLength(1);
    });

    it('a second capture of the same message points at the existing id', async () => {
      await app.client.event(reaction('U_BOB'));
      await threadReplies();
      await app.client.event(reaction('U_ALICE'));
      const replies = await threadReplies(2);
      expect(await items()).toHaveLength(1);
      expect(replies[1]!.args.text).toContain('already in the backlog as *R-1*');
    });

    it('uses the team-configured reaction', async () => {
      await app.rituals.repos.teams.update(1, { captureReaction: 'pushpin' });
      await app.client.event(reaction('U_BOB', 'inbox_tray'));
      await app.client.event(reaction('U_BOB', 'pushpin'));
      await app.slack.waitFor('chat.postMessage');
      expect(await items()).toHaveLength(1);
    });

    it('tells the reactor how to invite the bot when it cannot read the channel', async () => {
      app.slack.fail('conversations.history', { kind: 'error', error: 'not_in_channel' });
      await app.client.event(reaction());
      const [ephemeral] = await app.slack.waitFor('chat.postEphemeral');
      expect(ephemeral!.args).toMatchObject({ channel: 'C_TEAM', user: 'U_BOB' });
      expect(ephemeral!.args.text).toContain('/invite @Rituals');
      expect(await items()).toHaveLength(0);
    });

    it('captures a thread reply and answers in that thread', async () => {
      const reply = { ts: '1700000200.000300', user: 'U_DAVE', text: 'Also the cart icon is wrong', thread_ts: MESSAGE.ts };
      app.slack.addMessage('C_TEAM', reply);
      await app.client.event({ ...reaction(), item: { type: 'message', channel: 'C_TEAM', ts: reply.ts } });
      const [answer] = await threadReplies();
      expect(answer!.args.thread_ts).toBe(MESSAGE.ts);
      expect(await items()).toMatchObject([{ title: 'Also the cart icon is wrong', requesterId: 'U_DAVE', sourceTs: reply.ts }]);
    });
  });

  describe('@Rituals add', () => {
    const mention = (text: string, extra: Record<string, unknown> = {}) => ({
      type: 'app_mention',
      user: 'U_ALICE',
      text,
      ts: '1700000300.000400',
      channel: 'C_TEAM',
      ...extra,
    });

    it('captures the text after "add" once, even when Slack retries', async () => {
      await app.client.event(mention('<@UBOT> add Export invoices as CSV'), { eventId: 'EvM1' });
      const [reply] = await threadReplies();
      expect(reply!.args.thread_ts).toBe('1700000300.000400');
      await app.client.event(mention('<@UBOT> add Export invoices as CSV'), { eventId: 'EvM1', retryNum: 1 });
      await app.rituals.outbox.drain();
      expect(await items()).toMatchObject([{ source: 'mention', title: 'Export invoices as CSV', requesterId: 'U_ALICE' }]);
      expect(app.slack.sent('chat.postMessage').filter((c) => c.args.thread_ts)).toHaveLength(1);
    });

    it('in a thread, "add" alone captures the thread parent', async () => {
      await app.client.event(mention('<@UBOT> add', { thread_ts: MESSAGE.ts, ts: '1700000400.000500' }));
      await app.slack.waitFor('chat.postMessage');
      expect(await items()).toMatchObject([{ source: 'mention', sourceTs: MESSAGE.ts, requesterId: 'U_CAROL', suggestedById: 'U_ALICE' }]);
    });

    it('explains itself for anything else', async () => {
      await app.client.event(mention('<@UBOT> hello'));
      const [help] = await app.slack.waitFor('chat.postEphemeral');
      expect(help!.args.text).toContain('@Rituals add');
      expect(await items()).toHaveLength(0);
    });
  });
});

describe('the global Suggest shortcut', () => {
  it("opens the suggestion modal for the person's team, and a choice when they belong to several", async () => {
    const app = await startTestApp();
    try {
      await seedTeam(app);
      const shortcut = (user: string) =>
        app.client.interaction({
          type: 'shortcut',
          callback_id: 'suggest_global',
          trigger_id: app.client.nextTriggerId(),
          team: { id: 'T1' },
          user: { id: user, team_id: 'T1' },
          token: 't',
          action_ts: '1',
        });
      await shortcut('U_ALICE');
      const [single] = await app.slack.waitFor('views.open');
      expect(single!.args.view.callback_id).toBe(SUGGEST.callbackId);
      expect(single!.args.view.blocks.some((b: any) => b.block_id === SUGGEST.blocks.team)).toBe(false);
      await seedTeam(app, { name: 'Mobile', teamChannelId: 'C_MOBILE', members: ['U_ALICE'] });
      await shortcut('U_ALICE');
      const opened = await app.slack.waitFor('views.open', 2);
      const team = opened[1]!.args.view.blocks.find((b: any) => b.block_id === SUGGEST.blocks.team);
      expect(team.element.options.map((o: any) => o.text.text)).toEqual(['Mobile', 'Platform']);
      const response = await app.client.viewSubmission(opened[1]!.args.view, {
        [SUGGEST.blocks.team]: { value: selectValue('2') },
        [SUGGEST.blocks.title]: { value: textValue('Dark mode') },
        [SUGGEST.blocks.type]: { value: selectValue('story') },
      } as any);
      expect(response.text).toBe('');
      expect(await itemRows(app)).toMatchObject([{ teamId: 2, title: 'Dark mode' }]);
      const missing = await app.client.viewSubmission(opened[1]!.args.view, { [SUGGEST.blocks.title]: { value: textValue('x') } } as any);
      expect(missing.json.errors[SUGGEST.blocks.team]).toMatch(/Pick the team/);
    } finally {
      await app.stop();
    }
  });
});
