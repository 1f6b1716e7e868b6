/**
 * Slack retries events (X-Slack-Retry-Num) and Socket Mode redelivers them; Bolt does not dedupe.
 * An event_id is recorded once its listeners have finished, and skipped when seen again. Handlers
 * are idempotent too, so a retry that races the first delivery stores nothing twice.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';

export function dedupeEvents(deps: Pick<SlackDeps, 'repos' | 'clock' | 'logger'>): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') {
      await next();
      return;
    }
    if (await deps.repos.processedEvents.isProcessed(eventId)) {
      deps.logger.debug(`skipping duplicate event ${eventId}`);
      return;
    }
    await next();
    await deps.repos.processedEvents.claim(eventId, deps.clock().getTime());
  };
}
