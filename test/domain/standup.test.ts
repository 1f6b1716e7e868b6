import { beforeEach, describe, expect, it } from 'vitest';
import type { NewTeam, Team } from '../../src/db/repositories/teams.js';
import { describeRun, type AnswerInput, type AnswerTarget } from '../../src/domain/standup.js';
import { actor, caught, useDomainHarness } from '../helpers/domainHarness.js';

const ZONES: Record<string, string> = {
  U_ALICE: 'Europe/Berlin',
  U_BOB: 'America/New_York',
  U_KENJI: 'Asia/Tokyo',
  U_SM: 'Europe/Berlin',
  U_PO: 'Europe/Berlin',
  U_LARS: 'America/Los_Angeles',
};

const h = useDomainHarness({ now: '2026-11-23T07:00:00Z' });
beforeEach(async () => {
  for (const [userId, tz] of Object.entries(ZONES)) await h.repos.slackUsers.upsert({ slackTeamId: 'T1', userId, tz, isAdmin: false, fetchedAt: 0 });
});

/** A Berlin team standing up at 09:30 in each member's own timezone (window 3 h, reminder after 1 h). */
const berlinTeam = (fields: Partial<NewTeam> & { members?: string[] } = {}): Promise<Team> =>
  h.team({ timezone: 'Europe/Berlin', standupTime: '09:30', members: ['U_ALICE', 'U_SM'], ...fields });

/** One scheduler tick at `at` (UTC). */
const sweep = async (at: string) => {
  h.clock.set(at);
  return await h.services.standup.sweep(h.clock());
};
const promptOf = (team: Team, userId: string, date = '2026-11-23') => h.repos.standups.findPromptFor(team.id, userId, date);
const queued = async (kind: string) => (await h.outbox()).filter((row) => row.kind === kind);
const reply = (did: string, today: string, blockers = '', itemStates: AnswerInput['itemStates'] = []): AnswerInput => ({ did, today, blockers, itemStates });
const submit = (userId: string, target: AnswerTarget, answer: AnswerInput) => h.services.standup.submitAnswer({ userId, answer, ...target });
const answerPrompt = async (team: Team, userId: string, answer: AnswerInput, date = '2026-11-23') =>
  submit(userId, { promptId: (await promptOf(team, userId, date))!.id }, answer);
const statesOf = async (runId: number) => Object.fromEntries((await describeRun(h.repos, runId))!.members.map((m) => [m.userId, m.state]));

describe('the standup schedule', () => {
  it('prompts each member at the standup time in their own timezone, under one run with one day message', async () => {
    const team = await berlinTeam({ members: ['U_ALICE', 'U_BOB', 'U_KENJI'] });
    expect((await sweep('2026-11-23T00:29:00Z')).prompted).toBe(0);
    expect((await sweep('2026-11-23T00:30:00Z')).prompted).toBe(1); // 09:30 Monday in Tokyo
    expect((await sweep('2026-11-23T08:29:00Z')).prompted).toBe(0);
    expect((await sweep('2026-11-23T08:30:00Z')).prompted).toBe(1); // 09:30 in Berlin
    expect((await sweep('2026-11-23T14:30:00Z')).prompted).toBe(1); // 09:30 in New York
    const prompts = await h.repos.standups.listPromptsForDate(team.id, '2026-11-23');
    expect(prompts.map((p) => [p.userId, new Date(p.dueAt).toISOString()]).sort()).toEqual([
      ['U_ALICE', '2026-11-23T08:30:00.000Z'],
      ['U_BOB', '2026-11-23T14:30:00.000Z'],
      ['U_KENJI', '2026-11-23T00:30:00.000Z'],
    ]);
    expect(await queued('standup.prompt')).toHaveLength(3);
    expect(await queued('standup.parent')).toHaveLength(1);
  });

  it('follows daylight-saving changes: New York and Berlin on their transition days', async () => {
    h.clock.set('2026-03-07T00:00:00Z');
    const team = await berlinTeam({ members: ['U_ALICE', 'U_BOB'], standupDays: '1,2,3,4,5,6,7' });
    const dueAt = async (userId: string, date: string) => new Date((await promptOf(team, userId, date))!.dueAt).toISOString();
    await sweep('2026-03-07T14:30:00Z'); // Sat 7 Mar: EST, 09:30 = 14:30Z
    expect(await dueAt('U_BOB', '2026-03-07')).toBe('2026-03-07T14:30:00.000Z');
    expect((await sweep('2026-03-08T13:29:00Z')).prompted).toBe(0);
    await sweep('2026-03-08T13:30:00Z'); // Sun 8 Mar: clocks sprang forward, EDT, 09:30 = 13:30Z
    expect(await dueAt('U_BOB', '2026-03-08')).toBe('2026-03-08T13:30:00.000Z');
    await sweep('2026-03-29T07:30:00Z'); // Berlin springs forward on 29 Mar: CEST, 09:30 = 07:30Z
    expect(await dueAt('U_ALICE', '2026-03-29')).toBe('2026-03-29T07:30:00.000Z');
    await sweep('2026-11-01T13:30:00Z'); // New York falls back on 1 Nov: still an hour early
    expect(await promptOf(team, 'U_BOB', '2026-11-01')).toBeUndefined();
    await sweep('2026-11-01T14:30:00Z');
    expect(await dueAt('U_BOB', '2026-11-01')).toBe('2026-11-01T14:30:00.000Z');
  });

  it('skips weekends, team holidays and away dates, and shows away members as away', async () => {
    const team = await berlinTeam({ holidays: '["2026-11-25"]' });
    await h.services.standup.setAway({ slackTeamId: 'T1', userId: 'U_ALICE', from: '2026-11-26', to: '2026-11-27' });
    for (const day of ['2026-11-25', '2026-11-28', '2026-11-29']) expect((await sweep(`${day}T08:30:00Z`)).prompted).toBe(0);
    expect((await sweep('2026-11-26T08:30:00Z')).prompted).toBe(1);
    expect(await promptOf(team, 'U_SM', '2026-11-26')).toBeDefined();
    const run = (await h.repos.standups.findRunByDate(team.id, '2026-11-26'))!;
    expect(await statesOf(run.id)).toEqual({ U_ALICE: 'away', U_SM: 'waiting' });
  });

  it('catches up a missed tick once within the window, and never prompts after it', async () => {
    const team = await berlinTeam();
    await sweep('2026-11-23T08:00:00Z');
    // Down from 08:00 to 10:15: the 09:30 prompts go out late, once.
    expect((await sweep('2026-11-23T10:15:00Z')).prompted).toBe(2);
    expect((await sweep('2026-11-23T10:16:00Z')).prompted).toBe(0);
    // Tuesday: down until after the window (09:30 + 3 h): nothing is sent late.
    expect((await sweep('2026-11-24T11:30:00Z')).prompted).toBe(0);
    expect(await promptOf(team, 'U_ALICE', '2026-11-24')).toBeUndefined();
  });

  it('prompts once when sweeps overlap', async () => {
    await berlinTeam({ members: ['U_ALICE', 'U_SM', 'U_PO'] });
    expect((await sweep('2026-11-23T08:30:00Z')).prompted).toBe(3);
    expect((await sweep('2026-11-23T08:30:00Z')).prompted).toBe(0);
    expect(await queued('standup.prompt')).toHaveLength(3);
    expect(await queued('standup.parent')).toHaveLength(1);
  });

  it('reminds once, only those who have not answered, and not when reminders are off', async () => {
    const team = await berlinTeam();
    await sweep('2026-11-23T08:30:00Z');
    await answerPrompt(team, 'U_SM', reply('Planning', 'Refinement'));
    expect((await sweep('2026-11-23T09:29:00Z')).reminded).toBe(0);
    expect((await sweep('2026-11-23T09:30:00Z')).reminded).toBe(1);
    expect((await sweep('2026-11-23T10:30:00Z')).reminded).toBe(0);
    expect((await queued('standup.reminder')).map((row) => row.payload.promptId)).toEqual([(await promptOf(team, 'U_ALICE'))!.id]);

    await h.repos.teams.update(team.id, { standupReminderMinutes: 0 });
    await sweep('2026-11-24T08:30:00Z');
    expect((await promptOf(team, 'U_ALICE', '2026-11-24'))!.remindAt).toBeNull();
  });

  it('closes the day after the window of the last member, with non-responders missing; answers are then refused', async () => {
    const team = await berlinTeam({ members: ['U_ALICE', 'U_BOB', 'U_SM'] });
    await sweep('2026-11-23T08:30:00Z');
    await answerPrompt(team, 'U_ALICE', reply('a', 'b'));
    await sweep('2026-11-23T14:30:00Z');
    // 3 h after Bob's 09:30 in New York.
    expect((await sweep('2026-11-23T17:29:00Z')).closed).toBe(0);
    expect((await sweep('2026-11-23T17:30:00Z')).closed).toBe(1);
    const run = (await h.repos.standups.findRunByDate(team.id, '2026-11-23'))!;
    expect(await statesOf(run.id)).toEqual({ U_ALICE: 'answered', U_BOB: 'missing', U_SM: 'missing' });
    expect(await describeRun(h.repos, run.id)).toMatchObject({ answered: 1, expected: 3 });
    expect((await h.outbox()).some((row) => row.dedupeKey === `standup-parent-final:${run.id}`)).toBe(true);
    expect(await caught(() => answerPrompt(team, 'U_BOB', reply('late', 'late')))).toMatchObject({ code: 'standup.closed', details: { date: '2026-11-23' } });
  });
});

describe('who takes part', () => {
  it('asks only the members: a PO or SM who is not a member is not prompted', async () => {
    const team = await berlinTeam({ members: ['U_ALICE', 'U_BOB'] });
    await sweep('2026-11-23T08:30:00Z');
    await sweep('2026-11-23T14:30:00Z');
    expect((await h.repos.standups.listPromptsForDate(team.id, '2026-11-23')).map((p) => p.userId).sort()).toEqual(['U_ALICE', 'U_BOB']);
    expect(await caught(() => h.services.standup.answerNow({ teamId: team.id, userId: 'U_SM' }))).toMatchObject({ code: 'standup.not_member' });
  });

  it('lets the SM (or a workspace admin) run the standup now for the members, away ones excepted', async () => {
    const team = await berlinTeam({ members: ['U_ALICE', 'U_LARS', 'U_PO'] });
    await h.services.standup.setAway({ slackTeamId: 'T1', userId: 'U_PO', from: '2026-11-23' });
    expect(await caught(() => h.services.standup.runNow({ teamId: team.id, actor: actor('U_ALICE') }))).toMatchObject({
      code: 'standup.not_allowed',
      details: { action: 'standup.run' },
    });
    const run = await h.services.standup.runNow({ teamId: team.id, actor: actor('U_SM') });
    // 07:00Z: Monday in Berlin, still Sunday in Los Angeles (Lars stands up on his own Monday).
    expect(run).toEqual({
      date: '2026-11-23',
      prompted: ['U_ALICE'],
      alreadyPrompted: [],
      away: ['U_PO'],
      otherDay: [{ userId: 'U_LARS', date: '2026-11-22' }],
    });
    expect(await h.services.standup.runNow({ teamId: team.id, actor: actor('U_ADMIN', true) })).toMatchObject({ prompted: [], alreadyPrompted: ['U_ALICE'] });
    expect(await queued('standup.prompt')).toHaveLength(1);
  });

  it('starts the day with the first answer of a member who was not prompted, not when they only open the form', async () => {
    const team = await berlinTeam();
    const target = await h.services.standup.answerNow({ teamId: team.id, userId: 'U_ALICE' });
    expect(target).toEqual({ teamId: team.id, date: '2026-11-23' });
    expect(await h.services.standup.answerForm({ userId: 'U_ALICE', ...target })).toMatchObject({ date: '2026-11-23', prompt: null });
    expect(await h.outbox()).toEqual([]);
    const { prompt, edited } = await submit('U_ALICE', target, reply('Reviewed', 'Pairing'));
    expect(edited).toBe(false);
    expect(prompt).toMatchObject({ userId: 'U_ALICE', did: 'Reviewed', today: 'Pairing' });
    expect(await queued('standup.parent')).toHaveLength(1);
    expect(await queued('standup.prompt')).toHaveLength(0);
  });
  it('lists nobody as missing after an ad-hoc weekend answer, but those the SM prompted on a weekend are', async () => {
    const team = await berlinTeam({ members: ['U_ALICE', 'U_BOB', 'U_SM'] });
    h.clock.set('2026-11-28T09:00:00Z'); // Saturday; the team stands up Monday to Friday
    expect((await sweep('2026-11-28T14:30:00Z')).prompted).toBe(0);
    await submit('U_ALICE', await h.services.standup.answerNow({ teamId: team.id, userId: 'U_ALICE' }), reply('weekend fix', 'rest'));
    expect((await sweep('2026-11-28T23:00:00Z')).closed).toBe(1);
    const saturday = (await h.repos.standups.findRunByDate(team.id, '2026-11-28'))!;
    expect(await statesOf(saturday.id)).toEqual({ U_ALICE: 'answered', U_BOB: 'off', U_SM: 'off' });

    h.clock.set('2026-11-29T09:00:00Z');
    await h.services.standup.runNow({ teamId: team.id, actor: actor('U_SM') });
    await sweep('2026-11-29T23:00:00Z');
    const sunday = (await h.repos.standups.findRunByDate(team.id, '2026-11-29'))!;
    expect(await statesOf(sunday.id)).toEqual({ U_ALICE: 'missing', U_BOB: 'missing', U_SM: 'missing' });
  });
});

describe('answers', () => {
  async function sprintItems(team: Team) {
    const sprint = await h.sprint(team, { startDate: '2026-11-16', endDate: '2026-11-27' });
    const item = (title: string, assigneeId: string | null) =>
      h.item(team, { title, status: 'in_sprint', sprintId: sprint.id, workState: 'todo', assigneeId, storyPoints: 3 });
    return { mine: await item('Login form', 'U_ALICE'), theirs: await item('Audit log', 'U_BOB'), nobody: await item('Docs', null) };
  }

  it('stores the answer, moves the member’s sprint items with events, and queues the thread answer and a day update', async () => {
    const team = await berlinTeam({ members: ['U_ALICE', 'U_BOB', 'U_SM'] });
    const { mine, theirs } = await sprintItems(team);
    await sweep('2026-11-23T08:30:00Z');
    const form = await h.services.standup.answerForm({ userId: 'U_ALICE', promptId: (await promptOf(team, 'U_ALICE'))!.id });
    expect(form.items.map((item) => item.id)).toEqual([mine.id]);

    const first = await answerPrompt(team, 'U_ALICE', reply('Built the form', 'Wire the API', '', [{ itemId: mine.id, state: 'in_progress' }]));
    expect(first).toMatchObject({ edited: false, movedItems: 1, prompt: { did: 'Built the form', today: 'Wire the API', blockers: null } });
    expect(await h.repos.items.findById(mine.id)).toMatchObject({ workState: 'in_progress', status: 'in_sprint' });
    expect(await h.repos.itemEvents.listForItem(mine.id)).toMatchObject([
      { kind: 'work_state', fromValue: 'todo', toValue: 'in_progress', reason: 'standup', points: 3, actorId: 'U_ALICE' },
    ]);
    expect(await queued('standup.answer')).toHaveLength(1);
    expect(await queued('standup.parent_update')).toHaveLength(1);

    const edit = await answerPrompt(team, 'U_ALICE', reply('Built the form', 'Ship it', '', [{ itemId: mine.id, state: 'done' }]));
    expect(edit).toMatchObject({ edited: true, movedItems: 1 });
    expect(await h.repos.items.findById(mine.id)).toMatchObject({ workState: 'done', status: 'done' });
    expect(await queued('standup.answer_update')).toHaveLength(1);

    // The same submission again (a Slack retry) changes and queues nothing.
    const rows = (await h.outbox()).length;
    await answerPrompt(team, 'U_ALICE', reply('Built the form', 'Ship it', '', [{ itemId: mine.id, state: 'done' }]));
    expect(await h.outbox()).toHaveLength(rows);
    expect(await h.repos.itemEvents.listForItem(mine.id)).toHaveLength(3);

    // Someone else's item, or someone else's prompt, is refused.
    expect(await caught(() => answerPrompt(team, 'U_ALICE', reply('x', 'y', '', [{ itemId: theirs.id, state: 'done' }])))).toMatchObject({
      code: 'item.not_found',
    });
    expect((await h.repos.items.findById(theirs.id))!.workState).toBe('todo');
    expect(await caught(async () => submit('U_BOB', { promptId: (await promptOf(team, 'U_ALICE'))!.id }, reply('x', 'y')))).toMatchObject({
      code: 'standup.not_yours',
    });

    // The next day offers yesterday's plan.
    await sweep('2026-11-24T08:30:00Z');
    const tuesday = await h.services.standup.answerForm({ userId: 'U_ALICE', promptId: (await promptOf(team, 'U_ALICE', '2026-11-24'))!.id });
    expect(tuesday.previousToday).toEqual({ date: '2026-11-23', text: 'Ship it' });
  });

  it('offers no sprint work before the first day of a sprint planned to start later', async () => {
    const team = await berlinTeam();
    const sprint = await h.sprint(team, { startDate: '2026-11-30', endDate: '2026-12-11' });
    await h.item(team, { title: 'Next', status: 'in_sprint', sprintId: sprint.id, workState: 'todo', assigneeId: 'U_ALICE' });
    const form = async () =>
      h.services.standup.answerForm({ userId: 'U_ALICE', ...(await h.services.standup.answerNow({ teamId: team.id, userId: 'U_ALICE' })) });
    expect((await form()).items).toEqual([]);
    h.clock.set('2026-11-30T09:00:00Z');
    expect((await form()).items.map((item) => item.title)).toEqual(['Next']);
  });

  it('offers the team’s unassigned items to a member with none of their own', async () => {
    const team = await berlinTeam({ members: ['U_ALICE', 'U_SM'] });
    const { nobody } = await sprintItems(team);
    await sweep('2026-11-23T08:30:00Z');
    const form = await h.services.standup.answerForm({ userId: 'U_SM', promptId: (await promptOf(team, 'U_SM'))!.id });
    expect(form).toMatchObject({ itemsAreUnassigned: true, items: [{ id: nobody.id }] });
  });

  it('refuses an answer without what was done or what comes today', async () => {
    const team = await berlinTeam();
    await sweep('2026-11-23T08:30:00Z');
    await expect(answerPrompt(team, 'U_ALICE', reply('  ', 'b'))).rejects.toThrow();
    await expect(answerPrompt(team, 'U_ALICE', reply('a', ''))).rejects.toThrow();
    expect((await promptOf(team, 'U_ALICE'))!.answeredAt).toBeNull();
  });
});

describe('blockers and impediments', () => {
  it.each(['N/A.', 'none', ':white_check_mark:', 'No blockers!', '-'])('takes %j to mean no blocker: no impediment, nobody alerted', async (blocker) => {
    const team = await berlinTeam();
    await sweep('2026-11-23T08:30:00Z');
    expect(await answerPrompt(team, 'U_ALICE', reply('a', 'b', blocker))).toMatchObject({ impediment: undefined, prompt: { blockers: null } });
    expect(await h.services.standup.listOpenImpediments(team.id)).toEqual([]);
    expect(await queued('standup.impediment')).toEqual([]);
  });

  it('opens an impediment for a real blocker, tells the SM, and resolves it when the answer drops it', async () => {
    const team = await berlinTeam();
    await sweep('2026-11-23T08:30:00Z');
    const { impediment } = await answerPrompt(team, 'U_ALICE', reply('a', 'b', 'Waiting for prod access'));
    expect(impediment).toMatchObject({ teamId: team.id, reporterId: 'U_ALICE', text: 'Waiting for prod access', standupDate: '2026-11-23', resolvedAt: null });
    expect(await queued('standup.impediment')).toMatchObject([{ payload: { impedimentId: impediment!.id, userId: 'U_SM' } }]);
    await answerPrompt(team, 'U_ALICE', reply('a', 'b', 'Waiting for prod access and VPN'));
    expect(await h.services.standup.listOpenImpediments(team.id)).toMatchObject([{ id: impediment!.id, text: 'Waiting for prod access and VPN' }]);
    await answerPrompt(team, 'U_ALICE', reply('a', 'b', 'none'));
    expect(await h.services.standup.listOpenImpediments(team.id)).toEqual([]);
    expect(await queued('standup.impediment')).toHaveLength(1);
  });

  it('lets a member resolve an impediment once, telling the reporter; outsiders are refused', async () => {
    const team = await berlinTeam();
    await sweep('2026-11-23T08:30:00Z');
    const { impediment } = await answerPrompt(team, 'U_ALICE', reply('a', 'b', 'Waiting for prod access'));
    expect(await caught(() => h.services.standup.resolveImpediment({ impedimentId: impediment!.id, actor: actor('U_STRANGER') }))).toMatchObject({
      code: 'standup.not_member',
      details: { action: 'impediment.resolve' },
    });
    const resolved = await h.services.standup.resolveImpediment({ impedimentId: impediment!.id, actor: actor('U_SM') });
    expect(resolved).toMatchObject({ alreadyResolved: false, impediment: { resolvedBy: 'U_SM' } });
    expect(await queued('standup.impediment_resolved')).toMatchObject([{ payload: { impedimentId: impediment!.id, userId: 'U_ALICE' } }]);
    expect((await h.services.standup.resolveImpediment({ impedimentId: impediment!.id, actor: actor('U_ALICE') })).alreadyResolved).toBe(true);
    expect(await caught(() => h.services.standup.resolveImpediment({ impedimentId: 999, actor: actor('U_SM') }))).toMatchObject({
      code: 'impediment.not_found',
    });
  });
});

describe('away', () => {
  it.each([
    ['a malformed date', '26.11.2026', undefined],
    ['an end before the start', '2026-11-27', '2026-11-26'],
    ['more than a year', '2026-11-27', '2027-12-01'],
    ['dates in the past', '2026-11-01', '2026-11-02'],
  ])('refuses %s', async (_, from, to) => {
    await berlinTeam();
    expect(await caught(() => h.services.standup.setAway({ slackTeamId: 'T1', userId: 'U_ALICE', from, ...(to ? { to } : {}) }))).toMatchObject({
      code: 'standup.invalid',
    });
  });

  it('refuses someone in no team, and ends an absence with back', async () => {
    const team = await berlinTeam();
    expect(await caught(() => h.services.standup.setAway({ slackTeamId: 'T1', userId: 'U_STRANGER', from: '2026-11-24' }))).toMatchObject({
      code: 'standup.not_member',
    });
    await h.services.standup.setAway({ slackTeamId: 'T1', userId: 'U_ALICE', from: '2026-11-23', to: '2026-11-27' });
    expect(await h.services.standup.awayStatus({ teamId: team.id, userId: 'U_ALICE' })).toEqual({ from: '2026-11-23', to: '2026-11-27' });
    h.clock.set('2026-11-25T07:00:00Z');
    expect(await h.services.standup.back({ slackTeamId: 'T1', userId: 'U_ALICE' })).toBe(1);
    expect(await h.repos.absences.covering(team.id, 'U_ALICE', '2026-11-24')).toHaveLength(1);
    expect(await h.repos.absences.covering(team.id, 'U_ALICE', '2026-11-25')).toHaveLength(0);
  });
});
