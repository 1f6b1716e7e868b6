import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { itemEventsTable, scopeAttemptsTable, tasksTable } from '../../src/db/schema.js';
import { PLAN, RETRO, SPRINT } from '../../src/slack/ids.js';
import { checkboxesValue, textValue } from '../helpers/signedClient.js';
import { createTestClock, seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';
import { addBacklogItem, allText, inOrder } from './sprintHelpers.js';
import { tableRows } from '../helpers/tableRows.js';

const actor = (userId: string) => ({ userId, isWorkspaceAdmin: false });

describe('/sprint', () => {
  let app: TestApp;
  let team: Team;
  beforeEach(async () => {
    app = await startTestApp({ clock: createTestClock('2026-11-23T09:00:00Z') });
    team = await seedTeam(app);
  });
  afterEach(async () => {
    await app.stop();
  });

  /** Three items in a started sprint (3, 5, 2 pts) and two left in the backlog. */
  async function startSprint() {
    const planned = await inOrder([3, 5, 2], (points, i) => addBacklogItem(app, team, { title: `Planned ${i + 1}`, points }));
    const waiting = await inOrder([1, 8], (points, i) => addBacklogItem(app, team, { title: `Waiting ${i + 1}`, points }));
    const sprint = await app.rituals.services.sprints.start(
      {
        teamId: team.id,
        name: 'Sprint 1',
        goal: 'Password resets work without support',
        startDate: '2026-11-23',
        endDate: '2026-12-04',
        capacityPoints: 10,
        itemIds: planned.map((i) => i.id),
        overrideReason: null,
        confirmOverVelocity: false,
      },
      actor('U_ALICE'),
    );
    return { planned, waiting, sprint };
  }

  const events = () => tableRows(app.rituals.storage, itemEventsTable);
  const attempts = () => tableRows(app.rituals.storage, scopeAttemptsTable);

  it('locks scope: a refused add is counted and offers the backlog; a PO override is a recorded scope change', async () => {
    const { waiting, sprint } = await startSprint();
    const [late, urgent] = waiting;

    const refused = await app.client.command('/sprint', 'add R-4', { user: 'U_ALICE' });
    expect(refused.json.text).toContain("can't join Sprint 1");
    const buttons = refused.json.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b: any) => b.action_id)).toEqual([SPRINT.defer]);
    expect((await app.rituals.repos.items.findById(late!.id))!.status).toBe('backlog');
    expect(await attempts()).toMatchObject([{ sprintId: sprint.id, itemId: late!.id, userId: 'U_ALICE', outcome: 'refused' }]);

    await app.client.blockAction([{ action_id: SPRINT.defer, value: String(late!.id) }], { user: 'U_ALICE', channel: 'C_TEAM', messageTs: '1.1' });
    const [thanks] = await app.slack.waitFor('chat.postEphemeral');
    expect(thanks!.args.text).toContain('stays in the product backlog');
    expect((await app.rituals.repos.items.findById(late!.id))!.needsReprioritisation).toBe(true);
    await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'U_PO'));

    // A member can't override, even with a forged submission of the override modal.
    const byPo = await app.client.command('/sprint', 'add R-5', { user: 'U_PO' });
    const poButtons = byPo.json.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    expect(poButtons.map((b: any) => b.action_id)).toEqual([SPRINT.defer, SPRINT.overrideOpen]);
    // The PO's own ask on the way to the override is not a refused request (nor the SM's).
    expect(byPo.json.blocks.at(-1).elements[0].text).toContain('1 mid-sprint request refused');
    const bySm = await app.client.command('/sprint', 'add R-5', { user: 'U_SM' });
    expect(bySm.json.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).map((b: any) => b.action_id)).toContain(SPRINT.overrideOpen);
    expect((await attempts()).map((a) => a.userId)).toEqual(['U_ALICE']);
    await app.client.blockAction([{ action_id: SPRINT.overrideOpen, value: String(urgent!.id) }], { user: 'U_PO', channel: 'C_TEAM', messageTs: '1.2' });
    const [open] = await app.slack.waitFor('views.open');
    const modal = open!.args.view;
    expect(modal.callback_id).toBe(SPRINT.overrideCallbackId);
    const reason = { [SPRINT.overrideReasonBlock]: { [SPRINT.action]: textValue('Emergency: EU payments failing') } };
    const forged = await app.client.viewSubmission(modal, reason, { user: 'U_ALICE' });
    expect(forged.json.errors[SPRINT.overrideReasonBlock]).toBe(
      'Only the Scrum Master (<@U_SM>) or the Product Owner (<@U_PO>) can add work to the running sprint.',
    );
    expect((await app.rituals.repos.items.findById(urgent!.id))!.status).toBe('backlog');
    const empty = await app.client.viewSubmission(modal, { [SPRINT.overrideReasonBlock]: { [SPRINT.action]: textValue(' ') } }, { user: 'U_PO' });
    expect(empty.json.errors[SPRINT.overrideReasonBlock]).toMatch(/Say why/);

    const ok = await app.client.viewSubmission(modal, reason, { user: 'U_PO' });
    expect(ok.text).toBe('');
    expect(await app.rituals.repos.items.findById(urgent!.id)).toMatchObject({ status: 'in_sprint', sprintId: sprint.id, workState: 'todo' });
    const added = (await events()).filter((e) => e.kind === 'sprint_added' && e.itemId === urgent!.id);
    expect(added).toMatchObject([{ sprintId: sprint.id, reason: 'Emergency: EU payments failing', points: 8, actorId: 'U_PO' }]);
    expect((await attempts()).map((a) => a.outcome)).toEqual(['refused', 'refused', 'overridden']);
    await app.slack.waitUntil(() =>
      app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'C_TEAM' && /Scope change: R-5 added \(\+8 pts\)/.test(c.args.text)),
    );

    const status = await app.client.command('/sprint', 'status');
    const text = allText(status.json);
    expect(text).toContain('Password resets work without support');
    expect(text).toContain('10 working days left');
    expect(text).toContain('0 done · 18 remaining · 10 committed at start');
    expect(text).toContain('+8 pts *R-5* added by <@U_PO>: Emergency: EU payments failing');
    expect(text).toContain('2 attempts to add work mid-sprint refused');

    // Taking an item out is a scope change too: PO/SM only, with a reason; it goes to the top of the backlog.
    const memberRemove = await app.client.command('/sprint', 'remove R-2 too big', { user: 'U_ALICE' });
    expect(memberRemove.json.text).toBe('Only the Scrum Master (<@U_SM>) or the Product Owner (<@U_PO>) can take items out of the running sprint.');
    const removed = await app.client.command('/sprint', 'remove R-2 Blocked by the vendor', { user: 'U_SM' });
    expect(removed.json.text).toContain('top of the product backlog');
    expect((await app.rituals.repos.items.listByStatus(team.id, 'backlog'))[0]).toMatchObject({ number: 2, needsReprioritisation: true, sprintId: null });
    expect((await events()).filter((e) => e.kind === 'sprint_removed')).toMatchObject([{ reason: 'Blocked by the vendor', points: 5, sprintId: sprint.id }]);
    expect(allText((await app.client.command('/sprint', 'status')).json)).toContain('-5 pts *R-2* removed by <@U_SM>: Blocked by the vendor');
  });

  it('a sprint planned to start later is announced, shown and stood up as upcoming, not as running', async () => {
    const planned = await inOrder([3, 5], (points, i) => addBacklogItem(app, team, { title: `Next ${i + 1}`, points }));
    // Planned on Monday 23 Nov for the week after.
    await app.rituals.services.sprints.start(
      {
        teamId: team.id,
        name: 'Sprint 1',
        goal: 'Faster checkout',
        startDate: '2026-11-30',
        endDate: '2026-12-11',
        capacityPoints: null,
        itemIds: planned.map((i) => i.id),
        overrideReason: null,
        confirmOverVelocity: false,
      },
      actor('U_ALICE'),
    );
    await app.rituals.outbox.drain();
    const [announcement] = app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'C_TEAM');
    expect(announcement!.args.text).toMatch(/^Sprint 1 is planned to start on Mon 30 Nov\. Goal: Faster checkout/);
    expect(allText(announcement!.args)).not.toContain('has started');
    const status = await app.client.command('/sprint', 'status');
    expect(status.json.text).toContain('starts Mon 30 Nov (10 working days)');
    expect((await app.client.command('/burndown', '')).json.text).toMatch(/^Sprint 1, starts 30 Nov: /);
    // No sprint work to report in a standup before the sprint's first day.
    const today = await app.rituals.services.standup.answerNow({ teamId: team.id, userId: 'U_ALICE' });
    expect((await app.rituals.services.standup.answerForm({ ...today, userId: 'U_ALICE' })).items).toEqual([]);
    app.clock!.set('2026-11-30T09:00:00Z');
    expect((await app.client.command('/sprint', 'status')).json.text).toContain('10 working days left');
    const firstDay = await app.rituals.services.standup.answerNow({ teamId: team.id, userId: 'U_ALICE' });
    expect(await (await app.rituals.services.standup.answerForm({ ...firstDay, userId: 'U_ALICE' })).items.map((i) => i.title)).toEqual(['Next 1', 'Next 2']);
  });

  it('moves items and tasks through the board, with events', async () => {
    const { planned, sprint } = await startSprint();
    const [first] = planned;
    const response = await app.client.command('/sprint', '', { user: 'U_BOB' });
    expect(response.status).toBe(200);
    const [open] = await app.slack.waitFor('views.open');
    const board = { ...open!.args.view, id: open!.response.view.id };
    expect(board.callback_id).toBe(SPRINT.boardCallbackId);
    const menu = (id: string, value: string, user = 'U_BOB') =>
      app.client.blockAction([{ action_id: id, type: 'overflow', selected_option: { value } }], { user, view: board });

    await menu(SPRINT.itemMenu, `i:${first!.id}:assign`);
    await app.slack.waitFor('views.update', 1);
    await menu(SPRINT.itemMenu, `i:${first!.id}:in_progress`);
    await app.slack.waitFor('views.update', 2);
    expect(await app.rituals.repos.items.findById(first!.id)).toMatchObject({ workState: 'in_progress', assigneeId: 'U_BOB', status: 'in_sprint' });
    expect(JSON.stringify(app.slack.sent('views.update').at(-1)!.args.view.blocks)).toContain(':large_blue_circle:');

    await menu(SPRINT.itemMenu, `i:${first!.id}:tasks`);
    const [push] = await app.slack.waitFor('views.push');
    const tasksModal = push!.args.view;
    const submitted = await app.client.viewSubmission(
      tasksModal,
      { [SPRINT.tasksBlock]: { [SPRINT.action]: textValue('Write the email template\n\nSend via the mailer\n') } },
      { user: 'U_BOB' },
    );
    expect(submitted.text).toBe('');
    const tasks = await tableRows(app.rituals.storage, tasksTable);
    expect(tasks.map((t) => [t.title, t.state])).toEqual([
      ['Write the email template', 'todo'],
      ['Send via the mailer', 'todo'],
    ]);
    await app.slack.waitFor('views.update', 3);

    await menu(SPRINT.taskMenu, `t:${tasks[0]!.id}:assign`);
    await app.slack.waitFor('views.update', 4);
    await menu(SPRINT.taskMenu, `t:${tasks[0]!.id}:done`);
    await app.slack.waitFor('views.update', 5);
    expect(await app.rituals.repos.tasks.findById(tasks[0]!.id)).toMatchObject({ state: 'done', assigneeId: 'U_BOB' });

    await menu(SPRINT.itemMenu, `i:${first!.id}:done`);
    await app.slack.waitFor('views.update', 6);
    expect(await app.rituals.repos.items.findById(first!.id)).toMatchObject({ workState: 'done', status: 'done' });

    // Outsiders can't touch the board.
    await menu(SPRINT.itemMenu, `i:${planned[1]!.id}:done`, 'U_STRANGER');
    await app.slack.waitFor('views.push', 2);
    expect((await app.rituals.repos.items.findById(planned[1]!.id))!.workState).toBe('todo');

    const log = (await events()).filter((e) => e.sprintId === sprint.id && (e.kind === 'work_state' || e.kind === 'task'));
    expect(log.map((e) => [e.kind, e.fromValue, e.toValue, e.reason])).toEqual([
      ['work_state', 'todo', 'in_progress', 'sprint'],
      ['task', null, 'todo', 'Write the email template'],
      ['task', null, 'todo', 'Send via the mailer'],
      ['task', 'todo', 'done', 'Write the email template'],
      ['work_state', 'in_progress', 'done', 'sprint'],
    ]);
    expect(log.every((e) => e.at === Date.parse('2026-11-23T09:00:00Z'))).toBe(true);
    expect((await events()).some((e) => e.kind === 'status' && e.itemId === first!.id && e.toValue === 'done')).toBe(true);
  });

  it('closes: velocity recorded, unfinished items back at the top flagged, retro by DM, next /plan uses the velocity', async () => {
    const { planned, waiting, sprint } = await startSprint();
    await app.rituals.services.sprintWork.setItemState(planned[1]!.id, 'done', actor('U_BOB'), 'sprint');
    await app.rituals.services.sprintWork.setItemState(planned[0]!.id, 'in_progress', actor('U_BOB'), 'sprint');

    const member = await app.client.command('/sprint', 'close', { user: 'U_ALICE' });
    expect(member.json.text).toBe('Only the Scrum Master (<@U_SM>) or the Product Owner (<@U_PO>) can close the sprint.');

    await app.client.command('/sprint', 'close', { user: 'U_SM' });
    const [open] = await app.slack.waitFor('views.open');
    const modal = open!.args.view;
    expect(JSON.stringify(modal.blocks)).toContain('2 unfinished items');
    // A forged submission from a member is refused by the domain.
    const forged = await app.client.viewSubmission(modal, { [SPRINT.closeRetroBlock]: { [SPRINT.action]: checkboxesValue([]) } }, { user: 'U_ALICE' });
    expect(forged.json.response_action).toBe('errors');
    expect((await app.rituals.repos.sprints.findById(sprint.id))!.status).toBe('active');

    const closed = await app.client.viewSubmission(modal, { [SPRINT.closeRetroBlock]: { [SPRINT.action]: checkboxesValue(['retro']) } }, { user: 'U_SM' });
    expect(closed.text).toBe('');
    expect(await app.rituals.repos.sprints.findById(sprint.id)).toMatchObject({ status: 'closed', completedPoints: 5, committedPoints: 10, closedBy: 'U_SM' });
    const backlog = await app.rituals.repos.items.listByStatus(team.id, 'backlog');
    expect(backlog.map((i) => i.title)).toEqual(['Planned 1', 'Planned 3', 'Waiting 1', 'Waiting 2']);
    expect(backlog.slice(0, 2).every((i) => i.needsReprioritisation && i.sprintId === null && i.workState === null)).toBe(true);
    expect(backlog.slice(2).some((i) => i.needsReprioritisation)).toBe(false);
    const returned = (await events()).filter((e) => e.kind === 'sprint_removed');
    expect(returned.map((e) => [e.itemId, e.reason, e.points])).toEqual([
      [planned[0]!.id, 'returned', 3],
      [planned[2]!.id, 'returned', 2],
    ]);
    expect((await events()).filter((e) => e.kind === 'rank' && e.reason === 'returned')).toHaveLength(2);

    await app.rituals.outbox.drain();
    const posts = app.slack.sent('chat.postMessage');
    const summary = posts.find((c) => c.args.channel === 'C_TEAM' && /closed/.test(c.args.text))!;
    const text = allText(summary.args);
    expect(text).toContain('Completed 5 of the 10 pts committed (50%)');
    expect(text).toContain('Back to the top of the product backlog (2)');
    // Stakeholders get the sprint-close digest straight away, in their channel.
    await app.slack.waitUntil(() => app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'C_STAKE'));
    expect(allText(app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'C_STAKE')!.args)).toContain('Sprint 1');
    const invites = posts.filter((c) => c.args.text.startsWith('Retrospective for Sprint 1'));
    expect(invites.map((c) => c.args.channel).sort()).toEqual(['U_ALICE', 'U_BOB', 'U_PO', 'U_SM']);

    // Retro: each participant answers in a modal; the summary posts once all have answered.
    for (const user of ['U_ALICE', 'U_BOB', 'U_PO', 'U_SM']) {
      await app.client.blockAction([{ action_id: RETRO.open, value: String(sprint.id) }], { user, channel: `D${user}`, messageTs: '1.1' });
    }
    const opens = await app.slack.waitFor('views.open', 5);
    const retroModal = opens.at(-1)!.args.view;
    const answer = (user: string, well: string) =>
      app.client.viewSubmission(
        retroModal,
        {
          [RETRO.blocks.wentWell]: { [RETRO.action]: textValue(well) },
          [RETRO.blocks.toImprove]: { [RETRO.action]: textValue('') },
          [RETRO.blocks.tryNext]: { [RETRO.action]: textValue('Pair more') },
        },
        { user },
      );
    expect((await answer('U_ALICE', '')).text).toBe('');
    for (const user of ['U_BOB', 'U_PO']) await answer(user, `Focus, said ${user}`);
    await app.rituals.outbox.drain();
    expect(app.slack.sent('chat.postMessage').some((c) => /^Retrospective for Sprint 1: /.test(c.args.text) && c.args.channel === 'C_TEAM')).toBe(false);
    await answer('U_SM', 'Calm sprint');
    await app.rituals.outbox.drain();
    const retro = app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'C_TEAM' && /^Retrospective for Sprint 1: /.test(c.args.text))!;
    expect(allText(retro.args)).toContain('Calm sprint');
    expect(allText(retro.args)).toContain('4 of 4 answered');

    // The next /plan defaults its capacity to the recorded velocity and lists the returned items first.
    await app.client.command('/plan', '', { user: 'U_ALICE' });
    const plan = (await app.slack.waitFor('views.open', 6)).at(-1)!.args.view;
    expect(plan.blocks.find((b: any) => b.block_id === PLAN.blocks.capacity).element.initial_value).toBe('5');
    expect(plan.blocks.find((b: any) => b.block_id === PLAN.blocks.name).element.initial_value).toBe('Sprint 2');
    const candidates = plan.blocks.filter((b: any) => String(b.block_id).startsWith(PLAN.candidatePrefix));
    // A member's row: a not-Ready item is text, a Ready one a labelled checkbox with its facts as the hint.
    const rowText = (row: any) => (row.type === 'input' ? `${row.label.text}\n${row.hint.text}` : row.text.text);
    expect(rowText(candidates[0])).toContain('Planned 1');
    expect(rowText(candidates[0])).toContain('returned, to re-prioritise');
    expect(waiting).toHaveLength(2);
  });

  it('prompts in the team channel on the end date, once across runs and a restart', async () => {
    const { sprint } = await startSprint();
    await app.rituals.scheduler.runAll();
    await app.rituals.outbox.drain();
    const prompts = () => app.slack.sent('chat.postMessage').filter((c) => /ends today/.test(c.args.text));
    expect(prompts()).toHaveLength(0);

    app.clock!.set('2026-12-04T08:00:00Z');
    await app.rituals.scheduler.runAll();
    await app.rituals.outbox.drain();
    expect(prompts()).toHaveLength(0);

    app.clock!.set('2026-12-04T09:30:00Z');
    await app.rituals.scheduler.runAll();
    await app.rituals.scheduler.runAll();
    await app.rituals.outbox.drain();
    await app.restart();
    await app.rituals.scheduler.runAll();
    await app.rituals.outbox.drain();
    expect(prompts()).toHaveLength(1);
    const prompt = prompts()[0]!;
    expect(prompt.args.channel).toBe('C_TEAM');
    const button = prompt.args.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(button).toMatchObject({ action_id: SPRINT.closeOpen, value: String(sprint.id) });

    await app.client.blockAction([{ action_id: SPRINT.closeOpen, value: String(sprint.id) }], {
      user: 'U_BOB',
      channel: 'C_TEAM',
      messageTs: prompt.response.ts,
    });
    const [refusal] = await app.slack.waitFor('chat.postEphemeral');
    expect(refusal!.args.text).toContain('Only the Scrum Master (<@U_SM>) or the Product Owner (<@U_PO>) can close the sprint.');
    await app.client.blockAction([{ action_id: SPRINT.closeOpen, value: String(sprint.id) }], {
      user: 'U_SM',
      channel: 'C_TEAM',
      messageTs: prompt.response.ts,
    });
    const [open] = await app.slack.waitFor('views.open');
    expect(open!.args.view.callback_id).toBe(SPRINT.closeCallbackId);
  });
});
