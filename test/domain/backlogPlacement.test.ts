/**
 * Placement in a large backlog reads only neighbours from the database; this checks it against
 * the whole-list arithmetic it replaced (index in the list without the item, midpoint of its
 * neighbours, re-spacing when they are too close), operation by operation, on 3,000 items.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Repositories } from '../../src/db/repositories/index.js';
import type { Item, NewItem } from '../../src/db/repositories/items.js';
import { MOSCOW, type ItemStatus, type Moscow } from '../../src/db/schema.js';
import type { Move, Placement } from '../../src/domain/backlog.js';
import { EVENT } from '../../src/domain/events.js';
import { createServices } from '../../src/domain/index.js';
import { priorityInsertIndex } from '../../src/domain/prioritisation.js';
import { evenRanks, rankBetween } from '../../src/domain/ranking.js';
import { insertTeam } from '../helpers/testApp.js';
import { openTestStorage, type TestStorage } from '../helpers/testEngine.js';

const SIZE = 3000;
const NOW = Date.parse('2026-11-23T09:00:00Z');

/** A small seeded PRNG, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let test: TestStorage;
let repos: Repositories;
let services: ReturnType<typeof createServices>;
let teamId: number;

async function seed(count: number, status: ItemStatus, item: (i: number) => Partial<NewItem>): Promise<number[]> {
  const first = await repos.teams.allocateItemNumbers(teamId, count);
  const rows: NewItem[] = Array.from({ length: count }, (_, i) => ({
    teamId,
    number: first + i,
    title: `Item ${first + i}`,
    details: '',
    type: 'story',
    source: 'command',
    requesterId: 'U_ALICE',
    suggestedById: 'U_ALICE',
    neededBy: 'Support',
    status,
    createdAt: NOW - 100_000 + first + i,
    updatedAt: NOW,
    ...item(i),
  }));
  return await repos.items.insertMany(rows);
}

const backlog = async (): Promise<Item[]> => await repos.items.listByStatus(teamId, 'backlog');
const rankEvents = async (itemId: number) => (await repos.itemEvents.listForItem(itemId)).filter((event) => event.kind === EVENT.rank);

/** What the whole-list algorithm does: the rank item gets at index among the others, and whether the others are re-spaced. */
function expectedPlacement(others: Item[], index: number): { rank: number; respaced: boolean } {
  const at = Math.max(0, Math.min(index, others.length));
  const rank = rankBetween(others[at - 1]?.rank ?? null, others[at]?.rank ?? null);
  if (rank !== null) return { rank, respaced: false };
  const ranks = evenRanks(others.length);
  return { rank: rankBetween(ranks[at - 1] ?? null, ranks[at] ?? null)!, respaced: true };
}

/** Runs change on item and checks the new order, every rank and the rank event against the whole-list arithmetic. */
async function checkPlacement(
  itemBefore: Item,
  index: (others: Item[], current: number) => number,
  reason: string,
  change: () => Promise<Item>,
): Promise<void> {
  const list = await backlog();
  const others = list.filter((other) => other.id !== itemBefore.id);
  const at = Math.max(
    0,
    Math.min(
      index(
        others,
        list.findIndex((other) => other.id === itemBefore.id),
      ),
      others.length,
    ),
  );
  const expected = expectedPlacement(others, at);
  const eventsBefore = (await rankEvents(itemBefore.id)).length;

  const updated = await change();

  expect(updated.rank).toBe(expected.rank);
  const after = await backlog();
  const expectedOrder = others.map((other) => other.id);
  expectedOrder.splice(at, 0, itemBefore.id);
  // Joined, because deep-comparing 3,000-element arrays dominates the run time.
  expect(after.map((other) => other.id).join()).toBe(expectedOrder.join());
  const othersAfter = after.filter((other) => other.id !== itemBefore.id).map((other) => other.rank);
  expect(othersAfter.join()).toBe(others.map((other, i) => (expected.respaced ? (i + 1) * 1024 : other.rank)).join());
  const events = await rankEvents(itemBefore.id);
  if (expected.rank === itemBefore.rank) {
    expect(events).toHaveLength(eventsBefore);
    return;
  }
  expect(events).toHaveLength(eventsBefore + 1);
  expect(events.at(-1)).toMatchObject({
    teamId,
    actorId: 'U_PO',
    kind: EVENT.rank,
    field: 'rank',
    fromValue: itemBefore.rank === null ? null : String(itemBefore.rank),
    toValue: String(expected.rank),
    reason,
    at: NOW,
  });
}

function moveIndex(move: Move): (others: Item[], current: number) => number {
  switch (move.kind) {
    case 'top':
      return () => 0;
    case 'up':
      return (_, current) => Math.max(0, current - 1);
    case 'down':
      return (_, current) => current + 1;
    case 'to':
      return () => move.position - 1;
  }
}

function placementIndex(placement: Placement, moscow: Moscow | null): (others: Item[]) => number {
  return (others) => (placement === 'top' ? 0 : placement === 'bottom' || !moscow ? others.length : priorityInsertIndex(others, moscow));
}

beforeEach(async () => {
  test = await openTestStorage();
  repos = test.storage.repos;
  services = createServices({ repos, clock: () => new Date(NOW) });
  teamId = (await insertTeam(repos)).id;
  const next = random(7);
  await repos.transaction(async () => {
    await seed(SIZE, 'backlog', (i) => ({
      // Mostly sparse ranks, with pairs of equal ranks (ordered by id) and runs of nearly equal ones (re-spacing).
      rank: i % 500 < 2 ? Math.floor(i / 500) * 1_000_000 : i % 500 < 5 ? Math.floor(i / 500) * 1_000_000 + 1 + (i % 500) * 1e-7 : (i + 1) * 2048,
      moscow: next() < 0.1 ? null : MOSCOW[Math.floor(next() * 3)]!,
    }));
  });
});

afterEach(() => test.close());

describe('backlog placement on a 3,000-item backlog', () => {
  it('moves items exactly as the whole-list arithmetic does, with the same rank events', async () => {
    const next = random(11);
    const moves: Move[] = [
      { kind: 'top' },
      { kind: 'up' },
      { kind: 'down' },
      { kind: 'to', position: 1 },
      { kind: 'to', position: 2 },
      { kind: 'to', position: 1500 },
      { kind: 'to', position: SIZE },
      { kind: 'to', position: SIZE + 50 },
    ];
    // Equal ranks first (ordered by id), before any re-spacing evens them out.
    for (const kind of ['up', 'down', 'up', 'down'] as const) {
      const list = await backlog();
      // Up from the second of a pair, down from the first: its tied neighbour is the one it passes.
      const tied = list.findIndex((other, i) => i > 400 && other.rank === list[i + (kind === 'up' ? -1 : 1)]?.rank);
      expect(tied).toBeGreaterThan(0);
      await checkPlacement(list[tied]!, moveIndex({ kind }), kind, () => services.backlog.move(teamId, list[tied]!.id, 'U_PO', { kind }));
    }
    for (let step = 0; step < 25; step += 1) {
      const list = await backlog();
      // The ends and tied or crowded neighbours are where index arithmetic goes wrong.
      const pick = [0, 1, list.length - 1, list.length - 2, Math.floor(next() * list.length)][step % 5]!;
      const item = list[pick]!;
      const move = moves[Math.floor(next() * moves.length)]!;
      const reason = move.kind === 'to' ? `to ${move.position}` : move.kind;
      await checkPlacement(item, moveIndex(move), reason, () => services.backlog.move(teamId, item.id, 'U_PO', move));
    }
    for (const item of (await backlog()).filter((other) => other.rank !== null && other.rank % 1 !== 0).slice(0, 4)) {
      await checkPlacement(item, moveIndex({ kind: 'up' }), 'up', () => services.backlog.move(teamId, item.id, 'U_PO', { kind: 'up' }));
    }
  });

  it('accepts from triage and revives from the icebox at the same places as before, with the same events', async () => {
    const inbox = await seed(30, 'inbox', () => ({}));
    const icebox = await seed(6, 'icebox', (i) => ({ moscow: [null, 'must', 'should', 'could', 'wont', 'must'][i] as Moscow | null }));
    const next = random(13);
    for (const [i, id] of inbox.entries()) {
      const placement = (['top', 'priority', 'bottom'] as const)[i % 3]!;
      const moscow = MOSCOW[Math.floor(next() * MOSCOW.length)]!;
      const item = (await repos.items.findById(id))!;
      await checkPlacement(item, placementIndex(placement, moscow), placement, () =>
        services.triage.decide(teamId, id, 'U_PO', {
          decision: 'accept',
          type: 'story',
          moscow,
          businessValue: null,
          timeCriticality: null,
          riskReduction: null,
          jobSize: null,
          storyPoints: null,
          position: placement,
          note: '',
        }),
      );
      expect((await repos.items.findById(id))!.status).toBe('backlog');
    }
    for (const id of icebox) {
      const item = (await repos.items.findById(id))!;
      await checkPlacement(item, placementIndex('priority', item.moscow), item.moscow ? 'priority' : 'bottom', () =>
        services.backlog.revive(teamId, id, 'U_PO'),
      );
    }
  });

  it('gives the edit form the position listWithReadiness shows, ties included', async () => {
    const listed = await services.backlog.listWithReadiness(teamId);
    for (const entry of [listed[0]!, listed[1]!, listed[2]!, listed[3]!, listed[1499]!, listed.at(-1)!]) {
      expect(await services.backlog.position(teamId, entry.item.id)).toBe(entry.position);
    }
    const [inboxId] = await seed(1, 'inbox', () => ({}));
    expect(await services.backlog.position(teamId, inboxId!)).toBeNull();
  });
});
