/**
 * The serial gate over a real connection: a transaction held open across awaits is alone on it,
 * its rollback undoes only its own writes, nested ones are savepoints, and waiting work runs in
 * arrival order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/client.js';
import { openSqliteStorage, type SqliteStorage } from '../../src/db/engine/sqlite.js';
import type { Repositories } from '../../src/db/repositories/index.js';
import type { NewTeam } from '../../src/db/repositories/teams.js';

// The serial gate is how SQLite's one connection is shared (PostgreSQL has a pool): SQLite only.
let storage: SqliteStorage;
let handle: DbHandle;
let repos: Repositories;
beforeEach(() => {
  storage = openSqliteStorage(':memory:');
  handle = storage.handle;
  repos = storage.repos;
});
afterEach(() => storage.close());

/** A team row named `name` (its own channel, so names never collide). */
const team = (name: string): NewTeam => ({
  slackTeamId: 'T1',
  name,
  teamChannelId: `C_${name.replace(/\W/g, '_')}`,
  productOwnerId: 'U_PO',
  scrumMasterId: 'U_SM',
  createdAt: 0,
  updatedAt: 0,
});

/** Lets every pending callback and timer-free promise chain run. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A promise the test resolves when it says so. */
function latch(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Team names in the order their rows were written (ids grow with each insert). */
const namesInWriteOrder = async () => (await repos.teams.listAll()).sort((a, b) => a.id - b.id).map((row) => row.name);

describe('serial gate', () => {
  it('makes a call from outside wait while a transaction is open across awaits, and it sees only committed data', async () => {
    const held = latch();
    const steps: string[] = [];
    const transaction = repos.transaction(async () => {
      await repos.teams.insert(team('Inside'));
      steps.push('transaction wrote');
      await held.wait;
      await repos.teams.insert(team('Inside 2'));
      steps.push('transaction done');
    });
    await tick();
    expect(steps).toEqual(['transaction wrote']);
    // The uncommitted row is on the connection (a raw read sees it); the gated read must not.
    expect(handle.sqlite.prepare('SELECT count(*) AS n FROM teams').get()).toEqual({ n: 1 });
    const outside = repos.teams.listAll().then((rows) => {
      steps.push('outside read');
      return rows.map((row) => row.name).sort();
    });
    await tick();
    await tick();
    expect(steps).toEqual(['transaction wrote']);

    held.open();
    await transaction;
    expect(await outside).toEqual(['Inside', 'Inside 2']);
    expect(steps).toEqual(['transaction wrote', 'transaction done', 'outside read']);
  });

  it('lets a waiting outside read see nothing of a transaction that rolls back', async () => {
    const held = latch();
    const transaction = repos.transaction(async () => {
      await repos.teams.insert(team('Doomed'));
      await held.wait;
      throw new Error('changed my mind');
    });
    await tick();
    const outside = repos.teams.listAll();
    held.open();
    await expect(transaction).rejects.toThrow('changed my mind');
    expect(await outside).toEqual([]);
  });

  it('undoes only its own writes on rollback: an outside write made during it survives', async () => {
    await repos.teams.insert(team('Before'));
    const held = latch();
    const transaction = repos.transaction(async () => {
      await repos.teams.insert(team('Doomed'));
      await held.wait;
      await repos.teams.insert(team('Doomed 2'));
      throw new Error('changed my mind');
    });
    await tick();
    const outsideWrite = repos.teams.insert(team('Outside'));
    await tick();
    held.open();
    await expect(transaction).rejects.toThrow('changed my mind');
    expect((await outsideWrite).name).toBe('Outside');
    expect(await namesInWriteOrder()).toEqual(['Before', 'Outside']);
    // The connection is out of the transaction: a later one works.
    await repos.transaction(async () => {
      await repos.teams.insert(team('After'));
    });
    expect(await namesInWriteOrder()).toEqual(['Before', 'Outside', 'After']);
    expect(handle.sqlite.inTransaction).toBe(false);
  });

  it('turns a nested transaction into a savepoint: an inner throw caught by the outer undoes only the inner writes', async () => {
    const result = await repos.transaction(async () => {
      await repos.teams.insert(team('Outer'));
      await expect(
        repos.transaction(async () => {
          await repos.teams.insert(team('Inner'));
          await tick();
          await repos.teams.insert(team('Inner 2'));
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
      const kept = await repos.transaction(async () => {
        await repos.teams.insert(team('Inner kept'));
        return 'kept';
      });
      await repos.teams.insert(team('Outer 2'));
      return kept;
    });
    expect(result).toBe('kept');
    expect(await namesInWriteOrder()).toEqual(['Outer', 'Inner kept', 'Outer 2']);
    expect(handle.sqlite.inTransaction).toBe(false);
  });

  it('undoes a committed savepoint too when the outer transaction throws', async () => {
    await expect(
      repos.transaction(async () => {
        await repos.teams.insert(team('Outer'));
        await repos.transaction(async () => {
          await repos.teams.insert(team('Inner'));
        });
        throw new Error('outer failed');
      }),
    ).rejects.toThrow('outer failed');
    expect(await namesInWriteOrder()).toEqual([]);
  });

  it('runs waiting calls and transactions in arrival order (FIFO), each transaction alone', async () => {
    const held = latch();
    const first = repos.transaction(async () => {
      await repos.teams.insert(team('A'));
      await held.wait;
      await repos.teams.insert(team('A2'));
    });
    await tick();
    const call1 = repos.teams.insert(team('call 1'));
    const second = repos.transaction(async () => {
      await repos.teams.insert(team('B'));
      await tick();
      await repos.teams.insert(team('B2'));
    });
    const call2 = repos.teams.insert(team('call 2'));
    const read = repos.teams.listAll().then((rows) => rows.sort((a, b) => a.id - b.id).map((row) => row.name));
    const third = repos.transaction(async () => {
      await repos.teams.insert(team('C'));
    });
    const call3 = repos.teams.insert(team('call 3'));
    await tick();
    // Nothing queued has run yet (a raw read: a gated one would queue too).
    expect(handle.sqlite.prepare('SELECT name FROM teams ORDER BY id').all()).toEqual([{ name: 'A' }]);

    held.open();
    await Promise.all([first, call1, second, call2, read, third, call3]);
    expect(await namesInWriteOrder()).toEqual(['A', 'A2', 'call 1', 'B', 'B2', 'call 2', 'C', 'call 3']);
    // The read queued behind the second transaction saw it committed, and nothing that came after.
    expect(await read).toEqual(['A', 'A2', 'call 1', 'B', 'B2', 'call 2']);
  });
});
