/**
 * Several instances on one database (issue #14): team changes that read, check and write never lose
 * an update across instances. On PostgreSQL two Storage instances (two pools, READ COMMITTED) share
 * one fresh schema; on SQLite one storage serves both (one instance per file), and the concurrency
 * comes from interleaved awaits. Each instance has its own services, as each process would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../src/db/engine/postgres.js';
import type { Storage } from '../../src/db/engine/storage.js';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { createServices, type Services } from '../../src/domain/index.js';
import { isDomainError } from '../../src/domain/errors.js';
import { createTestClock } from '../helpers/clock.js';
import { actor, READY_DETAILS } from '../helpers/domainHarness.js';
import { insertTeam } from '../helpers/teams.js';
import { freshPgSchema, onPostgres, openTestStorage } from '../helpers/testEngine.js';

interface Instance {
  storage: Storage;
  services: Services;
}

let instances: [Instance, Instance];
let closeAll: (() => Promise<void>) | undefined;

// One database for the file (migrating a schema is slow on a busy machine); each test has its own team.
beforeAll(async () => {
  const clock = createTestClock('2026-11-23T09:00:00Z');
  const instanceOver = (storage: Storage): Instance => ({ storage, services: createServices({ repos: storage.repos, clock }) });
  if (onPostgres()) {
    const schema = await freshPgSchema();
    const a = await openPostgresStorage(schema.url, { poolSize: 4 });
    const b = await openPostgresStorage(schema.url, { poolSize: 4 });
    instances = [instanceOver(a), instanceOver(b)];
    closeAll = async () => {
      await a.close();
      await b.close();
      await schema.drop();
    };
  } else {
    const test = await openTestStorage();
    instances = [instanceOver(test.storage), instanceOver(test.storage)];
    closeAll = () => test.close();
  }
}, 120_000);
afterAll(async () => closeAll?.());

const repos = () => instances[0].storage.repos;
/** The instance serving the i-th request. */
const via = (i: number): Services => instances[i % 2]!.services;

const VOTERS = Array.from({ length: 16 }, (_, i) => `U_V${String(i).padStart(2, '0')}`);

let teams = 0;
async function seedTeam(): Promise<Team> {
  teams += 1;
  return await insertTeam(repos(), {
    teamChannelId: `C_TEAM${teams}`,
    triageChannelId: `C_TRIAGE${teams}`,
    members: ['U_ALICE', 'U_BOB', 'U_PO', 'U_SM', ...VOTERS],
  });
}

async function seedItem(team: Team, status: Item['status'], title: string): Promise<Item> {
  const at = Date.parse('2026-11-23T09:00:00Z');
  const bottom = status === 'backlog' ? ((await repos().items.rankBounds(team.id, 'backlog')).max ?? 0) + 1024 : null;
  return await repos().items.insert({
    teamId: team.id,
    number: await repos().teams.allocateItemNumber(team.id),
    title,
    details: READY_DETAILS,
    type: 'story',
    status,
    source: 'command',
    requesterId: 'U_ALICE',
    suggestedById: 'U_ALICE',
    rank: bottom,
    createdAt: at,
    updatedAt: at,
  });
}

const accept = (position: 'top' | 'priority' | 'bottom') => ({
  decision: 'accept',
  type: 'story',
  moscow: 'should',
  businessValue: null,
  timeCriticality: null,
  riskReduction: null,
  jobSize: null,
  storyPoints: null,
  position,
  note: '',
});

interface EventRow {
  id: number;
  item_id: number;
  kind: string;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
}

async function eventsOf(team: Team, kind: string): Promise<EventRow[]> {
  return await instances[0].storage.query<EventRow>(
    'SELECT id, item_id, kind, field, from_value, to_value FROM item_events WHERE team_id = ? AND kind = ? ORDER BY id',
    [team.id, kind],
  );
}

/** Every request settles; the domain refusals are returned, anything else fails the test. */
async function settle<T>(requests: Promise<T>[]): Promise<(T | Error)[]> {
  const results = await Promise.allSettled(requests);
  return results.map((result) => {
    if (result.status === 'fulfilled') return result.value;
    if (isDomainError(result.reason)) return result.reason as Error;
    throw result.reason;
  });
}

describe('two instances on one database', () => {
  it('concurrent triage accepts and backlog moves lose no update and never share a rank', async () => {
    const team = await seedTeam();
    const backlog: Item[] = [];
    for (let i = 0; i < 8; i += 1) backlog.push(await seedItem(team, 'backlog', `Backlog ${i}`));
    const inbox: Item[] = [];
    for (let i = 0; i < 8; i += 1) inbox.push(await seedItem(team, 'inbox', `Inbox ${i}`));
    const positions = ['top', 'priority', 'bottom'] as const;
    const moves = [{ kind: 'top' }, { kind: 'up' }, { kind: 'down' }, { kind: 'to', position: 3 }] as const;
    const requests: Promise<unknown>[] = [];
    for (let i = 0; i < 8; i += 1) {
      requests.push(via(i).triage.decide(team.id, inbox[i]!.id, 'U_PO', accept(positions[i % 3]!)));
      requests.push(via(i + 1).backlog.move(team.id, backlog[i]!.id, 'U_PO', moves[i % 4]!));
      requests.push(via(i).backlog.move(team.id, backlog[7 - i]!.id, 'U_PO', { kind: 'top' }));
    }
    const results = await settle(requests);
    expect(results.filter((result) => result instanceof Error)).toEqual([]);

    const items = await repos().items.listByStatus(team.id, 'backlog');
    // Nothing lost: every accepted item is in the backlog, next to the ones that were there.
    expect(items.map((item) => item.id).sort((a, b) => a - b)).toEqual([...backlog, ...inbox].map((item) => item.id).sort((a, b) => a - b));
    const ranks = items.map((item) => item.rank);
    expect(ranks.every((rank) => rank !== null)).toBe(true);
    expect(new Set(ranks).size).toBe(items.length);
    // Every item is where its last move put it: its rank is the one its latest rank event wrote.
    const lastRank = new Map<number, string | null>();
    for (const event of await eventsOf(team, 'rank')) lastRank.set(event.item_id, event.to_value);
    for (const item of items) {
      if (lastRank.has(item.id)) expect([item.id, String(item.rank)]).toEqual([item.id, lastRank.get(item.id)]);
    }
    // Each inbox item was accepted once.
    const accepted = (await eventsOf(team, 'status')).filter((event) => event.from_value === 'inbox' && event.to_value === 'backlog');
    expect(accepted.map((event) => event.item_id).sort((a, b) => a - b)).toEqual(inbox.map((item) => item.id).sort((a, b) => a - b));
  });

  it('two identical accepts from two instances accept the item once', async () => {
    const team = await seedTeam();
    await seedItem(team, 'backlog', 'Already there');
    const suggestion = await seedItem(team, 'inbox', 'Export to CSV');
    const results = await settle([0, 1, 2, 3].map((i) => via(i).triage.decide(team.id, suggestion.id, 'U_PO', accept('top'))));
    expect(results.filter((result) => !(result instanceof Error))).toHaveLength(1);
    for (const refused of results.filter((result) => result instanceof Error)) {
      expect(refused).toMatchObject({ code: 'item.wrong_status', details: { reason: 'item.already_triaged' } });
    }
    expect((await eventsOf(team, 'status')).filter((event) => event.item_id === suggestion.id)).toHaveLength(1);
    const outcomes = await instances[0].storage.query<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE team_id = ? AND kind = 'triage.outcome'", [
      team.id,
    ]);
    expect(Number(outcomes[0]!.n)).toBe(1);
    const items = await repos().items.listByStatus(team.id, 'backlog');
    expect(items.map((item) => item.title)).toEqual(['Export to CSV', 'Already there']);
  });

  it('two identical moves from two instances move the item once', async () => {
    const team = await seedTeam();
    const items: Item[] = [];
    for (let i = 0; i < 5; i += 1) items.push(await seedItem(team, 'backlog', `Item ${i}`));
    const last = items[4]!;
    const results = await settle([0, 1, 2, 3].map((i) => via(i).backlog.move(team.id, last.id, 'U_PO', { kind: 'to', position: 2 })));
    expect(results.filter((result) => result instanceof Error)).toEqual([]);
    const order = (await repos().items.listByStatus(team.id, 'backlog')).map((item) => item.title);
    expect(order).toEqual(['Item 0', 'Item 4', 'Item 1', 'Item 2', 'Item 3']);
    expect((await eventsOf(team, 'rank')).filter((event) => event.item_id === last.id)).toHaveLength(1);
  });

  it('counts every poker vote cast at once across instances', async () => {
    const team = await seedTeam();
    const item = await seedItem(team, 'backlog', 'Password reset');
    const { session } = await via(0).poker.start(team.id, item.number, actor('U_ALICE'));
    const cards = ['1', '2', '3', '5', '8', '13'];
    const results = await settle(VOTERS.map((userId, i) => via(i).poker.vote(session.id, 1, cards[i % cards.length]!, actor(userId))));
    expect(results.filter((result) => result instanceof Error)).toEqual([]);
    const revealed = await via(1).poker.reveal(session.id, actor('U_ALICE'));
    expect(revealed.votes.map((vote) => vote.userId).sort()).toEqual([...VOTERS].sort());
  });

  it('a vote racing the reveal lands in the round or is refused, never after it', async () => {
    const team = await seedTeam();
    const item = await seedItem(team, 'backlog', 'Password reset');
    const { session } = await via(0).poker.start(team.id, item.number, actor('U_ALICE'));
    await via(0).poker.vote(session.id, 1, '5', actor('U_BOB'));
    const [vote] = await settle([via(1).poker.vote(session.id, 1, '8', actor('U_V00')), via(0).poker.reveal(session.id, actor('U_ALICE'))]);
    const shown = await via(0).poker.state(session.id);
    const counted = shown.votes.some((v) => v.userId === 'U_V00');
    if (vote instanceof Error) {
      expect(vote).toMatchObject({ code: 'poker.closed', details: { reason: 'poker.round_ended' } });
      expect(counted).toBe(false);
    } else {
      expect(counted).toBe(true);
    }
  });

  it('two identical work moves and sprint adds from two instances take effect once', async () => {
    const team = await seedTeam();
    const sprint = await repos().sprints.insert({
      teamId: team.id,
      number: 1,
      name: 'Sprint 1',
      goal: 'Ship it',
      startDate: '2026-11-16',
      endDate: '2026-11-27',
      status: 'active',
      startedBy: 'U_SM',
      startedAt: 0,
    });
    const planned = await seedItem(team, 'backlog', 'Planned');
    await repos().items.update(planned.id, { status: 'in_sprint', sprintId: sprint.id, workState: 'todo' });
    const moved = await settle([0, 1, 2, 3].map((i) => via(i).sprintWork.setItemState(planned.id, 'in_progress', actor('U_BOB'), 'sprint')));
    expect(moved.filter((result) => result instanceof Error)).toEqual([]);
    const workEvents = (await eventsOf(team, 'work_state')).filter((event) => event.item_id === planned.id);
    expect(workEvents.map((event) => [event.from_value, event.to_value])).toEqual([['todo', 'in_progress']]);

    const urgent = await seedItem(team, 'backlog', 'Urgent fix');
    const added = await settle([0, 1, 2, 3].map((i) => via(i).sprints.addToActiveSprint(urgent.id, actor('U_PO'), { override: 'Production is down' })));
    expect(added.filter((result) => !(result instanceof Error))).toHaveLength(1);
    for (const refused of added.filter((result) => result instanceof Error)) {
      expect(refused).toMatchObject({ code: 'item.wrong_status', details: { reason: 'sprint.item_already_in' } });
    }
    expect((await eventsOf(team, 'sprint_added')).filter((event) => event.item_id === urgent.id)).toHaveLength(1);
  });
});
