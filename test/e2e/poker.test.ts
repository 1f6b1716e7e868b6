import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { itemEventsTable, pokerVotesTable } from '../../src/db/schema.js';
import { POKER } from '../../src/slack/ids.js';
import { seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';
import { addBacklogItem, allText } from './sprintHelpers.js';
import { tableRows } from '../helpers/tableRows.js';

describe('/poker', () => {
  let app: TestApp;
  let team: Team;
  beforeEach(async () => {
    app = await startTestApp();
    team = await seedTeam(app);
  });
  afterEach(async () => {
    await app.stop();
  });

  const sectionTexts = (args: Record<string, any>) =>
    (args.blocks as any[])
      .filter((b) => b.type === 'section')
      .map((b) => b.text.text as string)
      .join('\n');

  async function start() {
    const item = await addBacklogItem(app, team, { title: 'Password reset <email>', details: 'AC: a reset link arrives within 1 minute', points: null });
    const response = await app.client.command('/poker', 'R-1', { user: 'U_ALICE' });
    expect(response.status).toBe(200);
    const [post] = await app.slack.waitFor('chat.postMessage');
    return { item, post: post!, ts: post!.response.ts as string };
  }

  const vote = (ts: string, user: string, card: string, round = 1) =>
    app.client.blockAction([{ action_id: `${POKER.votePrefix}${card}`, value: `1:${round}:${card}` }], { user, channel: 'C_TEAM', messageTs: ts });

  const lastUpdate = () => app.slack.sent('chat.update').at(-1)!;

  it('hides votes until the facilitator reveals, shows stats, re-votes and saves the accepted estimate', async () => {
    const { item, post, ts } = await start();
    expect(post.args.channel).toBe('C_TEAM');
    const text = allText(post.args);
    expect(text).toContain('R-1');
    expect(text).toContain('AC: a reset link arrives within 1 minute');
    expect(text).toContain('&lt;email&gt;');
    const buttons = post.args.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b: any) => b.text.text)).toEqual(['0', '1', '2', '3', '5', '8', '13', '21', '?', ':coffee:', 'Reveal votes']);
    // The starter is answered through the command's response_url (it works from any channel or DM).
    const toStarter = await app.slack.waitFor('response_url');
    expect(toStarter[0]!.args.text).toContain('You facilitate');

    await vote(ts, 'U_BOB', '5');
    await app.slack.waitFor('chat.update', 1);
    await vote(ts, 'U_ALICE', '3');
    await app.slack.waitFor('chat.update', 2);
    const hidden = sectionTexts(lastUpdate().args);
    expect(hidden).toContain('Voted (2)');
    expect(hidden).toContain('U_BOB');
    expect(hidden).not.toMatch(/\*5\*|\*3\*/);
    const ephemerals = await app.slack.waitFor('chat.postEphemeral', 2);
    const toBob = ephemerals.find((c) => c.args.user === 'U_BOB')!;
    expect(toBob.args.text).toContain('You voted *5*');

    // Only the facilitator reveals: the SM's click (or a forged payload) is refused.
    await app.client.blockAction([{ action_id: POKER.reveal, value: '1' }], { user: 'U_SM', channel: 'C_TEAM', messageTs: ts });
    const refusal = (await app.slack.waitFor('chat.postEphemeral', 3)).at(-1)!;
    expect(refusal.args.user).toBe('U_SM');
    expect(refusal.args.text).toContain('Only the facilitator');
    expect((await app.rituals.repos.poker.findById(1))!.status).toBe('voting');

    await app.client.blockAction([{ action_id: POKER.reveal, value: '1' }], { user: 'U_ALICE', channel: 'C_TEAM', messageTs: ts });
    await app.slack.waitFor('chat.update', 3);
    const revealed = sectionTexts(lastUpdate().args);
    expect(revealed).toContain('<@U_BOB>: *5*');
    expect(revealed).toContain('<@U_ALICE>: *3*');
    expect(revealed).toContain('*Average* 4');
    expect(revealed).toContain('*Median* 4');
    expect(revealed).toContain('*Spread* 2 (3 to 5)');
    expect(revealed).toContain('Consensus');

    // Late votes after the reveal are refused.
    await vote(ts, 'U_PO', '8');
    await app.slack.waitUntil(() => app.slack.sent('chat.postEphemeral').some((c) => c.args.user === 'U_PO' && /round is over/.test(c.args.text)));

    await app.client.blockAction([{ action_id: POKER.revote, value: '1' }], { user: 'U_ALICE', channel: 'C_TEAM', messageTs: ts });
    await app.slack.waitFor('chat.update', 4);
    expect(sectionTexts(lastUpdate().args)).toContain('No votes yet');
    await vote(ts, 'U_BOB', '1', 2);
    await vote(ts, 'U_PO', '13', 2);
    await vote(ts, 'U_SM', '?', 2);
    await app.slack.waitFor('chat.update', 7);
    await app.client.blockAction([{ action_id: POKER.reveal, value: '1' }], { user: 'U_ALICE', channel: 'C_TEAM', messageTs: ts });
    await app.slack.waitFor('chat.update', 8);
    const second = sectionTexts(lastUpdate().args);
    expect(second).toContain('No consensus');
    expect(second).toContain('*Spread* 12 (1 to 13)');
    expect(second).toContain('1 unsure');
    expect(await tableRows(app.rituals.storage, pokerVotesTable, 'session_id, round, user_id')).toHaveLength(5);

    const accept = (user: string, points: number) =>
      app.client.blockAction([{ action_id: POKER.accept, type: 'static_select', selected_option: { value: `1:${points}` } }], {
        user,
        channel: 'C_TEAM',
        messageTs: ts,
      });
    await accept('U_BOB', 1);
    await app.slack.waitUntil(() => app.slack.sent('chat.postEphemeral').some((c) => c.args.user === 'U_BOB' && /Only the facilitator/.test(c.args.text)));
    expect((await app.rituals.repos.items.findById(item.id))!.storyPoints).toBeNull();

    await accept('U_ALICE', 5);
    await app.slack.waitFor('chat.update', 9);
    expect(sectionTexts(lastUpdate().args)).toContain('Estimate accepted: 5 pts');
    expect(lastUpdate().args.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    expect((await app.rituals.repos.items.findById(item.id))!.storyPoints).toBe(5);
    const estimate = (await tableRows(app.rituals.storage, itemEventsTable)).filter((e) => e.kind === 'estimate');
    expect(estimate).toMatchObject([{ itemId: item.id, actorId: 'U_ALICE', fromValue: null, toValue: '5', points: 5, reason: 'poker' }]);
  });

  it('pre-selects the card nearest the median in the accept menu (the higher card when halfway)', async () => {
    const { ts } = await start();
    await vote(ts, 'U_BOB', '5');
    await vote(ts, 'U_PO', '13');
    await app.slack.waitFor('chat.update', 2);
    await app.client.blockAction([{ action_id: POKER.reveal, value: '1' }], { user: 'U_ALICE', channel: 'C_TEAM', messageTs: ts });
    await app.slack.waitUntil(() => sectionTexts(lastUpdate().args).includes('*Median* 9'), 5_000, 'the reveal');
    const menu = () =>
      lastUpdate()
        .args.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []))
        .find((e: any) => e.action_id === POKER.accept);
    expect(menu().initial_option.value).toBe('1:8');

    // Round 2: 3 and 5, median 4, halfway between 3 and 5: the higher card.
    await app.client.blockAction([{ action_id: POKER.revote, value: '1' }], { user: 'U_ALICE', channel: 'C_TEAM', messageTs: ts });
    await app.slack.waitUntil(() => sectionTexts(lastUpdate().args).includes('No votes yet'), 5_000, 'round 2');
    await vote(ts, 'U_BOB', '3', 2);
    await vote(ts, 'U_PO', '5', 2);
    await app.slack.waitUntil(() => sectionTexts(lastUpdate().args).includes('Voted (2)'), 5_000, 'two votes');
    await app.client.blockAction([{ action_id: POKER.reveal, value: '1' }], { user: 'U_ALICE', channel: 'C_TEAM', messageTs: ts });
    await app.slack.waitUntil(() => sectionTexts(lastUpdate().args).includes('*Median* 4'), 5_000, 'the second reveal');
    expect(menu().initial_option.value).toBe('1:5');
  });

  it('never lets a slow vote update overwrite the reveal: the last update shows the latest state', async () => {
    const { ts } = await start();
    await vote(ts, 'U_ALICE', '3');
    await app.slack.waitFor('chat.update', 1);
    // Bob's vote: its message update is slow to reach Slack, and the facilitator reveals meanwhile.
    app.slack.fail('chat.update', { kind: 'delay', ms: 500 });
    await vote(ts, 'U_BOB', '5');
    await app.slack.waitUntil(() => app.slack.inFlight('chat.update') === 1, 5_000, "Bob's update on its way");
    await app.client.blockAction([{ action_id: POKER.reveal, value: '1' }], { user: 'U_ALICE', channel: 'C_TEAM', messageTs: ts });
    // The store answers through a promise, which FakeSlack.waitUntil's synchronous check cannot await: poll it.
    await expect.poll(async () => (await app.rituals.repos.poker.findById(1))!.status, { timeout: 5_000, interval: 10 }).toBe('revealed');
    // Bob hears back once his update is done; by then nothing else may be on its way to the message.
    await app.slack.waitUntil(
      () => app.slack.sent('chat.postEphemeral').some((c) => c.args.user === 'U_BOB') && app.slack.inFlight('chat.update') === 0,
      5_000,
      "Bob's update and confirmation",
    );
    const final = lastUpdate().args;
    expect(sectionTexts(final)).toContain('<@U_BOB>: *5*');
    expect(sectionTexts(final)).toContain('<@U_ALICE>: *3*');
    const buttons = final.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.some((b: any) => String(b.action_id).startsWith(POKER.votePrefix))).toBe(false);
  });

  it('refuses outsiders and unknown items', async () => {
    await addBacklogItem(app, team, { title: 'Something', points: null });
    const unknown = await app.client.command('/poker', 'R-99');
    await app.slack.waitFor('response_url');
    expect(unknown.status).toBe(200);
    expect(app.slack.sent('response_url')[0]!.args.text).toMatch(/can't find that item/);
    await app.client.command('/poker', 'R-1', { user: 'U_STRANGER' });
    expect((await app.slack.waitFor('response_url', 2)).at(-1)!.args.text).toMatch(/Only members/);
    expect(app.slack.sent('chat.postMessage')).toHaveLength(0);
  });
});
