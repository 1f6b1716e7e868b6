/** Composition root: config -> database -> repositories -> services -> Bolt app -> listeners -> scheduler. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from './config.js';
import { openDatabase, type DbHandle } from './db/client.js';
import { acquireInstanceLock } from './db/instanceLock.js';
import { backupBeforeMigrations, backupsFolderOf } from './db/upgradeBackup.js';
import { createRepositories, type Repositories } from './db/repositories/index.js';
import { systemClock, type Clock } from './domain/clock.js';
import { createServices, type Services } from './domain/index.js';
import { createLogger, type AppLogger } from './logger.js';
import { createScheduler, type Scheduler } from './scheduler/index.js';
import { createJobs } from './scheduler/jobs.js';
import { createBoltApp } from './slack/app.js';
import type { SlackDeps } from './slack/deps.js';
import { registerListeners } from './slack/listeners/index.js';
import { createMetadataSeal } from './slack/metadata.js';
import { dedupeEvents } from './slack/middleware/dedupeEvents.js';
import { createEventQueue, type EventQueue } from './slack/middleware/eventQueue.js';
import { createOutboxDispatcher, type OutboxDispatcher } from './slack/outbox/dispatcher.js';
import { renderers } from './slack/outbox/renderers.js';
import { createReportPoster } from './slack/reportPoster.js';
import { createListenerRouter } from './slack/router.js';
import { blameToken } from './slack/tokenRejection.js';
import { createSlackTransport } from './slack/transport.js';
import { createUserDirectory } from './slack/userDirectory.js';

/** How long an idle inbound connection stays open (see the HTTP start below). */
export const KEEP_ALIVE_MS = 65_000;

export interface StartOptions {
  config: Config;
  clock?: Clock;
  logger?: AppLogger;
  /** Tests drive the scheduler by hand; production starts cron. */
  startScheduler?: boolean;
  /** Outbox polling interval (ms). */
  outboxIntervalMs?: number;
  /** Web API call timeout (ms); tests shorten it to exercise timeouts quickly. */
  slackTimeoutMs?: number;
}

export interface Rituals {
  /** The HTTP port (HTTP mode), or null in Socket Mode. */
  port: number | null;
  db: DbHandle;
  repos: Repositories;
  services: Services;
  outbox: OutboxDispatcher;
  scheduler: Scheduler;
  /** Events API work, run after the ack with a bounded number in flight. */
  events: EventQueue;
  deps: SlackDeps;
  stop(): Promise<void>;
}

/** How long in-flight requests get to finish when stopping before their connections are cut. */
const STOP_GRACE_MS = 3_000;

function closeConnectionsSoon(server: Server): NodeJS.Timeout {
  server.keepAliveTimeout = 1;
  server.closeIdleConnections();
  return setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS).unref();
}

/** An upgrade's migrations run only after a copy of the database as it was is safe in backups/. */
async function backUpBeforeUpgrade(databasePath: string, logger: AppLogger): Promise<void> {
  let backup;
  try {
    backup = await backupBeforeMigrations(databasePath);
  } catch (error) {
    throw new Error(
      `the database has migrations to apply, and backing it up first into ${backupsFolderOf(databasePath)} failed ` +
        `(${(error as Error).message}); nothing was changed. Free some space there or fix its permissions, then start again.`,
    );
  }
  if (!backup) return;
  logger.info(`backed up the database to ${backup.path} before applying ${backup.pending} migration(s) (${backup.from} -> ${backup.to})`);
  for (const old of backup.pruned) logger.info(`removed the older automatic backup ${old}`);
}

export async function startRituals(options: StartOptions): Promise<Rituals> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger =
    options.logger ?? createLogger(config.logLevel, { secrets: [config.slackBotToken, config.slackSigningSecret, config.slackAppToken ?? ''] });
  // Before anything else touches the file: a second process on it is refused here (DatabaseInUseError).
  const lock = config.databasePath === ':memory:' ? null : acquireInstanceLock(config.databasePath);
  let db: DbHandle;
  try {
    await backUpBeforeUpgrade(config.databasePath, logger);
    db = openDatabase(config.databasePath, { onWarning: (message) => logger.warn(message) });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const repos = createRepositories(db);
  const services = createServices({ repos, clock });
  let ready = false;
  const transport = createSlackTransport(options.slackTimeoutMs ? { timeoutMs: options.slackTimeoutMs } : {});
  const app = createBoltApp({
    config,
    fetch: transport.fetch,
    logger,
    ...(options.slackTimeoutMs ? { slackTimeoutMs: options.slackTimeoutMs } : {}),
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: ready }));
        },
      },
    ],
  });
  try {
    // init() calls auth.test with the bot token.
    await app.init();
  } catch (error) {
    db.close();
    lock?.release();
    await transport.close();
    throw blameToken(error, 'SLACK_BOT_TOKEN');
  }
  const outbox = createOutboxDispatcher({ repos, client: app.client, renderers, clock, logger: logger.child('outbox') });
  const deps: SlackDeps = {
    repos,
    services,
    clock,
    logger,
    outbox,
    seal: createMetadataSeal(config.slackSigningSecret),
    users: createUserDirectory({ client: app.client, repos, clock, logger }),
    reports: createReportPoster({ client: app.client, services, repos, clock, logger }),
  };
  const events = createEventQueue({ logger: logger.child('events') });
  app.use(events.middleware);
  app.use(dedupeEvents(deps));
  const router = createListenerRouter(logger);
  registerListeners(router, deps);
  app.use(router.middleware);
  app.error(async (error) => {
    // Bolt wraps non-coded errors in UnknownError, whose stack is its own: log the original's.
    logger.error('unhandled listener error', (error as { original?: unknown }).original ?? error);
  });
  const scheduler = createScheduler({ jobs: createJobs(deps, app.client), clock, logger: logger.child('scheduler') });

  let port: number | null = null;
  let httpServer: Server | null = null;
  if (config.socketMode) {
    try {
      // start() opens the WebSocket through apps.connections.open, with the app-level token.
      await app.start();
    } catch (error) {
      await app.stop().catch(() => undefined);
      db.close();
      await transport.close();
      throw blameToken(error, 'SLACK_APP_TOKEN');
    }
  } else {
    const server = (await app.start(config.port)) as Server;
    httpServer = server;
    // Node closes idle connections after 5 s, so traffic after a pause reconnects, and a burst of
    // new connections into a busy process waits for its first requests. Load balancers idle out
    // at 60 s: outlive that so they, not we, close first (no reset races).
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
    port = (server.address() as AddressInfo).port;
  }
  outbox.start(options.outboxIntervalMs);
  if (options.startScheduler ?? true) {
    scheduler.start();
    void scheduler.runAll();
  }
  ready = true;
  logger.info(config.socketMode ? 'Rituals is running in Socket Mode' : `Rituals is listening on port ${port}`);

  let stopping: Promise<void> | null = null;
  return {
    port,
    db,
    repos,
    services,
    outbox,
    scheduler,
    events,
    deps,
    stop() {
      stopping ??= (async () => {
        ready = false;
        await scheduler.stop();
        // close() waits for busy connections, and a kept-alive one stays open for KEEP_ALIVE_MS after
        // its last answer: let each close right after its answer, and cut what is left after a grace.
        const lingering = httpServer && closeConnectionsSoon(httpServer);
        // Acked events still waiting are handled before the database closes.
        await app.stop();
        if (lingering) clearTimeout(lingering);
        await events.idle();
        await outbox.stop();
        await transport.close();
        db.close();
        lock?.release();
      })();
      return stopping;
    },
  };
}
