/**
 * Sends queued notifications and retries them until they succeed or fail for good.
 * Transient failures (rate limits, 5xx, timeouts, network) back off; Slack's ok:false answers are
 * final, logged with their reason, and turned into a visible note where the renderer knows one.
 */
import type { WebClient } from '@slack/web-api';
import type { Repositories } from '../../db/repositories/index.js';
import type { OutboxRow } from '../../db/repositories/outbox.js';
import type { Clock } from '../../domain/clock.js';
import type { Notification } from '../../domain/notifications.js';
import type { AppLogger } from '../../logger.js';
import { workspaceScope } from '../../db/workspaceScope.js';
import type { WorkspaceTokens } from '../workspaces/workspaceAuth.js';
import { RenderDeferred, type Renderer, type RendererRegistry } from './types.js';
import { plural } from '../ui/format.js';

const MAX_ATTEMPTS = 8;
/** How long a message may wait for the one it depends on (a thread reply for its parent). */
const MAX_DEFERRAL_MS = 24 * 60 * 60 * 1000;
const LEASE_MS = 60_000;
const PARALLEL = 4;
/** Slack errors that are worth retrying even though they come back as ok:false. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export type Failure = { permanent: true; reason: string } | { permanent: false; reason: string; retryAfterMs?: number };

/** Sorts a Web API error into retry-later or give-up. */
export function classifySlackError(error: unknown): Failure {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
  if (e?.code === 'slack_webapi_platform_error') {
    const reason = e.data?.error ?? 'unknown_error';
    return TRANSIENT_PLATFORM_ERRORS.has(reason) ? { permanent: false, reason } : { permanent: true, reason };
  }
  if (e?.code === 'slack_webapi_rate_limited_error') {
    return { permanent: false, reason: 'rate_limited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
  }
  if (e?.code === 'slack_webapi_http_error') return { permanent: false, reason: `http_${e.statusCode ?? 'error'}` };
  return { permanent: false, reason: e?.message ?? String(error) };
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s ... capped at 5 minutes. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

export interface OutboxDispatcher {
  /** Sends what is due now, soon, without waiting (coalesced). */
  kick(): void;
  /** Sends everything due; resolves when this pass is done. */
  drain(): Promise<void>;
  /** Hands back rows a crash left mid-send, then polls; resolves once they are released and the first pass started. */
  start(intervalMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function createOutboxDispatcher({
  repos,
  client,
  renderers,
  clock,
  logger,
  tokens,
}: {
  repos: Repositories;
  client: WebClient;
  renderers: RendererRegistry;
  clock: Clock;
  logger: AppLogger;
  /** Distribution mode: each row goes out with its team's workspace token. Omitted: the client's own token. */
  tokens?: WorkspaceTokens;
}): OutboxDispatcher {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const ctx = { repos, now: () => clock().getTime() };

  async function failPermanently(row: OutboxRow, notification: Notification, reason: string): Promise<void> {
    await repos.outbox.markFailed(row.id, reason);
    logger.warn(`outbox ${row.kind} #${row.id} failed for good: ${reason}`);
    const renderer = renderers[notification.kind] as Renderer | undefined;
    const note = await renderer?.onPermanentFailure?.(notification, reason, ctx);
    if (note) {
      const team = row.teamId === null ? {} : { teamId: row.teamId };
      await repos.outbox.enqueue({ dedupeKey: `failure-note:${row.id}`, kind: note.kind, payload: note, at: clock().getTime(), ...team });
    }
  }

  /** Sends one claimed row (its attempt already counted) and records how it went. */
  async function sendOne(row: OutboxRow): Promise<void> {
    let notification: Notification;
    try {
      notification = JSON.parse(row.payload) as Notification;
    } catch {
      await repos.outbox.markFailed(row.id, 'unreadable payload');
      return;
    }
    const renderer = renderers[notification.kind] as Renderer | undefined;
    if (!renderer) {
      await repos.outbox.markFailed(row.id, `no renderer for ${notification.kind}`);
      logger.error(`outbox: no renderer for ${notification.kind}`);
      return;
    }
    let call;
    try {
      call = await renderer.render(notification, ctx);
    } catch (error) {
      // Waiting for another message is not a failed attempt; give up only after a day of waiting.
      if (error instanceof RenderDeferred && clock().getTime() - row.createdAt < MAX_DEFERRAL_MS) {
        await repos.outbox.defer(row.id, clock().getTime() + error.retryAfterMs, `deferred: ${error.message}`);
        schedule(error.retryAfterMs);
        return;
      }
      await repos.outbox.markFailed(row.id, `render failed: ${String(error)}`);
      logger.error(`outbox: rendering ${row.kind} #${row.id} failed`, error);
      return;
    }
    if (!call) {
      await repos.outbox.markSent(row.id, clock().getTime(), { skipped: true });
      return;
    }
    let token: string | null = null;
    if (tokens) {
      const team = row.teamId === null ? undefined : await repos.teams.findById(row.teamId);
      token = team ? await tokens.forWorkspace(team.slackTeamId) : null;
      if (!token) {
        // Uninstalled (or never installed): nobody there to tell, and no token to say it with.
        await repos.outbox.markFailed(row.id, 'not sent: no installation serves its workspace');
        logger.info(`outbox ${row.kind} #${row.id} dropped: its workspace has no installation`);
        return;
      }
    }
    let response: { ts?: string; channel?: string };
    try {
      response = (await client.apiCall(call.method, token ? { ...call.args, token } : call.args)) as { ts?: string; channel?: string };
    } catch (error) {
      const failure = classifySlackError(error);
      const attempts = row.attempts;
      if (failure.permanent) {
        await failPermanently(row, notification, failure.reason);
      } else if (attempts >= MAX_ATTEMPTS) {
        await failPermanently(row, notification, `gave up after ${attempts} attempts: ${failure.reason}`);
      } else {
        const delay = Math.max(failure.retryAfterMs ?? 0, backoffMs(attempts));
        await repos.outbox.reschedule(row.id, clock().getTime() + delay, failure.reason);
        logger.info(`outbox ${row.kind} #${row.id} will retry in ${delay} ms: ${failure.reason}`);
        schedule(delay);
      }
      return;
    }
    const result = { ts: response.ts, channel: response.channel };
    await repos.outbox.markSent(row.id, clock().getTime(), result);
    try {
      await renderer.onSent?.(notification, result, ctx, call);
    } catch (error) {
      // Sent is sent: never retry (and duplicate) a message because recording its ts failed.
      logger.error(`outbox: recording the result of ${row.kind} #${row.id} failed`, error);
    }
  }

  async function pass(): Promise<void> {
    for (;;) {
      // Claim only what goes out now: a claimed row has its attempt counted, and a crash would
      // hand every claimed-but-unsent row back with one attempt used.
      const now = clock().getTime();
      const claimed = await repos.outbox.claimDue(now, PARALLEL, now + LEASE_MS);
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((row) => sendOne(row)));
      if (claimed.length < PARALLEL) return;
    }
  }

  /** Sends for every workspace, even when a request (scoped to its own workspace) kicks it. */
  function drain(): Promise<void> {
    return workspaceScope.exit(drainAll);
  }

  function drainAll(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && !stopped);
      } catch (error) {
        logger.error('outbox: pass failed', error);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  let retryTimer: NodeJS.Timeout | null = null;
  function schedule(delayMs: number): void {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(
      () => {
        retryTimer = null;
        void drain();
      },
      Math.min(delayMs, 60_000),
    );
    retryTimer.unref();
  }

  return {
    kick() {
      if (!stopped) setImmediate(() => void drain());
    },
    drain,
    async start(intervalMs = 5_000) {
      stopped = false;
      const released = await repos.outbox.releaseInterrupted(clock().getTime());
      if (released > 0)
        logger.warn(`outbox: ${plural(released, 'notification was', 'notifications were')} being sent when the app stopped; sending them again`);
      timer ??= setInterval(() => void drain(), intervalMs);
      timer.unref();
      void drain();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (retryTimer) clearTimeout(retryTimer);
      timer = null;
      retryTimer = null;
      await running;
    },
  };
}
