import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETUP } from '../../src/slack/ids.js';
import { channelValue, textValue } from '../helpers/signedClient.js';
import { setupFormValues } from '../helpers/setupForm.js';
import { buildHelpText } from '../../src/slack/features/setup/help.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';

/** The form as Slack sends it, with some blocks' values replaced. */
const setupValues = (overrides: Record<string, unknown> = {}) => ({ ...setupFormValues(), ...overrides });

describe('/rituals setup and help', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
    app.slack
      .addUser({ id: 'U_ALICE' })
      .addUser({ id: 'U_BOB' })
      .addUser({ id: 'U_PO' })
      .addUser({ id: 'U_SM' })
      .addUser({ id: 'U_ADMIN', is_admin: true })
      .addUser({ id: 'U_EVE' });
  });
  afterEach(async () => {
    await app.stop();
  });

  async function open(user: string, channel = 'C_PAY') {
    await app.client.command('/rituals', 'setup', { user, channel });
    const opens = await app.slack.waitFor('views.open');
    return opens[opens.length - 1]!.args.view;
  }

  it('lets anyone create the first team of a channel, with every setting stored', async () => {
    const view = await open('U_EVE');
    expect(view.callback_id).toBe(SETUP.callbackId);
    const teamChannel = view.blocks.find((b: any) => b.block_id === SETUP.blocks.teamChannel);
    expect(teamChannel.element.initial_conversation).toBe('C_PAY');
    const response = await app.client.viewSubmission(view, setupValues(), { user: 'U_EVE' });
    expect(response.json.response_action).toBe('update');
    expect(response.json.view.blocks[0].text.text).toContain('Payments');
    const [team] = await app.rituals.repos.teams.listAll();
    expect(team).toMatchObject({
      name: 'Payments',
      teamChannelId: 'C_PAY',
      triageChannelId: 'C_PAY_TRIAGE',
      stakeholderChannelId: null,
      productOwnerId: 'U_PO',
      scrumMasterId: 'U_SM',
      sprintLengthDays: 10,
      standupTime: '09:15',
      standupDays: '1,3,5',
      timezone: 'Europe/Berlin',
      digestDay: 5,
      captureReaction: 'inbox_tray',
      holidays: '["2026-12-24","2026-12-25"]',
      itemPrefix: 'PAY',
    });
    // Members are who the form names: the PO and SM keep their roles without answering standups.
    expect((await app.rituals.repos.teams.members(team!.id)).sort()).toEqual(['U_ALICE', 'U_BOB']);
    expect(team).toMatchObject({ standupWindowMinutes: 180, standupReminderMinutes: 60 });
  });

  it('shows inline errors for a bad timezone, time and holiday, storing nothing', async () => {
    const view = await open('U_EVE');
    const response = await app.client.viewSubmission(
      view,
      setupValues({
        [SETUP.blocks.timezone]: { value: textValue('Mars/Olympus') },
        [SETUP.blocks.standupTime]: { value: textValue('9.30') },
        [SETUP.blocks.holidays]: { value: textValue('2026-02-30') },
      }),
      { user: 'U_EVE' },
    );
    expect(response.json.response_action).toBe('errors');
    expect(Object.keys(response.json.errors).sort()).toEqual([SETUP.blocks.holidays, SETUP.blocks.standupTime, SETUP.blocks.timezone].sort());
    expect(await app.rituals.repos.teams.listAll()).toHaveLength(0);
  });

  it('sets the standup response window and reminder, with inline errors outside sensible bounds', async () => {
    const view = await open('U_EVE');
    const window = view.blocks.find((b: any) => b.block_id === SETUP.blocks.standupWindow);
    const reminder = view.blocks.find((b: any) => b.block_id === SETUP.blocks.standupReminder);
    expect([window.element.initial_value, reminder.element.initial_value]).toEqual(['180', '60']);
    const submit = (standupWindow: string, standupReminder: string) =>
      app.client.viewSubmission(view, setupFormValues({ standupWindow, standupReminder }), { user: 'U_EVE' });
    const errors = async (standupWindow: string, standupReminder: string) => (await submit(standupWindow, standupReminder)).json.errors ?? {};
    expect(await errors('5', '0')).toEqual({ [SETUP.blocks.standupWindow]: 'Response window: 15 to 720 minutes.' });
    expect(await errors('721', '60')).toEqual({ [SETUP.blocks.standupWindow]: 'Response window: 15 to 720 minutes.' });
    expect(await errors('2h', '60')).toEqual({ [SETUP.blocks.standupWindow]: 'Response window: a whole number of minutes.' });
    expect((await errors('90', '90'))[SETUP.blocks.standupReminder]).toContain('before the response window ends (under 90 minutes)');
    expect((await errors('90', '2'))[SETUP.blocks.standupReminder]).toContain('0 (no reminder) or at least 5 minutes');
    expect(await errors('90', '-1')).toEqual({ [SETUP.blocks.standupReminder]: 'Reminder: 0 to 720 minutes.' });
    expect(await app.rituals.repos.teams.listAll()).toHaveLength(0);

    expect((await submit(' 90 ', '0')).json.response_action).toBe('update');
    const [team] = await app.rituals.repos.teams.listAll();
    expect(team).toMatchObject({ standupWindowMinutes: 90, standupReminderMinutes: 0 });
    // Editing shows the stored values.
    const opened = app.slack.sent('views.open').length;
    await app.client.command('/rituals', 'setup', { user: 'U_PO', channel: 'C_PAY' });
    const again = (await app.slack.waitFor('views.open', opened + 1))[opened]!.args.view;
    expect(again.blocks.find((b: any) => b.block_id === SETUP.blocks.standupWindow).element.initial_value).toBe('90');
    expect(again.blocks.find((b: any) => b.block_id === SETUP.blocks.standupReminder).element.initial_value).toBe('0');
  });

  it('lets the PO update the team, refuses others, and allows a workspace admin', async () => {
    await app.client.viewSubmission(await open('U_EVE'), setupValues(), { user: 'U_EVE' });
    const [team] = await app.rituals.repos.teams.listAll();

    // Eve created it but holds no role now: the form is refused up front...
    await app.client.command('/rituals', 'setup', { user: 'U_EVE', channel: 'C_PAY' });
    const [refusal] = await app.slack.waitFor('response_url');
    expect(refusal!.args.text).toContain(
      "Only this team's Product Owner (<@U_PO>), Scrum Master (<@U_SM>) or a workspace admin can change this team's settings.",
    );
    // ...and a forged submission carrying the team's sealed metadata is refused by the domain.
    const poView = await open('U_PO');
    const forged = await app.client.viewSubmission(poView, setupValues({ [SETUP.blocks.name]: { value: textValue('Hijacked') } }), { user: 'U_EVE' });
    expect(forged.json.response_action).toBe('errors');
    expect(forged.json.errors[SETUP.blocks.name]).toContain(
      "Only this team's Product Owner (<@U_PO>), Scrum Master (<@U_SM>) or a workspace admin can change this team's settings.",
    );
    expect((await app.rituals.repos.teams.findById(team!.id))!.name).toBe('Payments');

    const byPo = await app.client.viewSubmission(poView, setupValues({ [SETUP.blocks.name]: { value: textValue('Payments Core') } }), { user: 'U_PO' });
    expect(byPo.json.response_action).toBe('update');
    expect((await app.rituals.repos.teams.findById(team!.id))!.name).toBe('Payments Core');

    const adminView = await open('U_ADMIN');
    const byAdmin = await app.client.viewSubmission(adminView, setupValues({ [SETUP.blocks.name]: { value: textValue('Payments (admin)') } }), {
      user: 'U_ADMIN',
    });
    expect(byAdmin.json.response_action).toBe('update');
    expect(await app.rituals.repos.teams.listAll()).toHaveLength(1);
    expect((await app.rituals.repos.teams.findById(team!.id))!.name).toBe('Payments (admin)');
  });

  it('keeps a channel to one team while allowing several teams per workspace', async () => {
    await app.client.viewSubmission(await open('U_EVE'), setupValues(), { user: 'U_EVE' });
    const second = await open('U_BOB', 'C_WEB');
    const taken = await app.client.viewSubmission(
      second,
      setupValues({ [SETUP.blocks.teamChannel]: { value: channelValue('C_WEB') }, [SETUP.blocks.triageChannel]: { value: channelValue('C_PAY') } }),
      { user: 'U_BOB' },
    );
    expect(taken.json.errors[SETUP.blocks.triageChannel]).toContain('one team only');
    const ok = await app.client.viewSubmission(
      second,
      setupValues({
        [SETUP.blocks.name]: { value: textValue('Web') },
        [SETUP.blocks.teamChannel]: { value: channelValue('C_WEB') },
        [SETUP.blocks.triageChannel]: { value: channelValue(null) },
      }),
      { user: 'U_BOB' },
    );
    expect(ok.json.response_action).toBe('update');
    expect((await app.rituals.repos.teams.listAll()).map((t) => t.name).sort()).toEqual(['Payments', 'Web']);
  });

  it('lists every command in /rituals help, one line each', async () => {
    const response = await app.client.command('/rituals', 'help');
    const text: string = response.json.text;
    for (const command of [
      '/suggest',
      '/rituals setup',
      '/triage',
      '/backlog',
      '/backlog icebox',
      '/backlog ready',
      '/rituals help',
      '/sprint remove',
      '/sprint retro summary',
    ]) {
      expect(text).toContain(`\`${command}`);
    }
    // Every line of the list, and nothing but it, reaches the person.
    expect(text).toBe(buildHelpText());
    expect(text.length).toBeLessThan(4000);
  });
});
