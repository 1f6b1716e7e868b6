/**
 * One log line and one metrics observation per Slack request, whatever handles it: what it was
 * (kind and id: the command, action id, view callback, shortcut callback or event type), who sent
 * it (team and user ids), how long its handlers took, and whether they threw. An event is logged
 * when the inbox worker runs it, so it is timed while it runs, not while it waits (the inbox has its
 * own gauge).
 * Nothing here serializes a payload: the line has six short fields.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { AppLogger } from '../../logger.js';
import type { AppMetrics, RequestOutcome } from '../../ops/metrics.js';

/** Bounded: these are the metric label values. */
export type RequestKind = 'command' | 'block_action' | 'view_submission' | 'view_closed' | 'shortcut' | 'message_action' | 'event' | 'options' | 'other';

export interface RequestSummary {
  kind: RequestKind;
  id: string;
  team: string | undefined;
  user: string | undefined;
}

interface RequestBody {
  command?: unknown;
  type?: unknown;
  callback_id?: unknown;
  action_id?: unknown;
  team_id?: unknown;
  user_id?: unknown;
  team?: { id?: unknown } | null;
  user?: { id?: unknown } | null;
  view?: { callback_id?: unknown } | null;
  actions?: { action_id?: unknown }[];
  event?: { type?: unknown; user?: unknown } | null;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function kindAndId(body: RequestBody): { kind: RequestKind; id: string } {
  if (typeof body.command === 'string') return { kind: 'command', id: body.command };
  switch (body.type) {
    case 'block_actions':
      return { kind: 'block_action', id: text(body.actions?.[0]?.action_id) ?? '' };
    case 'view_submission':
      return { kind: 'view_submission', id: text(body.view?.callback_id) ?? '' };
    case 'view_closed':
      return { kind: 'view_closed', id: text(body.view?.callback_id) ?? '' };
    case 'shortcut':
      return { kind: 'shortcut', id: text(body.callback_id) ?? '' };
    case 'message_action':
      return { kind: 'message_action', id: text(body.callback_id) ?? '' };
    case 'block_suggestion':
      return { kind: 'options', id: text(body.action_id) ?? '' };
    case 'event_callback':
      return { kind: 'event', id: text(body.event?.type) ?? '' };
    default:
      return { kind: 'other', id: text(body.type) ?? '' };
  }
}

/** What a request is and who sent it, read from the fields each Slack payload kind puts them in. */
export function summarizeRequest(raw: unknown): RequestSummary {
  const body = (raw ?? {}) as RequestBody;
  return {
    ...kindAndId(body),
    team: text(body.team_id) ?? text(body.team?.id),
    user: text(body.user_id) ?? text(body.user?.id) ?? text(body.event?.user),
  };
}

export function requestLog({ logger, metrics }: { logger: AppLogger; metrics: Pick<AppMetrics, 'requestHandled'> }): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const started = performance.now();
    let outcome: RequestOutcome = 'error';
    try {
      await next();
      outcome = 'ok';
    } finally {
      const ms = performance.now() - started;
      const request = summarizeRequest(body);
      metrics.requestHandled(request.kind, outcome, ms / 1000);
      // The error itself is logged where it is caught (Bolt's error handler, the event inbox worker).
      logger.line('info', 'request', { ...request, durationMs: Math.round(ms * 10) / 10, outcome });
    }
  };
}
