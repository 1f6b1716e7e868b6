import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../src/db/engine/postgres.js';
import { createEventInboxRepository, type EventInboxRepository, type EventRetryPolicy, LEASE_EXHAUSTED_ERROR } from '../../src/db/repositories/eventInbox.js';
import { freshPgSchema, onPostgres, openTestAccess } from '../helpers/testEngine.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LEASE = 10_000;
// Backoff of 1 s, 2 s, 3 s... over 3 attempts: small numbers to read in the assertions.
const RETRY: EventRetryPolicy = { maxAttempts: 3, backoffMs: (attempt) => attempt * 1_000 };

/** The repository with this test's retry policy, over an empty database of the run's engine. */
async function setup() {
  const { access, close } = await openTestAccess();
  cleanups.push(close);
  return createEventInboxRepository(access, RETRY);
}

const body = (eventId: string) => JSON.stringify({ type: 'event_callback', event_id: eventId, event: { type: 'app_mention' } });

describe('event inbox repository', () => {
  it('stores a delivery once: a redelivery of the same event_id is refused and changes nothing', async () => {
    const inbox = await setup();
    expect(await inbox.accept('Ev1', body('Ev1'), 1_000)).toBe(true);
    expect(await inbox.accept('Ev1', '{"changed":true}', 2_000)).toBe(false);
    expect(await inbox.find('Ev1')).toMatchObject({ body: body('Ev1'), receivedAt: 1_000, state: 'pending', attempts: 0, leaseUntil: null, claimedBy: null });
    await inbox.claim('A', 3_000, 3_000 + LEASE, 8);
    await inbox.complete('Ev1', 'A', 3_500);
    expect(await inbox.accept('Ev1', body('Ev1'), 4_000)).toBe(false);
    expect(await inbox.find('Ev1')).toMatchObject({ state: 'done', attempts: 1, doneAt: 3_500 });
  });

  it('claims pending rows oldest first, up to the limit, once: a claimed row is hidden from other instances', async () => {
    const inbox = await setup();
    for (const [i, id] of ['Ev3', 'Ev1', 'Ev2'].entries()) await inbox.accept(id, body(id), 1_000 + (id === 'Ev3' ? 10 : i));
    const first = await inbox.claim('A', 2_000, 2_000 + LEASE, 2);
    expect(first.map((row) => row.eventId)).toEqual(['Ev1', 'Ev2']);
    expect(first[0]).toMatchObject({ claimedBy: 'A', leaseUntil: 2_000 + LEASE, attempts: 1 });
    const second = await inbox.claim('B', 2_001, 2_001 + LEASE, 8);
    expect(second.map((row) => row.eventId)).toEqual(['Ev3']);
    expect(await inbox.claim('C', 2_002, 2_002 + LEASE, 8)).toEqual([]);
    expect(await inbox.claim('C', 2_002, 2_002 + LEASE, 0)).toEqual([]);
    expect(await inbox.pendingCount()).toBe(3);
  });

  it("gives a crashed instance's rows to another once their lease runs out, and a renewed lease keeps them", async () => {
    const inbox = await setup();
    await inbox.accept('Ev1', body('Ev1'), 1_000);
    await inbox.accept('Ev2', body('Ev2'), 1_001);
    await inbox.claim('A', 2_000, 2_000 + LEASE, 8);
    // A renews Ev2 only: it is still running it; Ev1's lease runs out (A died while running it, say).
    expect(await inbox.extendLease('A', ['Ev2'], 9_000 + LEASE)).toBe(1);
    expect(await inbox.extendLease('B', ['Ev2'], 9_000 + LEASE)).toBe(0);
    expect(await inbox.claim('B', 2_000 + LEASE, 2_000 + 2 * LEASE, 8)).toEqual([]);
    const taken = await inbox.claim('B', 2_001 + LEASE, 2_001 + 2 * LEASE, 8);
    expect(taken.map((row) => [row.eventId, row.claimedBy, row.attempts])).toEqual([['Ev1', 'B', 2]]);
    // The old holder can no longer finish or fail it; the new one can.
    expect(await inbox.complete('Ev1', 'A', 13_000)).toBe(false);
    expect(await inbox.fail('Ev1', 'A', 'late', 13_000)).toBe('lost');
    expect(await inbox.complete('Ev1', 'B', 13_000)).toBe(true);
    expect(await inbox.complete('Ev2', 'A', 13_000)).toBe(true);
    expect(await inbox.pendingCount()).toBe(0);
  });

  it('retries a failed run after its backoff, then gives up after the last attempt', async () => {
    const inbox = await setup();
    await inbox.accept('Ev1', body('Ev1'), 1_000);
    await inbox.claim('A', 2_000, 2_000 + LEASE, 8);
    expect(await inbox.fail('Ev1', 'A', 'Error: slack down', 2_100)).toBe('retry');
    expect(await inbox.find('Ev1')).toMatchObject({ state: 'pending', attempts: 1, leaseUntil: 3_100, claimedBy: null, lastError: 'Error: slack down' });
    expect(await inbox.claim('A', 3_100, 3_100 + LEASE, 8)).toEqual([]);
    expect(await inbox.claim('A', 3_101, 3_101 + LEASE, 8)).toHaveLength(1);
    expect(await inbox.fail('Ev1', 'A', 'again', 3_200)).toBe('retry');
    expect((await inbox.find('Ev1'))!.leaseUntil).toBe(5_200);
    expect(await inbox.claim('B', 5_201, 5_201 + LEASE, 8)).toHaveLength(1);
    expect(await inbox.fail('Ev1', 'B', 'third time', 5_300)).toBe('failed');
    expect(await inbox.find('Ev1')).toMatchObject({ state: 'failed', attempts: 3, doneAt: 5_300, leaseUntil: null, lastError: 'third time' });
    expect(await inbox.claim('B', 99_000, 99_000 + LEASE, 8)).toEqual([]);
    expect(await inbox.pendingCount()).toBe(0);
  });

  it('gives up at once on a failure that is not worth retrying', async () => {
    const inbox = await setup();
    await inbox.accept('Ev1', body('Ev1'), 1_000);
    await inbox.claim('A', 2_000, 2_000 + LEASE, 8);
    expect(await inbox.fail('Ev1', 'A', 'DomainError: team.not_found', 2_100, { retryable: false })).toBe('failed');
    expect(await inbox.find('Ev1')).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('gives up a row whose every run was cut short (a crash loop), once its last lease ran out', async () => {
    const inbox = await setup();
    await inbox.accept('Ev1', body('Ev1'), 1_000);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const at = 2_000 + attempt * 2 * LEASE;
      expect(await inbox.claim('A', at, at + LEASE, 8)).toHaveLength(1);
    }
    const lastLeaseEnd = 2_000 + 4 * LEASE + LEASE;
    expect(await inbox.claim('B', lastLeaseEnd + 1, lastLeaseEnd + 1 + LEASE, 8)).toEqual([]);
    expect(await inbox.failExhausted(lastLeaseEnd)).toBe(0);
    expect(await inbox.failExhausted(lastLeaseEnd + 1)).toBe(1);
    expect(await inbox.find('Ev1')).toMatchObject({ state: 'failed', attempts: 3, lastError: LEASE_EXHAUSTED_ERROR });
  });

  it('prunes finished rows older than the cutoff, never pending ones', async () => {
    const inbox = await setup();
    for (const id of ['Ev1', 'Ev2', 'Ev3', 'Ev4']) await inbox.accept(id, body(id), 1_000);
    await inbox.claim('A', 2_000, 2_000 + LEASE, 3);
    await inbox.complete('Ev1', 'A', 3_000);
    await inbox.fail('Ev2', 'A', 'no', 3_000, { retryable: false });
    await inbox.complete('Ev3', 'A', 8_000);
    expect(await inbox.pruneDoneBefore(5_000)).toBe(2);
    expect(await inbox.find('Ev1')).toBeUndefined();
    expect(await inbox.find('Ev2')).toBeUndefined();
    expect(await inbox.find('Ev3')).toMatchObject({ state: 'done' });
    expect(await inbox.find('Ev4')).toMatchObject({ state: 'pending' });
    expect(await inbox.pruneDoneBefore(99_000)).toBe(1);
    expect(await inbox.pendingCount()).toBe(1);
  });
});

// Several instances share one database only on PostgreSQL (SQLite: one process per file).
describe.skipIf(!onPostgres())('event inbox claims across instances', () => {
  it('two instances claiming at once never get the same row, and together get every row', async () => {
    const ROWS = 300;
    const schema = await freshPgSchema();
    cleanups.push(() => schema.drop());
    // Two pools on one schema, as two processes would have: each claim is its own statement on its own connection.
    const instances: { name: string; inbox: EventInboxRepository }[] = [];
    for (const name of ['A', 'B']) {
      const storage = await openPostgresStorage(schema.url, { poolSize: 4 });
      cleanups.push(() => storage.close());
      instances.push({ name, inbox: createEventInboxRepository(storage.access, RETRY) });
    }
    const ids = Array.from({ length: ROWS }, (_, i) => `Ev${String(i).padStart(4, '0')}`);
    for (const [i, id] of ids.entries()) await instances[0]!.inbox.accept(id, body(id), 1_000 + (i % 7));

    // Each instance runs four claimers at once, small batches, until nothing is left to claim.
    const claimedBy = new Map<string, string[]>();
    const claimer = async (name: string, inbox: EventInboxRepository, worker: number) => {
      for (;;) {
        const rows = await inbox.claim(`${name}${worker}`, 2_000, 2_000 + LEASE, 5);
        // Empty only when every row left is claimed, or locked by a claim under way (which takes it).
        if (rows.length === 0) return;
        for (const row of rows) claimedBy.set(row.eventId, [...(claimedBy.get(row.eventId) ?? []), row.claimedBy!]);
      }
    };
    await Promise.all(instances.flatMap(({ name, inbox }) => [0, 1, 2, 3].map((worker) => claimer(name, inbox, worker))));

    const twice = [...claimedBy].filter(([, holders]) => holders.length > 1);
    expect(twice).toEqual([]);
    expect([...claimedBy.keys()].sort()).toEqual(ids);
    // Both instances took a share (they really ran side by side), and every row was claimed once.
    for (const { name } of instances) expect([...claimedBy.values()].some(([holder]) => holder!.startsWith(name))).toBe(true);
    for (const id of [ids[0]!, ids[ROWS - 1]!]) expect(await instances[1]!.inbox.find(id)).toMatchObject({ attempts: 1, state: 'pending' });
  });
});
