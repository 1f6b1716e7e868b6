/**
 * Crash safety: SIGKILL the real app (its own process) in the middle of a burst of 500 suggestion
 * submissions, restart it on the same database, and check that every acked submission is stored
 * exactly once and that its receipt still goes out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { itemEventsTable, itemsTable, outboxTable } from '../../src/db/schema.js';
import { SUGGEST } from '../../src/slack/ids.js';
import { freePort, spawnApp, type AppProcess } from '../helpers/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { SignedSlackClient, selectValue, textValue } from '../helpers/signedClient.js';
import { insertTeam } from '../helpers/testApp.js';

const BURST = 500;
const KILL_AFTER_ACKS = 150;
const PARALLEL = 25;

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
  let handle: DbHandle;
  let app: AppProcess;
  let port: number;

  beforeAll(async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'rituals-crash-'));
    port = await freePort();
    app = spawnApp({ port, databasePath: join(dir, 'rituals.sqlite'), slackApiUrl: slack.apiUrl });
    await app.healthy();
    handle = openDatabase(join(dir, 'rituals.sqlite'));
    await insertTeam(createRepositories(handle));
  });

  afterAll(async () => {
    await app?.kill('SIGKILL');
    handle?.close();
    await slack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acked submission exactly once across a SIGKILL and still sends its receipt', async () => {
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

    app = spawnApp({ port, databasePath: join(dir, 'rituals.sqlite'), slackApiUrl: slack.apiUrl });
    await app.healthy();

    const { db } = handle;
    const keys = acked.map((i) => `view:VCRASH${i}`);
    const stored = db.select().from(itemsTable).where(inArray(itemsTable.intakeKey, keys)).all();
    expect(stored).toHaveLength(acked.length);
    expect(new Set(stored.map((item) => item.intakeKey)).size).toBe(acked.length);
    // Nothing half-written: every item of the database (acked or not) has its created event and its receipt queued.
    const everything = db.select().from(itemsTable).all();
    expect(new Set(everything.map((item) => item.intakeKey)).size).toBe(everything.length);
    for (const item of everything) {
      expect(
        db
          .select()
          .from(itemEventsTable)
          .where(eq(itemEventsTable.itemId, item.id))
          .all()
          .map((e) => e.kind),
      ).toEqual(['created']);
      expect(
        db
          .select()
          .from(outboxTable)
          .where(eq(outboxTable.dedupeKey, `receipt:${item.id}:U_ALICE`))
          .get(),
      ).toBeDefined();
    }

    // Slack resends what it did not see acked; re-sending what was acked creates nothing new.
    const again = new SignedSlackClient(app.baseUrl, undefined, undefined, app.baseUrl, { triggers: slack.triggers });
    const resent = await Promise.all(acked.map((i) => submit(again, i)));
    expect(resent.every((response) => response.status === 200 && response.text === '')).toBe(true);
    expect(db.select().from(itemsTable).all()).toHaveLength(everything.length);

    // The outbox delivers every stored item's receipt after the restart, including the ones it was
    // sending when it was killed (not an hour later when their lease runs out).
    const receiptRows = () =>
      db
        .select()
        .from(outboxTable)
        .where(
          inArray(
            outboxTable.dedupeKey,
            everything.map((item) => `receipt:${item.id}:U_ALICE`),
          ),
        )
        .all();
    const deadline = Date.now() + 15_000;
    while (receiptRows().some((row) => row.status !== 'sent') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiptRows().filter((row) => row.status !== 'sent')).toEqual([]);
    expect(everything.every((item) => receiptsByNumber(slack).has(item.number))).toBe(true);
    const receipts = receiptsByNumber(slack);
    // A receipt is sent twice only if the kill came while Slack was answering it (at most one batch of parallel sends).
    const twice = everything.filter((item) => (receipts.get(item.number) ?? 0) > 1);
    expect(twice.length).toBeLessThanOrEqual(4);
    for (const item of twice) expect(receiptsBeforeKill.get(item.number)).toBe(1);
    expect(Math.max(...receipts.values())).toBeLessThanOrEqual(2);
  });
});
