/** Builds the Bolt app (HTTP or Socket Mode) with its Web API client settings and listeners. */
import { App, HTTPReceiver, type LogLevel, SocketModeReceiver, type CustomRoute, type InstallationStore, type StateStore } from '@slack/bolt';
import type { FetchFunction, WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import type { AppLogger } from '../logger.js';
import { InboxReceiver, type InboxGate } from './eventInbox/receiver.js';
import { guardHttpRequests, guardSocketMessages } from './requestGuard.js';
import { BOT_SCOPES } from './workspaces/scopes.js';
import type { WorkspaceAuth } from './workspaces/workspaceAuth.js';

/**
 * Outbound calls: a timeout and few in-client retries: durable retries belong to the outbox, and
 * a listener must not wait out a trigger_id's 3 seconds. Bolt's respond() uses the same fetch.
 */
export function webClientOptions(config: Pick<Config, 'slackApiUrl'>, fetch: FetchFunction, timeoutMs = 10_000): WebClientOptions {
  return {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    fetch,
    timeout: timeoutMs,
    retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 400 },
    rejectRateLimitedCalls: true,
  };
}

/** Distribution mode: where installs and OAuth states are kept, and the authorize requests go through. */
export interface DistributionParts {
  installationStore: InstallationStore;
  stateStore: StateStore;
  auth: WorkspaceAuth;
}

export function createBoltApp({
  config,
  logger,
  customRoutes,
  fetch,
  slackTimeoutMs,
  onSocketConnection,
  distribution,
  inbox,
}: {
  config: Config;
  logger: AppLogger;
  customRoutes: CustomRoute[];
  fetch: FetchFunction;
  slackTimeoutMs?: number;
  /** Socket Mode: hears when the WebSocket to Slack is up (true) or down (false), for readiness. */
  onSocketConnection?: (connected: boolean) => void;
  /** Given (with config.oauth) in distribution mode. */
  distribution?: DistributionParts;
  /** Where Events API deliveries are stored before their ack (HTTP and Socket Mode alike). */
  inbox: InboxGate;
}): App {
  const common = {
    // Distribution mode has no token of its own: each request is authorized by its workspace's install.
    ...(config.slackBotToken ? { token: config.slackBotToken } : {}),
    signingSecret: config.slackSigningSecret,
    logger,
    // Bolt resets a given logger to INFO unless told the level, which silently ignored LOG_LEVEL=debug.
    logLevel: config.logLevel as LogLevel,
    clientOptions: webClientOptions(config, fetch, slackTimeoutMs),
    deferInitialization: true,
    // No listener uses context.conversation, and the default store throws an Error on every miss.
    convoStore: false as const,
    // Mounted by the server after the event inbox's middleware instead (see server.ts), so that an
    // event the bot sent itself still counts as having reached the app.
    ignoreSelf: false,
  };
  if (config.socketMode && config.slackAppToken) {
    const receiver = new SocketModeReceiver({
      appToken: config.slackAppToken,
      // The Socket Mode client renames the logger it is given: give it its own.
      logger: logger.child('socket'),
      // apps.connections.open must honour SLACK_API_URL too (proxies, tests).
      installerOptions: { clientOptions: webClientOptions(config, fetch, slackTimeoutMs) },
    });
    if (onSocketConnection) {
      receiver.client.on('connected', () => onSocketConnection(true));
      // 'close' first: the client waits its ping timeout (5 s) before saying 'reconnecting'.
      for (const state of ['close', 'connecting', 'reconnecting', 'disconnecting', 'disconnected']) receiver.client.on(state, () => onSocketConnection(false));
    }
    guardSocketMessages(receiver.client, logger);
    return new App({ ...common, receiver: new InboxReceiver(receiver, inbox, logger) });
  }
  const oauth = distribution ? config.oauth : undefined;
  const receiver = new HTTPReceiver({
    signingSecret: config.slackSigningSecret,
    customRoutes,
    logger,
    // Slack gives up after 3 s; answer just before so the person sees an error, not silence.
    unhandledRequestTimeoutMillis: 2_900,
    // Bolt's built-in OAuth (@slack/oauth InstallProvider): GET /slack/install, GET /slack/oauth_redirect.
    ...(oauth && distribution
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: distribution.installationStore,
          installerOptions: {
            stateStore: distribution.stateStore,
            // oauth.v2.access (installs, token refreshes) and auth.test honour SLACK_API_URL too.
            clientOptions: webClientOptions(config, fetch, slackTimeoutMs),
          },
        }
      : {}),
  });
  // start() calls this.requestListener per request: a check in front of it runs before Bolt's parse.
  receiver.requestListener = guardHttpRequests(receiver.requestListener, { logger });
  if (oauth && distribution && receiver.installer) {
    // Bolt takes the InstallProvider's authorize at init(); give it the single-flight one.
    receiver.installer.authorize = distribution.auth.attach(receiver.installer.authorize) as typeof receiver.installer.authorize;
  }
  return new App({ ...common, receiver: new InboxReceiver(receiver, inbox, logger) });
}
