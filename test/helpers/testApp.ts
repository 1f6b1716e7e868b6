/** Starts the real app (HTTP mode, real Bolt, temp SQLite or a fresh PostgreSQL schema) against a fake Slack. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSecrets, parseConfig } from '../../src/config.js';
import type { NewTeam, Team } from '../../src/db/repositories/teams.js';
import { createLogger } from '../../src/logger.js';
import { startRituals, type Rituals } from '../../src/server.js';
import { createTestClock, type TestClock } from './clock.js';
import { startFakeSlack, type FakeSlack } from './fakeSlack.js';
import { SignedSlackClient, TEST_SIGNING_SECRET } from './signedClient.js';
import { insertTeam } from './teams.js';
import { leasePgSchema, onPostgres } from './testEngine.js';

// Kept here too, where the end-to-end tests have always found them.
export { createTestClock, insertTeam, type TestClock };

export const TEST_BOT_TOKEN = 'xoxb-test-0000000000-abcdefghijklmnop';

export interface TestApp {
  rituals: Rituals;
  slack: FakeSlack;
  client: SignedSlackClient;
  clock: TestClock | undefined;
  logs: string[];
  /** The SQLite file (unused on a PostgreSQL run). */
  dbPath: string;
  /** The environment the app's database comes from: DATABASE_PATH, and DATABASE_URL on a PostgreSQL run (for child processes). */
  databaseEnv: Record<string, string>;
  /** Restarts the app on the same database (as after a crash or deploy). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestApp({
  clock,
  env = {},
  slack: existingSlack,
  slackTimeoutMs = 1_000,
}: {
  clock?: TestClock;
  env?: Record<string, string>;
  slack?: FakeSlack;
  slackTimeoutMs?: number;
} = {}): Promise<TestApp> {
  const slack = existingSlack ?? (await startFakeSlack());
  const dir = mkdtempSync(join(tmpdir(), 'rituals-test-'));
  const dbPath = join(dir, 'rituals.sqlite');
  const pgSchema = onPostgres() ? await leasePgSchema() : null;
  const databaseEnv: Record<string, string> = { DATABASE_PATH: dbPath, ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}) };
  const logs: string[] = [];
  const config = parseConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    ...databaseEnv,
    LOG_LEVEL: 'debug',
    ...env,
  });
  const start = () =>
    startRituals({
      config,
      ...(clock ? { clock } : {}),
      logger: createLogger('debug', { secrets: [TEST_BOT_TOKEN, ...configSecrets(config)], sink: (line) => logs.push(line) }),
      startScheduler: false,
      outboxIntervalMs: 200,
      slackTimeoutMs,
    });
  let rituals = await start();
  const harness: TestApp = {
    get rituals() {
      return rituals;
    },
    slack,
    client: new SignedSlackClient(`http://127.0.0.1:${rituals.port}`, undefined, undefined, slack.url, slack),
    clock,
    logs,
    dbPath,
    databaseEnv,
    async restart() {
      await rituals.stop();
      rituals = await start();
      harness.client = new SignedSlackClient(`http://127.0.0.1:${rituals.port}`, undefined, undefined, slack.url, slack);
    },
    async stop() {
      await rituals.stop();
      if (!existingSlack) await slack.stop();
      rmSync(dir, { recursive: true, force: true });
      pgSchema?.giveBack();
    },
  };
  return harness;
}

/** Inserts a team (and its members) directly, as /rituals setup would. */
export async function seedTeam(app: TestApp, overrides: Partial<NewTeam> & { members?: string[] } = {}): Promise<Team> {
  return insertTeam(app.rituals.repos, overrides);
}
