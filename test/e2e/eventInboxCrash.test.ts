/**
 * An acked event survives SIGKILL: the real app (its own process) acks a burst of reaction captures
 * while Slack holds every conversations.history answer, so the events are stored and some are
 * claimed and running, none finished. It is killed, started again on the same database, and every
 * acked event then takes effect exactly once: one item and one thread reply per message, the ones
 * the dead process had claimed included (once their lease ran out).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../src/db/engine/postgres.js';
import { openSqliteStorage } from '../../src/db/engine/sqlite.js';
import type { Storage } from '../../src/db/engine/storage.js';
import { freePort, spawnApp, type AppProcess } from '../helpers/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { SignedSlackClient } from '../helpers/signedClient.js';
import type { PgTestSchema } from '../helpers/pgDatabase.js';
import { insertTeam } from '../helpers/testApp.js';
import { freshPgSchema, onPostgres } from '../helpers/testEngine.js';

const EVENTS = 40;
/** The worker's default concurrency: the number of runs under way when the process dies. */
const RUNNING = 8;
const tsOf = (i: number) => `1700000100.${String(i).padStart(6, '0')}`;

describe('event inbox crash safety', () => {
  let slack: FakeSlack;
  let dir: string;
  let databasePath: string;
  let pgSchema: PgTestSchema | null = null;
  // The app's database as the child process finds it (its DATABASE_URL on a PostgreSQL run), and the test's own connection to it.
  let databaseEnv: Record<string, string>;
  let storage: Storage;
  let app: AppProcess;
  let port: number;
  const spawn = () => spawnApp({ port, databasePath, slackApiUrl: slack.apiUrl, env: databaseEnv });

  beforeAll(async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'rituals-inbox-crash-'));
    databasePath = join(dir, 'rituals.sqlite');
    pgSchema = onPostgres() ? await freshPgSchema() : null;
    databaseEnv = { DATABASE_PATH: databasePath, ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}) };
    port = await freePort();
    app = spawn();
    await app.healthy(45_000);
    storage = pgSchema ? await openPostgresStorage(pgSchema.url, { poolSize: 2 }) : openSqliteStorage(databasePath);
    await insertTeam(storage.repos);
    for (let i = 0; i < EVENTS; i += 1) slack.addMessage('C_TEAM', { ts: tsOf(i), user: 'U_CAROL', text: `Request number ${i}` });
  }, 90_000);

  afterAll(async () => {
    await app?.kill('SIGKILL');
    await storage?.close();
    await pgSchema?.drop();
    await slack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('works every acked event exactly once after a SIGKILL and a restart', async () => {
    // Slack holds the message lookups far longer than the test lets the first process live.
    slack.fail('conversations.history', { kind: 'delay', ms: 20_000 }, EVENTS);
    const client = new SignedSlackClient(app.baseUrl, undefined, undefined, slack.url, slack);
    const reaction = (i: number) => ({
      type: 'reaction_added',
      user: 'U_BOB',
      reaction: 'inbox_tray',
      item: { type: 'message', channel: 'C_TEAM', ts: tsOf(i) },
      item_user: 'U_CAROL',
    });
    const responses = await Promise.all(Array.from({ length: EVENTS }, (_, i) => client.event(reaction(i), { eventId: `EvCrash${i}` })));
    expect(responses.map((response) => response.status)).toEqual(Array(EVENTS).fill(200));
    await slack.waitUntil(() => slack.inFlight('conversations.history') === RUNNING, 5_000, 'the first runs waiting on Slack');
    await app.kill('SIGKILL');

    const rows = () =>
      storage.query<{ event_id: string; state: string; claimed_by: string | null; attempts: number }>(
        'SELECT event_id, state, claimed_by, attempts FROM event_inbox ORDER BY event_id',
      );
    const items = () => storage.query<{ source_ts: string | null }>('SELECT source_ts FROM items ORDER BY id');
    // Every acked event is stored; the dead process held leases on the ones it was running.
    expect(await rows()).toHaveLength(EVENTS);
    expect((await rows()).every((row) => row.state === 'pending')).toBe(true);
    expect((await rows()).filter((row) => row.claimed_by !== null)).toHaveLength(RUNNING);
    expect(await items()).toHaveLength(0);

    slack.clearFaults();
    app = spawn();
    await app.healthy(45_000);
    // Counted from when the new process answers: starting it under tsx can be slow on a loaded machine.
    const restartedAt = Date.now();
    // The unclaimed ones go at once; the dead process's claims once their lease (15 s) runs out.
    const deadline = Date.now() + 40_000;
    while ((await rows()).some((row) => row.state !== 'done') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await rows()).filter((row) => row.state !== 'done')).toEqual([]);
    expect(Date.now() - restartedAt).toBeLessThan(30_000);
    // The runs cut short count as an attempt: they were claimed twice, the rest once.
    expect((await rows()).filter((row) => row.attempts === 2)).toHaveLength(RUNNING);

    const stored = await items();
    expect(stored).toHaveLength(EVENTS);
    expect(new Set(stored.map((item) => item.source_ts))).toEqual(new Set(Array.from({ length: EVENTS }, (_, i) => tsOf(i))));
    await slack.waitUntil(() => slack.sent('chat.postMessage').filter((call) => call.args.thread_ts).length >= EVENTS, 10_000, 'the thread replies');
    const replies = new Map<string, number>();
    for (const call of slack.sent('chat.postMessage').filter((c) => c.args.thread_ts))
      replies.set(call.args.thread_ts, (replies.get(call.args.thread_ts) ?? 0) + 1);
    expect(replies.size).toBe(EVENTS);
    expect([...replies.values()].every((count) => count === 1)).toBe(true);
  }, 90_000);
});
