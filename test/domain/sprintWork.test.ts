import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSprintWorkService } from '../../src/domain/sprintWork.js';
import type { Item } from '../../src/db/repositories/items.js';
import type { Sprint } from '../../src/db/repositories/sprints.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { actor as actorOf, caught, useDomainHarness } from '../helpers/domainHarness.js';
import { openTestStorage, type TestStorage } from '../helpers/testEngine.js';

let test: TestStorage | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

async function setup() {
  test = await openTestStorage();
  const repos = test.storage.repos;
  const clock = () => new Date('2026-11-23T10:00:00Z');
  const team = await repos.teams.insert({ slackTeamId: 'T1', name: 'P', teamChannelId: 'C1', createdAt: 0, updatedAt: 0 });
  await repos.teams.replaceMembers(team.id, ['U1', 'U2']);
  const sprint = await repos.sprints.insert({
    teamId: team.id,
    number: 1,
    name: 'S1',
    goal: 'g',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    status: 'active',
    startedBy: 'U1',
    startedAt: 0,
  });
  const base = { teamId: team.id, title: 't', source: 'command' as const, requesterId: 'U1', suggestedById: 'U1', createdAt: 0, updatedAt: 0 };
  const inSprint = await repos.items.insert({ ...base, number: 1, status: 'in_sprint', sprintId: sprint.id, storyPoints: 5 });
  const backlog = await repos.items.insert({ ...base, number: 2, status: 'backlog' });
  const work = createSprintWorkService({ repos, clock });
  return { repos, work, sprint, inSprint, backlog };
}

const actor = (userId: string) => ({ userId, isWorkspaceAdmin: false });

describe('sprintWork.setItemState', () => {
  it('moves an item through the states with a work_state event each (and status events), done <-> in_sprint', async () => {
    const { repos, work, sprint, inSprint } = await setup();
    expect(await work.setItemState(inSprint.id, 'todo', actor('U1'), 'standup')).toMatchObject({ workState: null });
    expect(await work.setItemState(inSprint.id, 'done', actor('U1'), 'standup')).toMatchObject({ workState: 'done', status: 'done' });
    expect(await work.setItemState(inSprint.id, 'in_progress', actor('U2'), 'home')).toMatchObject({ workState: 'in_progress', status: 'in_sprint' });
    expect(await repos.itemEvents.listForItem(inSprint.id)).toMatchObject([
      { kind: 'work_state', field: 'work_state', fromValue: 'todo', toValue: 'done', sprintId: sprint.id, points: 5, reason: 'standup', actorId: 'U1' },
      { kind: 'status', fromValue: 'in_sprint', toValue: 'done', sprintId: sprint.id },
      { kind: 'work_state', field: 'work_state', fromValue: 'done', toValue: 'in_progress', sprintId: sprint.id, points: 5, reason: 'home', actorId: 'U2' },
      { kind: 'status', fromValue: 'done', toValue: 'in_sprint' },
    ]);
  });

  it('refuses items that are not in the sprint, unknown items and people outside the team', async () => {
    const { repos, work, backlog, inSprint } = await setup();
    await expect(work.setItemState(backlog.id, 'done', actor('U1'), 'standup')).rejects.toThrow(/sprint/);
    await expect(work.setItemState(999, 'done', actor('U1'), 'standup')).rejects.toThrow();
    await expect(work.setItemState(inSprint.id, 'done', actor('U_OUT'), 'standup')).rejects.toThrow();
    expect(await repos.itemEvents.listForItem(backlog.id)).toEqual([]);
  });
});

describe('the sprint board (tasks and assignment)', () => {
  const h = useDomainHarness();
  let team: Team;
  let sprint: Sprint;
  let item: Item;
  beforeEach(async () => {
    team = await h.team();
    sprint = await h.sprint(team);
    item = await h.item(team, { title: 'Login form', status: 'in_sprint', sprintId: sprint.id, workState: 'todo', storyPoints: 5 });
  });

  const work = () => h.services.sprintWork;

  describe('the sprint board', () => {
    it('lets members assign themselves, logged as a field event', async () => {
      expect((await work().assignItem(item.id, 'U_BOB', actorOf('U_BOB'))).assigneeId).toBe('U_BOB');
      expect((await work().assignItem(item.id, 'U_BOB', actorOf('U_BOB'))).assigneeId).toBe('U_BOB');
      expect((await work().assignItem(item.id, null, actorOf('U_SM'))).assigneeId).toBeNull();
      expect(await h.repos.itemEvents.listForItem(item.id)).toMatchObject([
        { kind: 'field', field: 'assignee_id', fromValue: null, toValue: 'U_BOB', sprintId: sprint.id, actorId: 'U_BOB' },
        { kind: 'field', field: 'assignee_id', fromValue: 'U_BOB', toValue: null, actorId: 'U_SM' },
      ]);
    });

    it('breaks an item into tasks (one per non-empty line) and moves them, each change a task event', async () => {
      const tasks = await work().addTasks(item.id, ['  Write   the form ', '', 'Wire the API'], actorOf('U_ALICE'));
      expect(tasks.map((task) => [task.title, task.state])).toEqual([
        ['Write the form', 'todo'],
        ['Wire the API', 'todo'],
      ]);
      expect((await work().setTaskState(tasks[0]!.id, 'done', actorOf('U_BOB'))).state).toBe('done');
      expect((await work().assignTask(tasks[1]!.id, 'U_ALICE', actorOf('U_ALICE'))).assigneeId).toBe('U_ALICE');
      expect((await h.repos.itemEvents.listForItem(item.id)).map((e) => `${e.kind}:${e.fromValue}->${e.toValue}:${e.reason}`)).toEqual([
        'task:null->todo:Write the form',
        'task:null->todo:Wire the API',
        'task:todo->done:Write the form',
      ]);
    });

    it.each([
      ['no task', ['  ', '']],
      ['a task over 150 characters', ['x'.repeat(151)]],
      ['more than 20 tasks on an item', Array.from({ length: 21 }, (_, i) => `Task ${i}`)],
    ])('refuses %s', async (_, titles) => {
      expect(await caught(() => work().addTasks(item.id, titles, actorOf('U_ALICE')))).toMatchObject({ code: 'sprint.invalid' });
      expect(await h.repos.tasks.listForItems([item.id])).toEqual([]);
    });

    it('refuses outsiders, items outside the running sprint and unknown tasks', async () => {
      expect(await caught(() => work().assignItem(item.id, 'U_STRANGER', actorOf('U_STRANGER')))).toMatchObject({
        code: 'sprint.not_member',
        details: { action: 'sprint.board' },
      });
      const waiting = await h.item(team, { title: 'Later' });
      expect(await caught(() => work().addTasks(waiting.id, ['Plan'], actorOf('U_ALICE')))).toMatchObject({ code: 'item.wrong_status' });
      expect(await caught(() => work().setTaskState(999, 'done', actorOf('U_ALICE')))).toMatchObject({ code: 'task.not_found' });
      await h.repos.sprints.update(sprint.id, { status: 'closed' });
      expect(await caught(() => work().setItemState(item.id, 'done', actorOf('U_ALICE'), 'sprint'))).toMatchObject({ code: 'sprint.none_active' });
    });
  });
});
