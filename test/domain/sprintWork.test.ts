import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { sprintsTable } from '../../src/db/schema.js';
import { createSprintWorkService } from '../../src/domain/sprintWork.js';

let handle: DbHandle;
afterEach(() => handle?.close());

function setup() {
  handle = openDatabase(':memory:');
  const repos = createRepositories(handle);
  const clock = () => new Date('2026-11-23T10:00:00Z');
  const team = repos.teams.insert({ slackTeamId: 'T1', name: 'P', teamChannelId: 'C1', createdAt: 0, updatedAt: 0 });
  repos.teams.replaceMembers(team.id, ['U1', 'U2']);
  const sprint = handle.db
    .insert(sprintsTable)
    .values({ teamId: team.id, number: 1, name: 'S1', goal: 'g', startDate: '2026-11-16', endDate: '2026-11-27', status: 'active', startedBy: 'U1', startedAt: 0 })
    .returning()
    .get();
  const base = { teamId: team.id, title: 't', source: 'command' as const, requesterId: 'U1', suggestedById: 'U1', createdAt: 0, updatedAt: 0 };
  const inSprint = repos.items.insert({ ...base, number: 1, status: 'in_sprint', sprintId: sprint.id, storyPoints: 5 });
  const backlog = repos.items.insert({ ...base, number: 2, status: 'backlog' });
  const work = createSprintWorkService({ repos, clock });
  return { repos, work, sprint, inSprint, backlog };
}

const actor = (userId: string) => ({ userId, isWorkspaceAdmin: false });

describe('sprintWork.setItemState', () => {
  it('moves an item through the states with a work_state event each (and status events), done <-> in_sprint', () => {
    const { repos, work, sprint, inSprint } = setup();
    expect(work.setItemState(inSprint.id, 'todo', actor('U1'), 'standup')).toMatchObject({ workState: null });
    expect(work.setItemState(inSprint.id, 'done', actor('U1'), 'standup')).toMatchObject({ workState: 'done', status: 'done' });
    expect(work.setItemState(inSprint.id, 'in_progress', actor('U2'), 'home')).toMatchObject({ workState: 'in_progress', status: 'in_sprint' });
    expect(repos.itemEvents.listForItem(inSprint.id)).toMatchObject([
      { kind: 'work_state', field: 'work_state', fromValue: 'todo', toValue: 'done', sprintId: sprint.id, points: 5, reason: 'standup', actorId: 'U1' },
      { kind: 'status', fromValue: 'in_sprint', toValue: 'done', sprintId: sprint.id },
      { kind: 'work_state', field: 'work_state', fromValue: 'done', toValue: 'in_progress', sprintId: sprint.id, points: 5, reason: 'home', actorId: 'U2' },
      { kind: 'status', fromValue: 'done', toValue: 'in_sprint' },
    ]);
  });

  it('refuses items that are not in the sprint, unknown items and people outside the team', () => {
    const { repos, work, backlog, inSprint } = setup();
    expect(() => work.setItemState(backlog.id, 'done', actor('U1'), 'standup')).toThrow(/sprint/);
    expect(() => work.setItemState(999, 'done', actor('U1'), 'standup')).toThrow();
    expect(() => work.setItemState(inSprint.id, 'done', actor('U_OUT'), 'standup')).toThrow();
    expect(repos.itemEvents.listForItem(backlog.id)).toEqual([]);
  });
});
