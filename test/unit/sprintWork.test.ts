import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { sprintsTable } from '../../src/db/schema.js';
import { setItemWorkState } from '../../src/domain/sprintWork.js';

let handle: DbHandle;
afterEach(() => handle?.close());

function setup() {
  handle = openDatabase(':memory:');
  const repos = createRepositories(handle);
  const clock = () => new Date('2026-11-23T10:00:00Z');
  const team = repos.teams.insert({ slackTeamId: 'T1', name: 'P', teamChannelId: 'C1', createdAt: 0, updatedAt: 0 });
  const sprint = handle.db
    .insert(sprintsTable)
    .values({ teamId: team.id, number: 1, name: 'S1', goal: 'g', startDate: '2026-11-16', endDate: '2026-11-27', status: 'active', startedBy: 'U1', startedAt: 0 })
    .returning()
    .get();
  const base = { teamId: team.id, title: 't', source: 'command' as const, requesterId: 'U1', suggestedById: 'U1', createdAt: 0, updatedAt: 0 };
  const inSprint = repos.items.insert({ ...base, number: 1, status: 'in_sprint', sprintId: sprint.id, storyPoints: 5 });
  const backlog = repos.items.insert({ ...base, number: 2, status: 'backlog' });
  return { repos, clock, sprint, inSprint, backlog };
}

describe('setItemWorkState', () => {
  it('moves an item through the states with one work_state event each, done <-> in_sprint', () => {
    const { repos, clock, sprint, inSprint } = setup();
    const deps = { repos, clock };
    expect(setItemWorkState(deps, { itemId: inSprint.id, state: 'todo', actorId: 'U1', source: 'standup' }).changed).toBe(false);
    expect(setItemWorkState(deps, { itemId: inSprint.id, state: 'done', actorId: 'U1', source: 'standup' }).item).toMatchObject({ workState: 'done', status: 'done' });
    expect(setItemWorkState(deps, { itemId: inSprint.id, state: 'in_progress', actorId: 'U2', source: 'home' }).item).toMatchObject({ workState: 'in_progress', status: 'in_sprint' });
    expect(repos.itemEvents.listForItem(inSprint.id)).toMatchObject([
      { kind: 'work_state', field: 'work_state', fromValue: 'todo', toValue: 'done', sprintId: sprint.id, points: 5, reason: 'standup', actorId: 'U1' },
      { kind: 'work_state', field: 'work_state', fromValue: 'done', toValue: 'in_progress', sprintId: sprint.id, points: 5, reason: 'home', actorId: 'U2' },
    ]);
  });

  it('refuses items that are not in a sprint, and unknown items', () => {
    const { repos, clock, backlog } = setup();
    expect(() => setItemWorkState({ repos, clock }, { itemId: backlog.id, state: 'done', actorId: 'U1', source: 'standup' })).toThrow(/sprint/);
    expect(() => setItemWorkState({ repos, clock }, { itemId: 999, state: 'done', actorId: 'U1', source: 'standup' })).toThrow();
    expect(repos.itemEvents.listForItem(backlog.id)).toEqual([]);
  });
});
