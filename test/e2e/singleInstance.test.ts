/**
 * One process per SQLite file: a second app process on the same database refuses to start, says who
 * holds it and what to do, and exits with its own status; a process killed with SIGKILL leaves no
 * stale lock behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { acquireInstanceLock, DatabaseInUseError, EXIT_DATABASE_IN_USE } from '../../src/db/instanceLock.js';
import { createLogger } from '../../src/logger.js';
import { startRituals } from '../../src/server.js';
import { freePort, spawnApp, type AppProcess } from '../helpers/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { TEST_SIGNING_SECRET } from '../helpers/signedClient.js';
import { TEST_BOT_TOKEN } from '../helpers/testApp.js';
import { onPostgres } from '../helpers/testEngine.js';

/** Starts real processes (the app, operator commands under tsx): slow on a loaded machine. */
const PROCESS_TEST_TIMEOUT_MS = 90_000;

// The lock guards a SQLite file; on PostgreSQL several instances share the database by design.
describe.skipIf(onPostgres())('one instance per SQLite file', () => {
  let slack: FakeSlack;
  let dir: string;
  const running: AppProcess[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'rituals-single-'));
  });

  afterAll(async () => {
    for (const app of running) await app.kill('SIGKILL');
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (databasePath: string) => {
    const app = spawnApp({ port: await freePort(), databasePath, slackApiUrl: slack.apiUrl });
    running.push(app);
    return app;
  };

  it(
    'refuses a second process with the holder and the way out, and a SIGKILLed holder does not block a restart',
    async () => {
      const databasePath = join(dir, 'rituals.sqlite');
      const first = await start(databasePath);
      await first.healthy();

      const second = await start(databasePath);
      expect(await second.exited).toBe(EXIT_DATABASE_IN_USE);
      const message = second.output.join('\n');
      expect(message).toContain(`another Rituals process (pid ${first.child.pid}, host ${hostname()}, since `);
      expect(message).toContain(`is using ${databasePath}; stop it first`);
      expect(message).toContain('PostgreSQL');
      expect(message).not.toMatch(/at .*\.ts:\d+/); // a sentence, not a stack trace
      // The refused process never answered for the first one.
      expect((await fetch(`${second.baseUrl}/healthz`).catch(() => null))?.status).toBeUndefined();
      expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);

      await first.kill('SIGKILL');
      const third = await start(databasePath);
      await third.healthy();
      await third.kill('SIGTERM');
      expect(await third.exited).toBe(0);

      // A clean stop releases the lock too.
      const fourth = await start(databasePath);
      await fourth.healthy();
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('refuses in the same process too, and releases the lock on stop', async () => {
    const databasePath = join(dir, 'in-process.sqlite');
    const config = parseConfig({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_PATH: databasePath,
    });
    const logger = createLogger('error', { sink: () => undefined });
    const rituals = await startRituals({ config, logger, startScheduler: false });
    await expect(startRituals({ config, logger, startScheduler: false })).rejects.toBeInstanceOf(DatabaseInUseError);
    expect(() => acquireInstanceLock(databasePath)).toThrow(/another Rituals process \(pid \d+/);
    await rituals.stop();
    acquireInstanceLock(databasePath).release();
  });

  it('gives the lock back when the start fails after taking it (the port is taken)', async () => {
    const databasePath = join(dir, 'failed-start.sqlite');
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const takenPort = (blocker.address() as { port: number }).port;
    const config = parseConfig({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(takenPort),
      DATABASE_PATH: databasePath,
    });
    const logger = createLogger('error', { sink: () => undefined });
    try {
      await expect(startRituals({ config, logger, startScheduler: false })).rejects.toThrow(/EADDRINUSE/);
      // Without the release, this would name our own pid as the holder.
      acquireInstanceLock(databasePath).release();
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
