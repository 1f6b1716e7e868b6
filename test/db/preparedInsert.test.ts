import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage, type SqliteStorage } from '../../src/db/engine/sqlite.js';
import { itemEventsTable, itemsTable } from '../../src/db/schema.js';
import { insertTeam } from '../helpers/testApp.js';

// Prepared inserts are a SQLite-only optimisation (better-sqlite3 statements), so this file stays on SQLite.
let storage: SqliteStorage | null = null;
afterEach(async () => {
  await storage?.close();
  storage = null;
});

function repositories() {
  storage = openSqliteStorage(':memory:');
  return { db: storage.handle.db, repos: storage.repos };
}

const AT = Date.UTC(2026, 10, 30, 9);
const item = (teamId: number, number: number) => ({
  teamId,
  number,
  title: `Export times out #${number}`,
  source: 'command' as const,
  requesterId: 'U_BOB',
  suggestedById: 'U_BOB',
  createdAt: AT,
  updatedAt: AT,
});

describe('prepared single-row inserts', () => {
  it('store the same row as drizzle inserting it anew: defaults for what the row leaves out', async () => {
    const { db, repos } = repositories();
    const team = await insertTeam(repos);
    const prepared = await repos.items.insert(item(team.id, 1));
    const plain = db.insert(itemsTable).values(item(team.id, 2)).returning().get();
    expect({ ...prepared, id: 0, number: 0, title: '' }).toEqual({ ...plain, id: 0, number: 0, title: '' });
    expect(prepared).toMatchObject({ details: '', type: 'story', status: 'inbox', neededBy: '', needsReprioritisation: false, urgency: null, rank: null });
  });

  it('bind what the row gives, through the column types (booleans, reals), and forget it for the next row', async () => {
    const { repos } = repositories();
    const team = await insertTeam(repos);
    const first = await repos.items.insert({ ...item(team.id, 1), needsReprioritisation: true, storyPoints: 2.5, urgency: 'high' });
    const second = await repos.items.insert(item(team.id, 2));
    expect(first).toMatchObject({ needsReprioritisation: true, storyPoints: 2.5, urgency: 'high' });
    expect(second).toMatchObject({ needsReprioritisation: false, storyPoints: null, urgency: null });
  });

  it('append and record item events, each with its own id', async () => {
    const { db, repos } = repositories();
    const team = await insertTeam(repos);
    const { id: itemId } = await repos.items.insert(item(team.id, 1));
    await repos.itemEvents.append({ teamId: team.id, itemId, actorId: 'U_PO', kind: 'created', at: AT });
    const recorded = await repos.itemEvents.record({ teamId: team.id, itemId, actorId: 'U_PO', kind: 'field', field: 'title', toValue: 'x', at: AT + 1 });
    const rows = db.select().from(itemEventsTable).all();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(recorded);
    expect(rows[0]).toMatchObject({ kind: 'created', field: null, sprintId: null, points: null });
  });
});
