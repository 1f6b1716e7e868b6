/**
 * Several instances of the real app (child processes) on one PostgreSQL schema, one fake Slack:
 * what a deployment with more than one replica behind a load balancer looks like.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStorage } from '../../src/db/engine/postgres.js';
import type { Storage } from '../../src/db/engine/storage.js';
import { SUGGEST } from '../../src/slack/ids.js';
import { freePort, spawnApp, type AppProcess } from './appProcess.js';
import { startFakeSlack, type FakeSlack } from './fakeSlack.js';
import type { PgTestSchema } from './pgDatabase.js';
import { SignedSlackClient, selectValue, textValue } from './signedClient.js';
import { freshPgSchema } from './testEngine.js';

export interface Fleet {
  slack: FakeSlack;
  schema: PgTestSchema;
  /** The test's own connection to the shared schema (migrated before any instance starts). */
  storage: Storage;
  apps: AppProcess[];
  /** One signed client per instance, sharing the fake Slack's trigger_ids. */
  clients: SignedSlackClient[];
  stop(): Promise<void>;
}

/** Starts `count` instances of src/main.ts on a fresh schema of the PostgreSQL test server. */
export async function startFleet(count: number, { env = {} }: { env?: Record<string, string> } = {}): Promise<Fleet> {
  const slack = await startFakeSlack();
  const schema = await freshPgSchema();
  const storage = await openPostgresStorage(schema.url, { poolSize: 4 });
  const dir = mkdtempSync(join(tmpdir(), 'rituals-fleet-'));
  const apps: AppProcess[] = [];
  for (let i = 0; i < count; i += 1) {
    // The SQLite path is never opened: DATABASE_URL wins.
    apps.push(
      spawnApp({ port: await freePort(), databasePath: join(dir, `unused-${i}.sqlite`), slackApiUrl: slack.apiUrl, env: { DATABASE_URL: schema.url, ...env } }),
    );
  }
  try {
    await Promise.all(apps.map((app) => app.healthy(100_000)));
  } catch (error) {
    await Promise.all(apps.map((app) => app.kill('SIGKILL')));
    throw error;
  }
  return {
    slack,
    schema,
    storage,
    apps,
    clients: apps.map((app) => new SignedSlackClient(app.baseUrl, undefined, undefined, app.baseUrl, { triggers: slack.triggers })),
    async stop() {
      await Promise.all(apps.map((app) => app.kill('SIGKILL')));
      await storage.close();
      await slack.stop();
      await schema.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the person typed in the suggest modal for suggestion i. */
export const suggestValues = (i: number) => ({
  [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue(`Suggestion ${i}`) },
  [SUGGEST.blocks.details]: { [SUGGEST.action]: textValue('') },
  [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('story') },
  [SUGGEST.blocks.neededBy]: { [SUGGEST.action]: textValue('') },
  [SUGGEST.blocks.urgency]: { [SUGGEST.action]: selectValue(null) },
});

/** Opens the suggest modal once (through any instance) and returns its private_metadata. */
export async function suggestMetadata(slack: FakeSlack, client: SignedSlackClient): Promise<string> {
  const before = slack.sent('views.open').length;
  const response = await client.command('/suggest', '');
  if (response.status !== 200) throw new Error(`/suggest answered ${response.status}`);
  const opened = await slack.waitFor('views.open', before + 1);
  return String(opened[before]!.args.view.private_metadata);
}

/** Receipts (DMs to `user`) per item number, as the fake Slack received them. */
export function receiptsByNumber(slack: FakeSlack, user = 'U_ALICE', prefix = 'R'): Map<number, number> {
  const counts = new Map<number, number>();
  const receipt = new RegExp(`^Got it: ${prefix}-(\\d+) `);
  for (const call of slack.sent('chat.postMessage')) {
    const match = receipt.exec(String(call.args.text ?? ''));
    if (call.args.channel === user && match) counts.set(Number(match[1]), (counts.get(Number(match[1])) ?? 0) + 1);
  }
  return counts;
}

/** Thread replies per parent ts in a channel (a capture answers in the captured message's thread). */
export function threadRepliesByTs(slack: FakeSlack, channel = 'C_TEAM'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.sent('chat.postMessage')) {
    const ts = call.args.thread_ts;
    if (call.args.channel === channel && typeof ts === 'string') counts.set(ts, (counts.get(ts) ?? 0) + 1);
  }
  return counts;
}

export interface ItemRow {
  id: number;
  team_id: number;
  number: number;
  intake_key: string | null;
  source_ts: string | null;
}

export const itemRows = (storage: Storage): Promise<ItemRow[]> =>
  storage.query<ItemRow>('SELECT id, team_id, number, intake_key, source_ts FROM items ORDER BY id');

/** Item numbers per team are 1..n with no gap and no repeat. */
export function numbersGapFree(items: readonly ItemRow[]): boolean {
  const byTeam = new Map<number, number[]>();
  for (const item of items) byTeam.set(item.team_id, [...(byTeam.get(item.team_id) ?? []), item.number]);
  return [...byTeam.values()].every((numbers) => numbers.sort((a, b) => a - b).every((n, i) => n === i + 1));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls check() until it holds or timeoutMs passes; returns whether it held. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(stepMs);
  }
}
