import { afterEach, describe, expect, it } from 'vitest';
import { impedimentsTable, itemEventsTable, standupPromptsTable, standupRunsTable } from '../../src/db/schema.js';
import { STANDUP } from '../../src/slack/ids.js';
import { setupFormValues, type SetupFormFields } from '../helpers/setupForm.js';
import { selectValue, textValue } from '../helpers/signedClient.js';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';
import { tableRows } from '../helpers/tableRows.js';

const ZONES: Record<string, string> = {
  U_ALICE: 'Europe/Berlin',
  U_BOB: 'America/New_York',
  U_KENJI: 'Asia/Tokyo',
  U_SM: 'Europe/Berlin',
  U_PO: 'Europe/Berlin',
  U_CARLA: 'Europe/Berlin',
  U_LARS: 'America/Los_Angeles',
  U_AROHA: 'Pacific/Auckland',
};

let app: TestApp;
let clock: TestClock;

afterEach(async () => {
  await app?.stop();
});

async function start(at: string, team: Parameters<typeof seedTeam>[1] = {}) {
  clock = createTestClock(at);
  app = await startTestApp({ clock });
  for (const [id, tz] of Object.entries(ZONES)) app.slack.addUser({ id, tz, is_admin: false });
  return await seedTeam(app, { timezone: 'Europe/Berlin', standupTime: '09:30', ...team });
}

/** One cron tick at `at` (UTC), then everything queued is sent. */
async function tick(at: string) {
  clock.set(at);
  await app.rituals.scheduler.runAll();
  await app.rituals.outbox.drain();
}

const dmsTo = (user: string) => app.slack.sent('chat.postMessage').filter((call) => call.args.channel === user);
/** Prompt DMs only (not reminders or other notes). */
const promptsTo = (user: string) => dmsTo(user).filter((call) => String(call.args.text).startsWith('Time for'));
const prompts = () => tableRows(app.rituals.storage, standupPromptsTable);
const channelPosts = () => app.slack.sent('chat.postMessage').filter((call) => call.args.channel === 'C_TEAM');
const parentUpdates = () => app.slack.sent('chat.update').filter((call) => call.args.channel === 'C_TEAM' && call.args.ts === channelPosts()[0]?.response.ts);
/** The day message as the channel shows it now: its last update, or the post itself. */
const shownParent = () => parentUpdates().at(-1) ?? channelPosts().find((c) => !c.args.thread_ts)!;
const promptIdOf = (dm: { args: Record<string, any> }) => Number(dm.args.blocks.find((b: any) => b.type === 'actions').elements[0].value);

async function openForm(user: string, promptId: number) {
  const before = app.slack.sent('views.open').length;
  await app.client.blockAction([{ action_id: STANDUP.actions.open, value: String(promptId) }], { user, channel: `D${user.slice(1)}`, messageTs: '1.1' });
  const opened = await app.slack.waitFor('views.open', before + 1);
  return opened[before]!.args.view;
}

function answer(did: string, today: string, blockers = '', items: Record<number, string> = {}) {
  const values: Record<string, any> = {
    [STANDUP.blocks.did]: { value: textValue(did) },
    [STANDUP.blocks.today]: { value: textValue(today) },
    [STANDUP.blocks.blockers]: { value: textValue(blockers || null) },
  };
  for (const [id, state] of Object.entries(items)) values[`${STANDUP.blocks.itemPrefix}${id}`] = { value: selectValue(state) };
  return values;
}

async function seedSprint(teamId: number) {
  const sprint = await app.rituals.repos.sprints.insert({
    teamId,
    number: 1,
    name: 'Sprint 1',
    goal: 'Ship login',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    status: 'active',
    startedBy: 'U_SM',
    startedAt: 0,
  });
  const item = async (number: number, title: string, assigneeId: string | null) =>
    await app.rituals.repos.items.insert({
      teamId,
      number,
      title,
      status: 'in_sprint',
      source: 'command',
      requesterId: 'U_PO',
      suggestedById: 'U_PO',
      sprintId: sprint.id,
      workState: 'todo',
      assigneeId,
      storyPoints: 3,
      createdAt: 0,
      updatedAt: 0,
    });
  return { sprint, mine: await item(1, 'Login form', 'U_ALICE'), theirs: await item(2, 'Audit log', 'U_BOB'), nobody: await item(3, 'Docs', null) };
}

describe('standup schedule', () => {
  it('prompts each member at the standup time in their own timezone, and posts one parent', async () => {
    await start('2026-11-22T23:00:00Z', { members: ['U_ALICE', 'U_BOB', 'U_KENJI'] });
    await tick('2026-11-23T00:29:00Z');
    expect(await prompts()).toHaveLength(0);
    await tick('2026-11-23T00:30:00Z'); // 09:30 Monday in Tokyo
    expect(dmsTo('U_KENJI')).toHaveLength(1);
    await tick('2026-11-23T08:29:00Z');
    expect(dmsTo('U_ALICE')).toHaveLength(0);
    await tick('2026-11-23T08:30:00Z'); // 09:30 in Berlin
    expect(dmsTo('U_ALICE')).toHaveLength(1);
    await tick('2026-11-23T14:29:00Z');
    expect(dmsTo('U_BOB')).toHaveLength(0);
    await tick('2026-11-23T14:30:00Z'); // 09:30 in New York
    expect(dmsTo('U_BOB')).toHaveLength(1);
    expect(dmsTo('U_BOB')[0]!.args.text).toContain('Platform standup');
    expect((await prompts()).map((p) => [p.userId, p.date, new Date(p.dueAt).toISOString()]).sort()).toEqual([
      ['U_ALICE', '2026-11-23', '2026-11-23T08:30:00.000Z'],
      ['U_BOB', '2026-11-23', '2026-11-23T14:30:00.000Z'],
      ['U_KENJI', '2026-11-23', '2026-11-23T00:30:00.000Z'],
    ]);
    expect(channelPosts()).toHaveLength(1);
    expect(channelPosts()[0]!.args.text).toContain('Standup, Mon 23 Nov: 0 of 3 answered');
    await tick('2026-11-23T14:45:00Z');
    expect(['U_ALICE', 'U_BOB', 'U_KENJI'].flatMap(promptsTo)).toHaveLength(3);
  });

  it('follows daylight-saving changes: New York and Berlin on their transition days', async () => {
    await start('2026-03-07T00:00:00Z', { members: ['U_ALICE', 'U_BOB'], standupDays: '1,2,3,4,5,6,7' });
    await tick('2026-03-07T14:30:00Z'); // Sat 7 Mar: EST, 09:30 = 14:30Z
    expect(dmsTo('U_BOB')).toHaveLength(1);
    await tick('2026-03-08T13:29:00Z');
    expect(dmsTo('U_BOB')).toHaveLength(1);
    await tick('2026-03-08T13:30:00Z'); // Sun 8 Mar: clocks sprang forward, EDT, 09:30 = 13:30Z
    expect(dmsTo('U_BOB')).toHaveLength(2);
    await tick('2026-03-29T07:30:00Z'); // Berlin springs forward on 29 Mar: CEST, 09:30 = 07:30Z
    const alice = (await prompts()).filter((p) => p.userId === 'U_ALICE' && p.date === '2026-03-29');
    expect(alice.map((p) => new Date(p.dueAt).toISOString())).toEqual(['2026-03-29T07:30:00.000Z']);
    await tick('2026-11-01T13:30:00Z'); // New York falls back on 1 Nov: still an hour early
    expect((await prompts()).some((p) => p.userId === 'U_BOB' && p.date === '2026-11-01')).toBe(false);
    await tick('2026-11-01T14:30:00Z'); // EST again, 09:30 = 14:30Z
    expect((await prompts()).find((p) => p.userId === 'U_BOB' && p.date === '2026-11-01')?.dueAt).toBe(Date.parse('2026-11-01T14:30:00Z'));
  });

  it('skips weekends, team holidays and away dates, and shows away members as away', async () => {
    const team = await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_SM'], holidays: '["2026-11-25"]' });
    const away = await app.client.command('/standup', 'away 2026-11-26 2026-11-27', { user: 'U_ALICE' });
    expect(away.json.text).toContain('2026-11-26 to 2026-11-27');
    await tick('2026-11-25T08:30:00Z'); // holiday
    await tick('2026-11-28T08:30:00Z'); // Saturday
    await tick('2026-11-29T08:30:00Z'); // Sunday
    expect(await prompts()).toHaveLength(0);
    await tick('2026-11-26T08:30:00Z');
    expect((await prompts()).map((p) => p.userId)).toEqual(['U_SM']);
    expect(dmsTo('U_ALICE')).toHaveLength(0);
    const parent = channelPosts()[0]!;
    expect(parent.args.text).toContain('0 of 1 answered');
    expect(JSON.stringify(parent.args.blocks)).toMatch(/\*Away:\* [^"]*U_ALICE/);
    await tick('2026-11-26T11:30:00Z');
    const final = parentUpdates().at(-1)!;
    expect(JSON.stringify(final.args.blocks)).toMatch(/\*Did not answer:\* <@U_SM>\\n\*Away:\* <@U_ALICE>/);
    expect((await tableRows(app.rituals.storage, standupRunsTable)).map((r) => r.date)).toEqual(['2026-11-26']);
    expect(team.id).toBeGreaterThan(0);
  });

  it('sets away dates from the App Home button and modal', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_SM'] });
    await app.client.blockAction([{ action_id: STANDUP.actions.awayOpen, value: 'away' }], { user: 'U_ALICE', view: { id: 'VHOME', type: 'home' } });
    const view = (await app.slack.waitFor('views.open'))[0]!.args.view;
    expect(view.callback_id).toBe(STANDUP.awayCallbackId);
    const date = (d: string | null) => ({ value: { type: 'datepicker', selected_date: d } });
    const bad = await app.client.viewSubmission(
      view,
      { [STANDUP.blocks.awayFrom]: date('2026-11-25'), [STANDUP.blocks.awayTo]: date('2026-11-24') },
      { user: 'U_ALICE' },
    );
    expect(bad.json.errors[STANDUP.blocks.awayTo]).toContain('before the start date');
    const ok = await app.client.viewSubmission(
      view,
      { [STANDUP.blocks.awayFrom]: date('2026-11-23'), [STANDUP.blocks.awayTo]: date(null) },
      { user: 'U_ALICE' },
    );
    expect(ok.json.response_action).toBe('update');
    await tick('2026-11-23T08:30:00Z');
    expect(promptsTo('U_ALICE')).toHaveLength(0);
    expect(promptsTo('U_SM')).toHaveLength(1);
    expect(await app.rituals.services.standup.awayStatus({ teamId: 1, userId: 'U_ALICE' })).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('rejects bad away dates with a clear message, and /standup back ends an absence', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_SM'] });
    expect((await app.client.command('/standup', 'away 24.12.2026', { user: 'U_ALICE' })).json.text).toContain('2026-12-24');
    expect((await app.client.command('/standup', 'away 2026-02-30', { user: 'U_ALICE' })).json.text).toContain('year-month-day');
    expect((await app.client.command('/standup', 'away 2027-01-02 2026-12-24', { user: 'U_ALICE' })).json.text).toContain('before the start date');
    expect((await app.client.command('/standup', 'away 2026-11-01 2026-11-02', { user: 'U_ALICE' })).json.text).toContain('in the past');
    expect((await app.client.command('/standup', 'away', { user: 'U_ALICE' })).json.text).toContain('/standup away 2026-12-24 2027-01-02');
    await app.client.command('/standup', 'away 2026-11-23 2026-11-30', { user: 'U_ALICE' });
    await tick('2026-11-23T08:30:00Z');
    expect(dmsTo('U_ALICE')).toHaveLength(0);
    clock.set('2026-11-24T07:00:00Z');
    expect((await app.client.command('/standup', 'back', { user: 'U_ALICE' })).json.text).toContain('Welcome back');
    await tick('2026-11-24T08:30:00Z');
    expect(dmsTo('U_ALICE')).toHaveLength(1);
  });

  it('catches up a missed tick once within the window, and never sends a prompt after its window', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_SM'] });
    await tick('2026-11-23T08:00:00Z');
    // The process was down from 08:00 to 10:15: the 09:30 prompts are sent late, once.
    await tick('2026-11-23T10:15:00Z');
    expect(dmsTo('U_ALICE')).toHaveLength(1);
    await tick('2026-11-23T10:16:00Z');
    await tick('2026-11-23T11:00:00Z');
    expect(dmsTo('U_ALICE')).toHaveLength(1);
    // Tuesday: down until after the window (09:30 + 3 h): nothing is sent late.
    await tick('2026-11-24T11:31:00Z');
    expect((await prompts()).filter((p) => p.date === '2026-11-24')).toHaveLength(0);
    expect(dmsTo('U_ALICE')).toHaveLength(1);
  });

  it('sends no duplicates when the app restarts in the middle of a prompt run, or sweeps overlap', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_SM', 'U_PO'] });
    app.slack.fail('chat.postMessage', { kind: 'http', status: 500 }, 8);
    clock.set('2026-11-23T08:30:00Z');
    await Promise.all([app.rituals.scheduler.runAll(), app.rituals.scheduler.runAll()]);
    await app.rituals.services.standup.sweep(clock());
    await app.rituals.outbox.drain(); // some calls fail and are rescheduled
    expect(app.slack.callsTo('chat.postMessage').filter((c) => c.status === 500)).toHaveLength(8);
    expect(app.slack.sent('chat.postMessage').length).toBeLessThan(4); // the parent and three prompts are not all out
    await app.restart();
    await tick('2026-11-23T08:31:00Z');
    await tick('2026-11-23T08:40:00Z');
    for (const user of ['U_ALICE', 'U_SM', 'U_PO']) expect(dmsTo(user)).toHaveLength(1);
    expect(channelPosts()).toHaveLength(1);
    expect(await prompts()).toHaveLength(3);
  });
});

describe('answering', () => {
  it('updates the parent in place, posts the answer in its thread, and moves sprint items with events', async () => {
    const team = await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_BOB', 'U_SM'] });
    const { mine, theirs, nobody } = await seedSprint(team.id);
    await tick('2026-11-23T08:30:00Z');
    const parentTs = channelPosts()[0]!.response.ts;
    const view = await openForm('U_ALICE', promptIdOf(dmsTo('U_ALICE')[0]!));
    const itemBlocks = view.blocks.filter((b: any) => String(b.block_id).startsWith(STANDUP.blocks.itemPrefix)).map((b: any) => b.block_id);
    expect(itemBlocks).toEqual([`item_${mine.id}`]); // assigned items only; others' and unassigned stay out
    const submitted = await app.client.viewSubmission(view, answer('Built the form', 'Wire the API', '', { [mine.id]: 'in_progress' }), { user: 'U_ALICE' });
    expect(submitted.text).toBe('');
    await app.rituals.outbox.drain();
    const thread = channelPosts().filter((c) => c.args.thread_ts === parentTs);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.args.reply_broadcast).toBeUndefined();
    expect(JSON.stringify(thread[0]!.args.blocks)).toContain('Wire the API');
    expect(parentUpdates().at(-1)!.args.text).toContain('1 of 3 answered');
    expect(await app.rituals.repos.items.findById(mine.id)).toMatchObject({ workState: 'in_progress', status: 'in_sprint' });
    const events = await tableRows(app.rituals.storage, itemEventsTable);
    expect(events).toMatchObject([
      { itemId: mine.id, kind: 'work_state', fromValue: 'todo', toValue: 'in_progress', reason: 'standup', points: 3, actorId: 'U_ALICE' },
    ]);

    // Editing: the form comes back filled in; the thread reply is updated, not reposted.
    const again = await openForm('U_ALICE', promptIdOf(dmsTo('U_ALICE')[0]!));
    expect(JSON.stringify(again.blocks)).toContain('Wire the API');
    expect(again.submit.text).toBe('Save changes');
    await app.client.viewSubmission(again, answer('Built the form', 'Ship it', '', { [mine.id]: 'done' }), { user: 'U_ALICE' });
    await app.rituals.outbox.drain();
    expect(channelPosts().filter((c) => c.args.thread_ts === parentTs)).toHaveLength(1);
    const edit = app.slack.sent('chat.update').find((c) => c.args.ts === thread[0]!.response.ts)!;
    expect(JSON.stringify(edit.args.blocks)).toContain('Ship it');
    expect(await app.rituals.repos.items.findById(mine.id)).toMatchObject({ workState: 'done', status: 'done' });
    expect((await app.rituals.repos.items.findById(theirs.id))!.workState).toBe('todo');
    expect((await app.rituals.repos.items.findById(nobody.id))!.workState).toBe('todo');
    // todo -> in_progress, then in_progress -> done with the item's status event.
    expect(await tableRows(app.rituals.storage, itemEventsTable)).toMatchObject([
      { kind: 'work_state' },
      { kind: 'work_state', toValue: 'done' },
      { kind: 'status', toValue: 'done' },
    ]);

    // The same submission again (a Slack retry) posts and logs nothing more.
    const updatesBefore = app.slack.sent('chat.update').length;
    await app.client.viewSubmission(again, answer('Built the form', 'Ship it', '', { [mine.id]: 'done' }), { user: 'U_ALICE' });
    await app.rituals.outbox.drain();
    expect(app.slack.sent('chat.update')).toHaveLength(updatesBefore);
    expect(await tableRows(app.rituals.storage, itemEventsTable)).toHaveLength(3);

    // Forged item ids (not the member's) are refused with nothing stored.
    const forged = await app.client.viewSubmission(again, answer('x', 'y', '', { [theirs.id]: 'done' }), { user: 'U_ALICE', asIs: true });
    expect(forged.json.response_action).toBe('errors');
    expect((await app.rituals.repos.items.findById(theirs.id))!.workState).toBe('todo');

    // Yesterday's plan is offered the next day; after the summary closes, edits are refused.
    await tick('2026-11-23T17:30:00Z'); // 3 h after Bob's 09:30 in New York
    const closed = await app.client.viewSubmission(again, answer('late', 'late'), { user: 'U_ALICE' });
    expect(closed.json.errors[STANDUP.blocks.did]).toContain('closed');
    await tick('2026-11-24T08:30:00Z');
    const tuesday = await openForm('U_ALICE', promptIdOf(dmsTo('U_ALICE')[1]!));
    expect(JSON.stringify(tuesday.blocks)).toContain('you planned');
    expect(JSON.stringify(tuesday.blocks)).toContain('Ship it');
  });

  it('reminds once, and only those who have not answered', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_SM'], standupReminderMinutes: 60 });
    await tick('2026-11-23T08:30:00Z');
    const view = await openForm('U_SM', promptIdOf(dmsTo('U_SM')[0]!));
    await app.client.viewSubmission(view, answer('Planning', 'Refinement'), { user: 'U_SM' });
    await tick('2026-11-23T09:29:00Z');
    expect(dmsTo('U_ALICE')).toHaveLength(1);
    await tick('2026-11-23T09:30:00Z');
    await tick('2026-11-23T09:31:00Z');
    await tick('2026-11-23T10:30:00Z');
    expect(dmsTo('U_ALICE')).toHaveLength(2);
    expect(dmsTo('U_ALICE')[1]!.args.text).toContain('Reminder');
    expect(dmsTo('U_SM')).toHaveLength(1);
  });

  it('lists non-responders when the window ends', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_BOB', 'U_SM'] });
    await tick('2026-11-23T08:30:00Z');
    const view = await openForm('U_ALICE', promptIdOf(dmsTo('U_ALICE')[0]!));
    await app.client.viewSubmission(view, answer('a', 'b'), { user: 'U_ALICE' });
    await tick('2026-11-23T14:30:00Z');
    // The window ends 3 h after the last member's standup time (Bob, New York: 14:30Z).
    await tick('2026-11-23T17:29:00Z');
    expect(JSON.stringify(parentUpdates().at(-1)!.args.blocks)).toContain('Waiting for');
    await tick('2026-11-23T17:30:00Z');
    const final = parentUpdates().at(-1)!;
    expect(final.args.text).toContain('1 of 3 answered');
    expect(JSON.stringify(final.args.blocks)).toContain('*Did not answer:* <@U_BOB>, <@U_SM>');
  });

  it('lets a member answer now with /standup, and the SM run the standup for the team now', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_BOB', 'U_SM'] });
    await app.client.command('/standup', '', { user: 'U_ALICE' });
    const view = (await app.slack.waitFor('views.open'))[0]!.args.view;
    expect(view.callback_id).toBe(STANDUP.callbackId);
    await app.client.viewSubmission(view, answer('early', 'bird'), { user: 'U_ALICE' });
    expect((await app.client.command('/standup', 'run', { user: 'U_BOB' })).json.text).toContain('Scrum Master');
    const run = await app.client.command('/standup', 'run', { user: 'U_SM' });
    expect(run.json.text).toContain('prompted 2 members');
    await app.rituals.outbox.drain();
    await tick('2026-11-23T08:30:00Z'); // the scheduled time: nobody is prompted twice
    expect(promptsTo('U_ALICE')).toHaveLength(0);
    expect(promptsTo('U_BOB')).toHaveLength(1);
    expect(promptsTo('U_SM')).toHaveLength(1);
    expect(channelPosts().filter((c) => !c.args.thread_ts)).toHaveLength(1);
  });

  it('an ad-hoc /standup on a weekend lists nobody as missing: the others were never asked', async () => {
    await start('2026-11-28T09:00:00Z'); // Saturday; the team stands up Monday to Friday
    await tick('2026-11-28T14:30:00Z');
    expect(await prompts()).toHaveLength(0);
    await app.client.command('/standup', '', { user: 'U_ALICE' });
    const view = (await app.slack.waitFor('views.open'))[0]!.args.view;
    await app.client.viewSubmission(view, answer('weekend fix', 'rest'), { user: 'U_ALICE' });
    await app.rituals.outbox.drain();
    expect(JSON.stringify(shownParent().args.blocks)).not.toContain('Waiting for');
    await tick('2026-11-28T23:00:00Z'); // well after the window
    expect((await tableRows(app.rituals.storage, standupRunsTable))[0]!.closedAt).not.toBeNull();
    const final = shownParent();
    expect(final.args.text).toContain('Standup, Sat 28 Nov: 1 of 1 answered');
    const shown = JSON.stringify(final.args.blocks);
    expect(shown).not.toContain('Did not answer');
    expect(shown).not.toContain('U_BOB');
    expect(shown).not.toContain('Everyone answered');
    expect((await prompts()).map((p) => p.userId)).toEqual(['U_ALICE']);
  });

  it('on a weekend the SM can still run the standup, and then those prompted who stay silent are missing', async () => {
    await start('2026-11-28T09:00:00Z', { members: ['U_ALICE', 'U_BOB', 'U_SM'] });
    await app.client.command('/standup', 'run', { user: 'U_SM' });
    await app.rituals.outbox.drain();
    await tick('2026-11-28T23:00:00Z');
    expect(JSON.stringify(parentUpdates().at(-1)!.args.blocks)).toContain('*Did not answer:* <@U_ALICE>, <@U_BOB>, <@U_SM>');
  });

  it('holds a thread answer until its parent is posted, then threads it under the parent', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_SM'] });
    app.slack.fail('chat.postMessage', { kind: 'http', status: 503 }, 2);
    await app.client.command('/standup', '', { user: 'U_ALICE' });
    const view = (await app.slack.waitFor('views.open'))[0]!.args.view;
    await app.rituals.outbox.drain();
    expect(channelPosts()).toHaveLength(0);
    await app.client.viewSubmission(view, answer('early', 'bird'), { user: 'U_ALICE' });
    await app.rituals.outbox.drain();
    expect(channelPosts()).toHaveLength(0);
    clock.advance(10_000);
    await app.rituals.outbox.drain(); // the parent's retry goes out
    clock.advance(40_000);
    await app.rituals.outbox.drain(); // then the deferred answer, in its thread
    const [parent, reply] = channelPosts();
    expect(parent!.args.thread_ts).toBeUndefined();
    expect(reply!.args.thread_ts).toBe(parent!.response.ts);
    expect(shownParent().args.text).toContain('1 of 2 answered');
  });
});

describe('one standup day per member, wherever they are', () => {
  const parents = () => channelPosts().filter((c) => !c.args.thread_ts);
  type Call = ReturnType<typeof channelPosts>[number];
  const threadOf = (parent: Call) => channelPosts().filter((c) => c.args.thread_ts === parent.response.ts);
  /** Every version the channel showed of a day message: the post and its updates. */
  const versionsOf = (parent: Call) => [parent, ...app.slack.sent('chat.update').filter((c) => c.args.ts === parent.response.ts)];
  async function answerPrompt(user: string, index: number, did: string) {
    await app.client.viewSubmission(await openForm(user, promptIdOf(promptsTo(user)[index]!)), answer(did, 'more'), { user });
    await app.rituals.outbox.drain();
  }

  it("/standup run in Berlin's morning leaves a Los Angeles member (still yesterday there) to their own standup", async () => {
    await start('2026-11-23T06:00:00Z', { members: ['U_ALICE', 'U_LARS'] });
    await tick('2026-11-23T08:30:00Z');
    await answerPrompt('U_ALICE', 0, 'Alice Monday');
    await tick('2026-11-23T17:30:00Z'); // 09:30 Monday in Los Angeles
    await answerPrompt('U_LARS', 0, 'Lars Monday');
    await tick('2026-11-23T20:30:00Z'); // Monday closes
    expect(parents()).toHaveLength(1);

    // Tuesday 08:30 in Berlin is still Monday 23:30 in Los Angeles.
    clock.set('2026-11-24T07:30:00Z');
    const run = await app.client.command('/standup', 'run', { user: 'U_SM' });
    expect(run.json.text).toContain('Standup for Tue 24 Nov started: prompted 1 member.');
    expect(run.json.text).toContain('another day where they are: <@U_LARS> (Mon 23 Nov)');
    await app.rituals.outbox.drain();
    expect(promptsTo('U_ALICE')).toHaveLength(2);
    expect(promptsTo('U_LARS')).toHaveLength(1); // not asked for Tuesday in the middle of his Monday night
    await answerPrompt('U_ALICE', 1, 'Alice Tuesday');
    const [monday, tuesday] = parents();
    expect(tuesday!.args.text).toContain('Standup, Tue 24 Nov');
    expect(JSON.stringify(versionsOf(tuesday!).at(-1)!.args.blocks)).toMatch(/Waiting for[^"]*U_LARS/);

    await tick('2026-11-24T17:29:00Z');
    expect(promptsTo('U_LARS')).toHaveLength(1);
    await tick('2026-11-24T17:30:00Z'); // 09:30 Tuesday in Los Angeles: his Tuesday prompt, once
    expect(promptsTo('U_LARS')).toHaveLength(2);
    await answerPrompt('U_LARS', 1, 'Lars Tuesday');
    await tick('2026-11-24T18:00:00Z');
    expect(promptsTo('U_LARS')).toHaveLength(2);
    expect((await prompts()).filter((p) => p.userId === 'U_LARS').map((p) => p.date)).toEqual(['2026-11-23', '2026-11-24']);

    expect(parents()).toHaveLength(2);
    expect(threadOf(monday!).map((c) => JSON.stringify(c.args.blocks).match(/(Alice|Lars) (Monday|Tuesday)/)![0])).toEqual(['Alice Monday', 'Lars Monday']);
    expect(threadOf(tuesday!).map((c) => JSON.stringify(c.args.blocks).match(/(Alice|Lars) (Monday|Tuesday)/)![0])).toEqual(['Alice Tuesday', 'Lars Tuesday']);
    const shown = versionsOf(tuesday!).at(-1)!;
    expect(shown.args.text).toContain('2 of 2 answered');
    expect(JSON.stringify(shown.args.blocks)).not.toContain('Waiting for');
  });

  it('an Auckland member, already on tomorrow, is not prompted into the Berlin day, and /standup opens her own day', async () => {
    // Set up on Monday 11:00 Berlin: Aroha's Monday standup (09:30 Auckland = Sunday 20:30 UTC) is long over.
    await start('2026-11-23T10:00:00Z', { members: ['U_ALICE', 'U_AROHA'] });
    await tick('2026-11-23T10:00:00Z'); // the minute sweep learns the members' timezones
    clock.set('2026-11-23T11:10:00Z'); // 12:10 Monday in Berlin, 00:10 Tuesday in Auckland
    const run = await app.client.command('/standup', 'run', { user: 'U_SM' });
    // Alice had her (late) Monday prompt at the first sweep; Aroha's day in Auckland is Tuesday by now.
    expect(run.json.text).toContain('Standup for Mon 23 Nov started: prompted 0 members. Already prompted: <@U_ALICE>.');
    expect(run.json.text).toContain('<@U_AROHA> (Tue 24 Nov)');
    await app.rituals.outbox.drain();
    expect(promptsTo('U_AROHA')).toHaveLength(0);
    const [monday] = parents();

    // Her /standup is for her Tuesday; opening and closing it posts nothing.
    clock.set('2026-11-23T11:15:00Z');
    await app.client.command('/standup', '', { user: 'U_AROHA' });
    const form = (await app.slack.waitFor('views.open'))[0]!.args.view;
    expect(form.callback_id).toBe(STANDUP.callbackId);
    expect(JSON.stringify(form.blocks[0])).toContain('Tue 24 Nov');
    await app.rituals.outbox.drain();
    expect(parents()).toHaveLength(1);

    await tick('2026-11-23T14:10:00Z'); // Monday's window (from the run) ends
    await tick('2026-11-23T20:29:00Z');
    expect(promptsTo('U_AROHA')).toHaveLength(0);
    await tick('2026-11-23T20:30:00Z'); // 09:30 Tuesday in Auckland
    expect(promptsTo('U_AROHA')).toHaveLength(1);
    await answerPrompt('U_AROHA', 0, 'Aroha Tuesday');
    await tick('2026-11-24T08:30:00Z'); // Alice's Tuesday: same day message, nobody prompted twice
    expect(promptsTo('U_AROHA')).toHaveLength(1);
    expect(promptsTo('U_ALICE')).toHaveLength(2);
    const [, tuesday] = parents();
    expect(parents()).toHaveLength(2);
    expect(tuesday!.args.text).toContain('Standup, Tue 24 Nov');
    expect(threadOf(tuesday!)).toHaveLength(1);
    expect(threadOf(monday!)).toHaveLength(0);
    // Monday never waited for (or missed) her: her Monday was over before it began.
    for (const version of versionsOf(monday!)) expect(JSON.stringify(version.args)).not.toContain('U_AROHA');
    expect(versionsOf(monday!).at(-1)!.args.text).toContain('0 of 1 answered');
  });
});

describe('the day message', () => {
  it('is not posted when someone only opens /standup, starts with the first answer, and changes once per answer', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_PO', 'U_SM'] });
    await app.client.command('/standup', '', { user: 'U_ALICE' });
    await app.slack.waitFor('views.open');
    await app.rituals.outbox.drain();
    expect(channelPosts()).toHaveLength(0); // opened and cancelled: nothing in the channel, nothing stored
    expect(await prompts()).toHaveLength(0);
    expect(await tableRows(app.rituals.storage, standupRunsTable)).toHaveLength(0);

    await app.client.command('/standup', '', { user: 'U_ALICE' });
    const view = (await app.slack.waitFor('views.open', 2))[1]!.args.view;
    await app.client.viewSubmission(view, answer('early', 'bird'), { user: 'U_ALICE' });
    await app.rituals.outbox.drain();
    await app.rituals.outbox.drain(); // the thread answer follows once its parent is posted
    const [parent, reply] = channelPosts();
    expect(parent!.args.text).toContain('1 of 3 answered');
    expect(reply!.args.thread_ts).toBe(parent!.response.ts);
    expect(parentUpdates()).toHaveLength(0); // the post already shows the answer

    await tick('2026-11-23T08:30:00Z'); // the others are prompted; Alice already answered
    expect(promptsTo('U_ALICE')).toHaveLength(0);
    expect(channelPosts().filter((c) => !c.args.thread_ts)).toHaveLength(1);
    const smView = await openForm('U_SM', promptIdOf(promptsTo('U_SM')[0]!));
    await app.rituals.outbox.drain();
    expect(parentUpdates()).toHaveLength(0); // opening the form changes nothing
    await app.client.viewSubmission(smView, answer('a', 'b'), { user: 'U_SM' });
    await app.rituals.outbox.drain();
    expect(parentUpdates()).toHaveLength(1);
    expect(parentUpdates()[0]!.args.text).toContain('2 of 3 answered');
    await app.client.viewSubmission(await openForm('U_PO', promptIdOf(promptsTo('U_PO')[0]!)), answer('c', 'd'), { user: 'U_PO' });
    await app.rituals.outbox.drain();
    expect(parentUpdates()).toHaveLength(2);
    expect(parentUpdates()[1]!.args.text).toContain('3 of 3 answered');
  });
});

describe('impediments', () => {
  it('a blocker of "N/A.", "none" or an all-clear emoji opens no impediment and alerts nobody', async () => {
    await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_PO', 'U_SM'] });
    await tick('2026-11-23T08:30:00Z');
    const parentTs = channelPosts()[0]!.response.ts;
    const smDmsBefore = dmsTo('U_SM').length;
    await app.client.viewSubmission(await openForm('U_ALICE', promptIdOf(dmsTo('U_ALICE')[0]!)), answer('a', 'b', 'N/A.'), { user: 'U_ALICE' });
    await app.client.viewSubmission(await openForm('U_PO', promptIdOf(dmsTo('U_PO')[0]!)), answer('c', 'd', ':white_check_mark:'), { user: 'U_PO' });
    await app.client.viewSubmission(await openForm('U_SM', promptIdOf(dmsTo('U_SM')[0]!)), answer('e', 'f', 'No blockers!'), { user: 'U_SM' });
    await app.rituals.outbox.drain();
    expect(await tableRows(app.rituals.storage, impedimentsTable)).toEqual([]);
    expect(dmsTo('U_SM')).toHaveLength(smDmsBefore);
    expect((await prompts()).map((p) => p.blockers)).toEqual([null, null, null]);
    const thread = channelPosts().filter((c) => c.args.thread_ts === parentTs);
    expect(thread).toHaveLength(3);
    for (const reply of thread) expect(JSON.stringify(reply.args.blocks)).not.toContain('Blocker');
    expect(parentUpdates().at(-1)!.args.text).toContain('3 of 3 answered');
    expect(JSON.stringify(parentUpdates().at(-1)!.args.blocks)).not.toContain('Blockers');
  });

  it('tracks a blocker until someone resolves it, telling the SM and showing it in later parents', async () => {
    const team = await start('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_SM'] });
    await tick('2026-11-23T08:30:00Z');
    const view = await openForm('U_ALICE', promptIdOf(dmsTo('U_ALICE')[0]!));
    await app.client.viewSubmission(view, answer('a', 'b', 'Waiting for <!channel> prod access'), { user: 'U_ALICE' });
    await app.rituals.outbox.drain();
    const [impediment] = await tableRows(app.rituals.storage, impedimentsTable);
    expect(impediment).toMatchObject({
      teamId: team.id,
      reporterId: 'U_ALICE',
      text: 'Waiting for <!channel> prod access',
      standupDate: '2026-11-23',
      resolvedAt: null,
    });
    const smDm = dmsTo('U_SM').find((c) => JSON.stringify(c.args.blocks).includes(STANDUP.actions.resolve))!;
    expect(JSON.stringify(smDm.args)).not.toContain('<!channel>');
    expect(JSON.stringify(parentUpdates().at(-1)!.args.blocks)).toContain('Blockers');
    expect(await app.rituals.services.standup.listOpenImpediments(team.id)).toHaveLength(1);

    await tick('2026-11-24T08:30:00Z');
    const tuesdayParent = channelPosts().filter((c) => !c.args.thread_ts)[1]!;
    expect(JSON.stringify(tuesdayParent.args.blocks)).toContain('Still open impediments');
    const listed = await app.client.command('/standup', 'impediments', { user: 'U_SM' });
    expect(JSON.stringify(listed.json.blocks)).toContain('prod access');

    await app.client.blockAction([{ action_id: STANDUP.actions.resolve, value: String(impediment!.id) }], {
      user: 'U_SM',
      channel: 'D_SM',
      messageTs: smDm.response.ts,
    });
    await app.slack.waitUntil(() => app.slack.sent('chat.update').some((c) => c.args.ts === smDm.response.ts));
    expect((await tableRows(app.rituals.storage, impedimentsTable))[0]).toMatchObject({ resolvedBy: 'U_SM' });
    expect(await app.rituals.services.standup.listOpenImpediments(team.id)).toHaveLength(0);
    await app.rituals.outbox.drain();
    expect(dmsTo('U_ALICE').some((c) => String(c.args.text).includes('marked your blocker resolved'))).toBe(true);
    await tick('2026-11-25T08:30:00Z');
    const wednesdayParent = channelPosts().filter((c) => !c.args.thread_ts)[2]!;
    expect(JSON.stringify(wednesdayParent.args.blocks)).not.toContain('Still open impediments');
    const outsider = await app.client.blockAction([{ action_id: STANDUP.actions.resolve, value: String(impediment!.id) }], {
      user: 'U_STRANGER',
      channel: 'C_TEAM',
      messageTs: '1.2',
    });
    expect(outsider.status).toBe(200);
  });
});

describe('standup settings from /rituals setup', () => {
  async function startWithForm(at: string, fields: SetupFormFields) {
    clock = createTestClock(at);
    app = await startTestApp({ clock });
    for (const [id, tz] of Object.entries(ZONES)) app.slack.addUser({ id, tz, is_admin: false });
    await saveSetup(fields);
  }

  async function saveSetup(fields: SetupFormFields) {
    const opened = app.slack.sent('views.open').length;
    await app.client.command('/rituals', 'setup', { user: 'U_SM', channel: 'C_TEAM' });
    const view = (await app.slack.waitFor('views.open', opened + 1))[opened]!.args.view;
    const values = setupFormValues({
      name: 'Platform',
      teamChannel: 'C_TEAM',
      triageChannel: null,
      timezone: 'Europe/Berlin',
      standupTime: '09:30',
      standupDays: ['1', '2', '3', '4', '5'],
      holidays: '',
      itemPrefix: '',
      ...fields,
    });
    const saved = await app.client.viewSubmission(view, values, { user: 'U_SM' });
    expect(saved.json.response_action).toBe('update');
  }

  it('asks only the members: the PO and SM answer only when the form lists them as members', async () => {
    await startWithForm('2026-11-23T07:00:00Z', { productOwner: 'U_PO', scrumMaster: 'U_SM', members: ['U_ALICE', 'U_CARLA'] });
    await tick('2026-11-23T08:30:00Z');
    expect(promptsTo('U_ALICE')).toHaveLength(1);
    expect(promptsTo('U_CARLA')).toHaveLength(1);
    expect(promptsTo('U_PO')).toHaveLength(0);
    expect(promptsTo('U_SM')).toHaveLength(0);
    const parent = channelPosts()[0]!;
    expect(parent.args.text).toContain('0 of 2 answered');
    expect(JSON.stringify(parent.args.blocks)).not.toMatch(/U_PO|U_SM/);
    // The SM still runs the standup (a role, not membership), and it asks the members only.
    clock.set('2026-11-24T07:00:00Z');
    const run = await app.client.command('/standup', 'run', { user: 'U_SM' });
    expect(run.json.text).toContain('prompted 2 members');
    await app.rituals.outbox.drain();
    expect(promptsTo('U_SM')).toHaveLength(0);
    await tick('2026-11-24T12:00:00Z');
    expect(JSON.stringify(parentUpdates().at(-1)!.args.blocks)).not.toMatch(/U_PO|U_SM/);
    // A Scrum Master who also works on the team is listed as a member, and then answers too.
    await saveSetup({ productOwner: 'U_PO', scrumMaster: 'U_SM', members: ['U_ALICE', 'U_CARLA', 'U_SM'] });
    await tick('2026-11-25T08:30:00Z');
    expect(promptsTo('U_SM')).toHaveLength(1);
    expect(promptsTo('U_PO')).toHaveLength(0);
    expect(
      channelPosts()
        .filter((c) => !c.args.thread_ts)
        .at(-1)!.args.text,
    ).toContain('0 of 3 answered');
  });

  it('a shorter response window and reminder set in the form take effect', async () => {
    await startWithForm('2026-11-23T07:00:00Z', { members: ['U_ALICE', 'U_CARLA'], standupWindow: '45', standupReminder: '20' });
    await tick('2026-11-23T08:30:00Z');
    await app.client.viewSubmission(await openForm('U_CARLA', promptIdOf(promptsTo('U_CARLA')[0]!)), answer('a', 'b'), { user: 'U_CARLA' });
    await tick('2026-11-23T08:49:00Z');
    expect(dmsTo('U_ALICE')).toHaveLength(1);
    await tick('2026-11-23T08:50:00Z'); // 20 minutes after the prompt: one reminder, to Alice only
    expect(dmsTo('U_ALICE')).toHaveLength(2);
    expect(dmsTo('U_ALICE')[1]!.args.text).toContain('Reminder');
    expect(dmsTo('U_CARLA').filter((c) => String(c.args.text).includes('Reminder'))).toHaveLength(0);
    await tick('2026-11-23T09:14:00Z');
    expect(JSON.stringify(parentUpdates().at(-1)!.args.blocks)).toContain('Waiting for');
    await tick('2026-11-23T09:15:00Z'); // 45 minutes after 09:30 Berlin: the summary
    const final = parentUpdates().at(-1)!;
    expect(final.args.text).toContain('1 of 2 answered');
    expect(JSON.stringify(final.args.blocks)).toContain('*Did not answer:* <@U_ALICE>');
    expect(JSON.stringify((await openForm('U_ALICE', promptIdOf(promptsTo('U_ALICE')[0]!))).blocks)).toContain('closed');
  });
});
