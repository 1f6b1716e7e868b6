/**
 * The app under test, in its own process: the real startRituals (HTTP mode, port 0, a temp SQLite
 * database, production log level and settings) against the fake Slack. Rows reach it through the
 * tasks below (seed data, wait for background work to finish, read memory); add a task here when
 * a row needs new data (for example thousands of backlog items).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { parseConfig } from '../src/config.js';
import { itemsTable, outboxTable } from '../src/db/schema.js';
import { startRituals } from '../src/server.js';
import { insertTeam } from '../test/helpers/testApp.js';
import { serveTasks } from './ipc.js';

const dir = mkdtempSync(join(tmpdir(), 'rituals-bench-'));
const config = parseConfig({
  SLACK_BOT_TOKEN: process.env.SLACK_BOT_TOKEN,
  SLACK_SIGNING_SECRET: process.env.SLACK_SIGNING_SECRET,
  SLACK_API_URL: process.env.SLACK_API_URL,
  PORT: '0',
  DATABASE_PATH: join(dir, 'rituals.sqlite'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
});
const rituals = await startRituals({ config });
const { db } = rituals.db;

const pendingOutbox = () => db.select({ n: count() }).from(outboxTable).where(eq(outboxTable.status, 'pending')).get()?.n ?? 0;
const itemCount = () => db.select({ n: count() }).from(itemsTable).get()?.n ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let idleRss = process.memoryUsage().rss;

async function shutdown(): Promise<void> {
  await rituals.stop();
  rmSync(dir, { recursive: true, force: true });
  // A normal exit, so `--cpu-prof` writes its profile.
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown());

serveTasks(
  {
    seedTeam: () => insertTeam(rituals.repos, { slackTeamId: 'T1' }).id,
    /** Marks the current footprint as idle (after start-up and seeding, before any load). */
    markIdle: () => {
      idleRss = process.memoryUsage().rss;
      return idleRss;
    },
    memory: () => ({ idleRss, rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 }),
    /** Waits until background work (event listeners, outbox sends) has finished. */
    settle: async () => {
      const deadline = Date.now() + 60_000;
      let previous = -1;
      while (Date.now() < deadline) {
        await rituals.outbox.drain();
        const items = itemCount();
        if (pendingOutbox() === 0 && items === previous) return { items };
        previous = items;
        await sleep(200);
      }
      throw new Error('the app did not settle within 60 s');
    },
    counts: () => ({ items: itemCount(), pendingOutbox: pendingOutbox() }),
  },
  { port: rituals.port },
);
