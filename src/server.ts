/** Composition root: config -> database -> repositories -> services -> Bolt app -> listeners -> scheduler. */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Server } from 'node:http';
import { type App, ignoreSelf } from '@slack/bolt';
import { configSecrets, type Config } from './config.js';
import { openStorage } from './db/engine/open.js';
import type { Storage } from './db/engine/storage.js';
import type { Repositories } from './db/repositories/index.js';
import { systemClock, type Clock } from './domain/clock.js';
import { createServices, type Services } from './domain/index.js';
import { createLogger, type AppLogger } from './logger.js';
import { describeDatabase, packageVersion } from './ops/describe.js';
import { createOpsRoutes, formatAddress, startOpsServer, type OpsServer, type Readiness } from './ops/health.js';
import { createMetrics, type AppMetrics } from './ops/metrics.js';
import { createScheduler, type Scheduler } from './scheduler/index.js';
import { createJobs } from './scheduler/jobs.js';
import { createBoltApp } from './slack/app.js';
import type { SlackDeps } from './slack/deps.js';
import { registerFeatures } from './slack/features/index.js';
import { createSlackJobsPort } from './slack/jobsPort.js';
import { createMetadataSeal } from './slack/metadata.js';
import { createEventInbox, type EventInbox } from './slack/eventInbox/worker.js';
import { requestLog } from './slack/middleware/requestLog.js';
import { scopeToWorkspace } from './slack/middleware/workspaceScope.js';
import { createOutboxDispatcher, type OutboxDispatcher } from './slack/outbox/dispatcher.js';
import { renderers } from './slack/features/renderers.js';
import { createReportPoster } from './slack/reportPoster.js';
import { createListenerRouter } from './slack/router.js';
import { blameToken } from './slack/tokenRejection.js';
import { createSlackTransport } from './slack/transport.js';
import { createUserDirectory } from './slack/userDirectory.js';
import { createInstallationStore } from './slack/workspaces/installationStore.js';
import { registerWorkspaceLifecycle, rememberOrgWorkspaces } from './slack/workspaces/lifecycle.js';
import { createOAuthStateStore } from './slack/workspaces/stateStore.js';
import { createWorkspaceAuth, createWorkspaceTokens } from './slack/workspaces/workspaceAuth.js';

/** Where Slack posts in HTTP mode (Bolt's HTTPReceiver default; the manifests use it). */
export const SLACK_EVENTS_PATH = '/slack/events';

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
  /** The health and metrics port (HEALTH_PORT), or null when it is not set. */
  healthPort: number | null;
  metrics: AppMetrics;
  /** What /readyz answers. */
  readiness(): Readiness;
  /** The database (SQLite or PostgreSQL): `storage.query` is for operators and tests, features use repos. */
  storage: Storage;
  repos: Repositories;
  services: Services;
  outbox: OutboxDispatcher;
  scheduler: Scheduler;
  /** Events API deliveries: stored before their ack, worked from the database with a bounded number in flight. */
  events: EventInbox;
  deps: SlackDeps;
  /** The Bolt app: a plain Bolt listener registered on it serves what no route of ours claims. */
  app: App;
  /** Stops cleanly; `reason` (a signal, "test") goes in the stop line. */
  stop(reason?: string): Promise<void>;
}

/** How long in-flight requests get to finish when stopping before their connections are cut. */
const STOP_GRACE_MS = 3_000;

function closeConnectionsSoon(server: Server): NodeJS.Timeout {
  server.keepAliveTimeout = 1;
  server.closeIdleConnections();
  return setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS).unref();
}

/** How often readiness asks the database whether it answers (a PostgreSQL server can go away). */
const DATABASE_CHECK_MS = 5_000;

/** The workspace the bot token belongs to, "Name (T123)", for the startup line; never fails the start. */
async function workspaceOf(app: App, logger: AppLogger): Promise<string> {
  try {
    const auth = await app.client.auth.test();
    return `${auth.team ?? '?'} (${auth.team_id ?? '?'})`;
  } catch (error) {
    logger.warn('could not read the workspace name (auth.test)', error);
    return 'unknown';
  }
}

export async function startRituals(options: StartOptions): Promise<Rituals> {
  const { config } = options;
  const startedAt = Date.now();
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel, { format: config.logFormat, secrets: configSecrets(config) });
  const version = packageVersion();
  const mode = config.socketMode ? 'socket' : 'http';
  const metrics = createMetrics({ version, mode });
  // SQLite refuses a second process on its file here (DatabaseInUseError); PostgreSQL migrates under a lock.
  const storage = await openStorage(config, { info: (message) => logger.info(message), warn: (message) => logger.warn(message) });
  const { repos } = storage;
  let databaseAnswers = true;
  const databaseCheck = setInterval(() => {
    void storage.ping().then((answers) => {
      databaseAnswers = answers;
    });
  }, DATABASE_CHECK_MS).unref();
  // Stored before Slack's ack, then worked from the database; the instance id names this process's claims.
  const events = createEventInbox({ repos, logger: logger.child('events'), instanceId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}` });
  const services = createServices({ repos, clock, dataRetentionDays: config.dataRetentionDays });
  let lifecycle: 'starting' | 'running' | 'stopping' = 'starting';
  let socketConnected = false;
  const readiness = (): Readiness => {
    const checks: Record<string, string> = {
      lifecycle,
      database: databaseAnswers ? 'ok' : 'unavailable',
      // HTTP mode: Slack calls us; the token was verified (auth.test) before we reported running.
      slack: config.socketMode ? (socketConnected ? 'connected' : 'disconnected') : 'ok',
    };
    return { ok: lifecycle === 'running' && checks.database === 'ok' && checks.slack !== 'disconnected', checks };
  };
  const ops = createOpsRoutes({ readiness, metrics, startedAt });
  const transport = createSlackTransport({
    ...(options.slackTimeoutMs ? { timeoutMs: options.slackTimeoutMs } : {}),
    ...(config.slackApiUrl ? { apiUrl: config.slackApiUrl } : {}),
    onCall: (call) => metrics.slackCall(call),
  });
  // Distribution mode: installs in the database, each workspace's token from its install.
  const workspaceAuth = config.oauth ? createWorkspaceAuth() : null;
  const app = createBoltApp({
    config,
    fetch: transport.fetch,
    logger,
    ...(options.slackTimeoutMs ? { slackTimeoutMs: options.slackTimeoutMs } : {}),
    customRoutes: ops.customRoutes(),
    onSocketConnection: (connected) => {
      socketConnected = connected;
    },
    ...(config.oauth && workspaceAuth
      ? {
          distribution: {
            installationStore: createInstallationStore({ repos, clock }),
            stateStore: createOAuthStateStore({ repos, secret: config.oauth.stateSecret }),
            auth: workspaceAuth,
          },
        }
      : {}),
    inbox: events,
  });
  let opsServer: OpsServer | null = null;
  try {
    // init() calls auth.test with the bot token.
    await app.init();
    // Up before Slack is connected, so an orchestrator sees "alive, not ready yet" during the start.
    if (config.healthPort !== undefined) opsServer = await startOpsServer(ops, config.healthPort);
  } catch (error) {
    await opsServer?.close();
    clearInterval(databaseCheck);
    await storage.close();
    await transport.close();
    throw blameToken(error, 'SLACK_BOT_TOKEN');
  }
  // Single-workspace mode: app.client's own token serves every call, as before.
  const tokens = workspaceAuth ? createWorkspaceTokens({ repos, authorize: workspaceAuth.authorize, logger: logger.child('workspaces') }) : undefined;
  const perWorkspace = tokens ? { tokens } : {};
  const outbox = createOutboxDispatcher({ repos, client: app.client, renderers, clock, logger: logger.child('outbox'), ...perWorkspace });
  const deps: SlackDeps = {
    repos,
    services,
    clock,
    logger,
    outbox,
    seal: createMetadataSeal(config.slackSigningSecret),
    users: createUserDirectory({ client: app.client, repos, clock, logger, ...perWorkspace }),
    reports: createReportPoster({ client: app.client, services, repos, clock, logger, ...perWorkspace }),
  };
  // First: it tells the inbox worker how each run ended (retry or done).
  app.use(events.middleware);
  // Bolt's own filter of the bot's own events (its ignoreSelf option, turned off in createBoltApp to come here).
  app.use(ignoreSelf);
  app.use(requestLog({ logger: logger.child('request'), metrics }));
  // Only distribution mode serves several workspaces; an AsyncLocalStorage once run slows every promise
  // in the process (about 2x on await-heavy code, Node 20), which single-workspace mode need not pay.
  if (config.oauth) app.use(scopeToWorkspace);
  // Redeliveries need no dedupe here: the inbox acks and drops an event_id it already holds.
  if (config.oauth) app.use(rememberOrgWorkspaces(deps));
  const router = createListenerRouter(logger);
  registerFeatures(router, deps);
  if (config.oauth) registerWorkspaceLifecycle(router, deps);
  app.use(router.middleware);
  app.error(async (error) => {
    // Bolt wraps non-coded errors in UnknownError, whose stack is its own: log the original's.
    logger.error('unhandled listener error', (error as { original?: unknown }).original ?? error);
  });
  const jobs = createJobs({ services, port: createSlackJobsPort(deps), logger, distribution: Boolean(config.oauth) });
  const scheduler = createScheduler({ jobs, clock, logger: logger.child('scheduler'), observer: metrics });
  metrics.setSources({ outboxStats: () => repos.outbox.stats(), eventQueueDepth: () => events.size(), now: () => clock().getTime() });

  let port: number | null = null;
  let listening = 'no inbound port (Socket Mode: outbound WebSocket to Slack)';
  let httpServer: Server | null = null;
  if (config.socketMode) {
    try {
      // start() opens the WebSocket through apps.connections.open, with the app-level token.
      await app.start();
    } catch (error) {
      await app.stop().catch(() => undefined);
      await opsServer?.close();
      clearInterval(databaseCheck);
      await storage.close();
      await transport.close();
      throw blameToken(error, 'SLACK_APP_TOKEN');
    }
  } else {
    const server = (await app.start(config.port).catch(async (error: unknown) => {
      // A taken port: give the database and its single-writer lock back before saying why.
      await opsServer?.close();
      clearInterval(databaseCheck);
      await storage.close();
      await transport.close();
      throw error;
    })) as Server;
    httpServer = server;
    // Node closes idle connections after 5 s, so traffic after a pause reconnects, and a burst of
    // new connections into a busy process waits for its first requests. Load balancers idle out
    // at 60 s: outlive that so they, not we, close first (no reset races).
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
    const address = server.address() as AddressInfo;
    port = address.port;
    listening = `http://${formatAddress(address)}${SLACK_EVENTS_PATH}`;
  }
  // Distribution mode has no token of its own: each workspace is named by its install.
  const workspace = config.oauth ? 'each installed workspace (distribution mode)' : await workspaceOf(app, logger);
  await outbox.start(options.outboxIntervalMs);
  // Claims what is waiting, a previous run's leftovers and a crashed instance's expired claims included.
  events.start(app);
  if (options.startScheduler ?? true) {
    scheduler.start();
    void scheduler.runAll();
  }
  lifecycle = 'running';
  const health = [
    ...(port !== null ? [`http://${formatAddress(httpServer!.address() as AddressInfo)}/healthz`] : []),
    ...(opsServer ? [`http://${opsServer.address}/healthz`] : []),
  ];
  logger.line('info', `Rituals ${version} started`, {
    version,
    mode,
    listening,
    health: health.length > 0 ? health.join(' ') : 'none (set HEALTH_PORT)',
    metrics: health.length > 0 ? health.map((url) => url.replace(/\/healthz$/, '/metrics')).join(' ') : 'none',
    database: describeDatabase(config.databaseUrl ?? config.databasePath),
    workspace,
    logFormat: config.logFormat,
    logLevel: config.logLevel,
    node: process.version,
  });

  let stopping: Promise<void> | null = null;
  return {
    port,
    healthPort: opsServer?.port ?? null,
    metrics,
    readiness,
    storage,
    repos,
    services,
    outbox,
    scheduler,
    events,
    deps,
    app,
    stop(reason = 'stop requested') {
      stopping ??= (async () => {
        lifecycle = 'stopping';
        logger.line('info', 'Rituals stopping', { reason });
        await scheduler.stop();
        // close() waits for busy connections, and a kept-alive one stays open for KEEP_ALIVE_MS after
        // its last answer: let each close right after its answer, and cut what is left after a grace.
        const lingering = httpServer && closeConnectionsSoon(httpServer);
        await app.stop();
        if (lingering) clearTimeout(lingering);
        // The runs under way finish before the database closes; stored events not started wait for the next start.
        await events.stop();
        await outbox.stop();
        await transport.close();
        clearInterval(databaseCheck);
        await storage.close();
        await opsServer?.close();
        logger.line('info', 'Rituals stopped', { reason, uptimeSeconds: Math.round((Date.now() - startedAt) / 100) / 10 });
      })();
      return stopping;
    },
  };
}
