/**
 * Crash safety: SIGKILL the real app (its own process) in the middle of a burst of 500 suggestion
 * submissions, restart it on the same database, and check that every acked submission is stored
 * exactly once and that its receipt still goes out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../src/db/engine/postgres.js';
import { openSqliteStorage } from '../../src/db/engine/sqlite.js';
import type { Storage } from '../../src/db/engine/storage.js';
import { SUGGEST } from '../../src/slack/ids.js';
import { freePort, spawnApp, type AppProcess } from '../helpers/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { SignedSlackClient, selectValue, textValue } from '../helpers/signedClient.js';
import type { PgTestSchema } from '../helpers/pgDatabase.js';
import { insertTeam } from '../helpers/testApp.js';
import { freshPgSchema, onPostgres } from '../helpers/testEngine.js';

const BURST = 500;
const KILL_AFTER_ACKS = 150;
const PARALLEL = 25;
/** Starts the real app twice (a child process under tsx): slow on a loaded machine. */
const PROCESS_TEST_TIMEOUT_MS = 90_000;
const STARTUP_TIMEOUT_MS = 45_000;

const values = (i: number) => ({
  [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue(`Suggestion ${i}`) },
  [SUGGEST.blocks.details]: { [SUGGEST.action]: textValue('') },
  [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('story') },
  [SUGGEST.blocks.neededBy]: { [SUGGEST.action]: textValue('') },
  [SUGGEST.blocks.urgency]: { [SUGGEST.action]: selectValue(null) },
});

/** Receipts (DMs to the suggester) per item number, as the fake Slack received them. */
function receiptsByNumber(slack: FakeSlack): Map<number, number> {
  const counts = new Map<number, number>();
  for (const call of slack.sent('chat.postMessage')) {
    const match = /^Got it: R-(\d+) /.exec(String(call.args.text ?? ''));
    if (call.args.channel === 'U_ALICE' && match) counts.set(Number(match[1]), (counts.get(Number(match[1])) ?? 0) + 1);
  }
  return counts;
}

describe('crash safety', () => {
  let slack: FakeSlack;
  let dir: string;
  let pgSchema: PgTestSchema | null = null;
  // The app's database as the child process finds it (its DATABASE_URL on a PostgreSQL run), and the test's own connection to it.
  let databaseEnv: Record<string, string>;
  let storage: Storage;
  let app: AppProcess;
  let port: number;
  const spawn = () => spawnApp({ port, databasePath: join(dir, 'rituals.sqlite'), slackApiUrl: slack.apiUrl, env: databaseEnv });

  beforeAll(async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'rituals-crash-'));
    pgSchema = onPostgres() ? await freshPgSchema() : null;
    databaseEnv = { DATABASE_PATH: join(dir, 'rituals.sqlite'), ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}) };
    port = await freePort();
    app = spawn();
    await app.healthy(STARTUP_TIMEOUT_MS);
    storage = pgSchema ? await openPostgresStorage(pgSchema.url, { poolSize: 2 }) : openSqliteStorage(join(dir, 'rituals.sqlite'));
    await insertTeam(storage.repos);
  }, PROCESS_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await app?.kill('SIGKILL');
    await storage?.close();
    await pgSchema?.drop();
    await slack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  type ItemRow = { id: number; number: number; intake_key: string | null };
  const allItems = () => storage.query<ItemRow>('SELECT id, number, intake_key FROM items ORDER BY id');
  const outboxRows = () =>
    storage.query<{ dedupe_key: string; status: string; last_error: string | null; next_attempt_at: number }>(
      'SELECT dedupe_key, status, last_error, next_attempt_at FROM outbox ORDER BY id',
    );

  it(
    'keeps every acked submission exactly once across a SIGKILL and still sends its receipt',
    async () => {
      const client = new SignedSlackClient(app.baseUrl, undefined, undefined, app.baseUrl, { triggers: slack.triggers });
      expect((await client.command('/suggest', '')).status).toBe(200);
      const [open] = await slack.waitFor('views.open');
      const privateMetadata = String(open!.args.view.private_metadata);
      const submit = (c: SignedSlackClient, i: number) =>
        c.viewSubmission({ callback_id: SUGGEST.callbackId, private_metadata: privateMetadata, id: `VCRASH${i}` }, values(i));

      const acked: number[] = [];
      let failed = 0;
      let next = 0;
      let killed: Promise<void> | null = null;
      const sender = async () => {
        while (next < BURST) {
          const i = next++;
          const response = await submit(client, i).catch(() => null);
          if (response?.status === 200 && response.text === '') acked.push(i);
          else failed += 1;
          if (acked.length >= KILL_AFTER_ACKS && !killed) killed = app.kill('SIGKILL');
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, sender));
      await killed;
      // The kill landed in the middle: some were acked, the rest never were.
      expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
      expect(failed).toBeGreaterThan(0);
      const receiptsBeforeKill = receiptsByNumber(slack);

      const restartedAt = Date.now();
      app = spawn();
      await app.healthy(STARTUP_TIMEOUT_MS);

      const keys = new Set(acked.map((i) => `view:VCRASH${i}`));
      const everything = await allItems();
      const stored = everything.filter((item) => keys.has(item.intake_key ?? ''));
      expect(stored).toHaveLength(acked.length);
      expect(new Set(stored.map((item) => item.intake_key)).size).toBe(acked.length);
      // Nothing half-written: every item of the database (acked or not) has its created event and its receipt queued.
      expect(new Set(everything.map((item) => item.intake_key)).size).toBe(everything.length);
      const events = await storage.query<{ item_id: number; kind: string }>('SELECT item_id, kind FROM item_events ORDER BY id');
      const queued = new Set((await outboxRows()).map((row) => row.dedupe_key));
      for (const item of everything) {
        expect(events.filter((event) => event.item_id === item.id).map((event) => event.kind)).toEqual(['created']);
        expect(queued.has(`receipt:${item.id}:U_ALICE`)).toBe(true);
      }

      // Slack resends what it did not see acked; re-sending what was acked creates nothing new.
      const again = new SignedSlackClient(app.baseUrl, undefined, undefined, app.baseUrl, { triggers: slack.triggers });
      const resent = await Promise.all(acked.map((i) => submit(again, i)));
      expect(resent.every((response) => response.status === 200 && response.text === '')).toBe(true);
      expect(await allItems()).toHaveLength(everything.length);

      // The outbox delivers every stored item's receipt after the restart, including (on SQLite) the ones
      // it was sending when it was killed, not when their lease runs out. On PostgreSQL the database may be
      // shared by live instances, so those few rows stay leased to the killed process until their lease
      // (a minute) runs out: they are still marked in flight, with a lease taken before the restart.
      const receiptKeys = new Set(everything.map((item) => `receipt:${item.id}:U_ALICE`));
      const LEASE_MS = 60_000;
      const leasedByKilled = (row: { status: string; last_error: string | null; next_attempt_at: number }) =>
        onPostgres() && row.status === 'pending' && row.last_error === 'sending' && row.next_attempt_at < restartedAt + LEASE_MS;
      const unsent = async () => (await outboxRows()).filter((row) => receiptKeys.has(row.dedupe_key) && row.status !== 'sent' && !leasedByKilled(row));
      const deadline = Date.now() + 15_000;
      while ((await unsent()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await unsent()).toEqual([]);
      const stillLeased = new Set((await outboxRows()).filter((row) => receiptKeys.has(row.dedupe_key) && leasedByKilled(row)).map((row) => row.dedupe_key));
      // At most the one batch of parallel sends the kill interrupted.
      expect(stillLeased.size).toBeLessThanOrEqual(4);
      const delivered = everything.filter((item) => !stillLeased.has(`receipt:${item.id}:U_ALICE`));
      expect(delivered.every((item) => receiptsByNumber(slack).has(item.number))).toBe(true);
      const receipts = receiptsByNumber(slack);
      // A receipt is sent twice only if the kill came while Slack was answering it (at most one batch of parallel sends).
      const twice = everything.filter((item) => (receipts.get(item.number) ?? 0) > 1);
      expect(twice.length).toBeLessThanOrEqual(4);
      for (const item of twice) expect(receiptsBeforeKill.get(item.number)).toBe(1);
      expect(Math.max(...receipts.values())).toBeLessThanOrEqual(2);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
