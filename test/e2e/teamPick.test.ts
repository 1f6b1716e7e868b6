/**
 * Stakeholders have no team channel: in a workspace with several teams, a command run from a DM
 * offers one button per team (instead of "run the command in your team channel"), and /suggest
 * shows a team select that is checked on submit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { itemsTable } from '../../src/db/schema.js';
import { SUGGEST, TEAM_PICK_PREFIX } from '../../src/slack/ids.js';
import { seedSprint } from '../helpers/sprintSeed.js';
import { selectValue, textValue } from '../helpers/signedClient.js';
import { createTestClock, seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';
import { tableRows } from '../helpers/tableRows.js';

describe('a stakeholder outside any team channel, with several teams', () => {
  let app: TestApp;
  let platform: Team;
  let mobile: Team;

  beforeEach(async () => {
    app = await startTestApp({ clock: createTestClock('2026-11-23T17:05:00Z') });
    platform = await seedTeam(app);
    mobile = await seedTeam(app, {
      name: 'Mobile',
      teamChannelId: 'C_MOBILE',
      triageChannelId: 'C_MOBILE_TRIAGE',
      stakeholderChannelId: 'C_STAKE',
      productOwnerId: 'U_PO2',
      scrumMasterId: 'U_SM2',
      members: ['U_M1'],
    });
  });
  afterEach(async () => {
    await app.stop();
  });

  const buttonsOf = (blocks: any[]) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements);

  it('picks the team with a button and gets what the command shows in that team', async () => {
    const asked = await app.client.command('/backlog', 'icebox', { channel: 'D_STAKE', user: 'U_STAKE' });
    expect(asked.json.text).not.toMatch(/run the command in your team channel so I know/);
    const buttons = buttonsOf(asked.json.blocks);
    expect(buttons.map((b: any) => b.text.text)).toEqual(['Mobile', 'Platform']);
    const mobileButton = buttons[0];
    expect(mobileButton.action_id.startsWith(TEAM_PICK_PREFIX)).toBe(true);
    await app.client.blockAction([{ action_id: mobileButton.action_id, value: mobileButton.value }], { user: 'U_STAKE', channel: 'D_STAKE', messageTs: '1.1' });
    const [open] = await app.slack.waitFor('views.open');
    expect(JSON.stringify(open!.args.view.blocks)).toContain('*Mobile* icebox');
  });

  it('answers in place of the buttons for commands that reply privately', async () => {
    await seedSprint(app.rituals, platform);
    const asked = await app.client.command('/burndown', '', { channel: 'D_STAKE', user: 'U_STAKE' });
    const platformButton = buttonsOf(asked.json.blocks).find((b: any) => b.text.text === 'Platform');
    await app.client.blockAction([{ action_id: platformButton.action_id, value: platformButton.value }], {
      user: 'U_STAKE',
      channel: 'D_STAKE',
      messageTs: '1.2',
    });
    const [reply] = await app.slack.waitFor('response_url');
    expect(reply!.args).toMatchObject({ replace_original: true, response_type: 'ephemeral', text: expect.stringMatching(/^Sprint 14, day 6 of 10/) });
  });

  it('refuses a forged button for a team of another workspace or an unknown command', async () => {
    const other = await seedTeam(app, { slackTeamId: 'T2', name: 'Elsewhere', teamChannelId: 'C_ELSE', triageChannelId: null, stakeholderChannelId: null });
    for (const value of [{ c: '/backlog', t: '', id: other.id }, { c: '/nope', t: '', id: mobile.id }, 'not json']) {
      await app.client.blockAction([{ action_id: `${TEAM_PICK_PREFIX}1`, value: typeof value === 'string' ? value : JSON.stringify(value) }], {
        user: 'U_STAKE',
        channel: 'D_STAKE',
        messageTs: '1.3',
      });
    }
    const replies = await app.slack.waitFor('response_url', 3);
    for (const reply of replies) expect(reply.args.text).toMatch(/That team no longer exists/);
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('/suggest shows a team select, checked on submit, and files the item with the chosen team', async () => {
    await app.client.command('/suggest', 'Dark mode', { channel: 'D_STAKE', user: 'U_STAKE' });
    const [open] = await app.slack.waitFor('views.open');
    const view = open!.args.view;
    const select = view.blocks.find((b: any) => b.block_id === SUGGEST.blocks.team);
    expect(select.element.options.map((o: any) => o.text.text)).toEqual(['Mobile', 'Platform']);
    const values = (team: string | null) =>
      ({
        [SUGGEST.blocks.team]: { value: selectValue(team) },
        [SUGGEST.blocks.title]: { value: textValue('Dark mode') },
        [SUGGEST.blocks.type]: { value: selectValue('story') },
      }) as any;
    const none = await app.client.viewSubmission(view, values(null), { user: 'U_STAKE' });
    expect(none.json.errors[SUGGEST.blocks.team]).toMatch(/Pick the team/);
    const foreign = await seedTeam(app, { slackTeamId: 'T2', name: 'Elsewhere', teamChannelId: 'C_ELSE2', triageChannelId: null, stakeholderChannelId: null });
    // A forged payload: the form never offered that team.
    const forged = await app.client.viewSubmission(view, values(String(foreign.id)), { user: 'U_STAKE', asIs: true });
    expect(forged.json.errors[SUGGEST.blocks.team]).toMatch(/Pick the team/);
    const ok = await app.client.viewSubmission(view, values(String(mobile.id)), { user: 'U_STAKE' });
    expect(ok.text).toBe('');
    expect(await tableRows(app.rituals.storage, itemsTable)).toMatchObject([{ teamId: mobile.id, title: 'Dark mode', requesterId: 'U_STAKE' }]);
  });
});
