import type { Repositories } from '../../db/repositories/index.js';
import type { Notification, NotificationKind } from '../../domain/notifications.js';

/** One Web API call that delivers a notification. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

export interface RenderContext {
  repos: Repositories;
  /** The dispatcher's clock (epoch ms), for anything a renderer queues. */
  now(): number;
}

/** A renderer may answer at once (pure ones) or through a promise (ones that read the database). */
type Awaitable<T> = T | Promise<T>;

export interface Renderer<K extends NotificationKind = NotificationKind> {
  /** The call to make, or null when there is nothing to send any more (e.g. the item is gone). */
  render(notification: Extract<Notification, { kind: K }>, ctx: RenderContext): Awaitable<SlackCall | null>;
  /** What to tell someone when Slack refuses for good (e.g. the bot is not in the channel). */
  onPermanentFailure?(notification: Extract<Notification, { kind: K }>, error: string, ctx: RenderContext): Awaitable<Notification | null>;
  /** Records what Slack answered (e.g. the ts of a parent message), right after the row is marked sent; `call` is what was sent. */
  onSent?(notification: Extract<Notification, { kind: K }>, result: { ts?: string; channel?: string }, ctx: RenderContext, call: SlackCall): Awaitable<void>;
}

/** Thrown by render when the message depends on one not sent yet (a thread reply before its parent): retried later. */
export class RenderDeferred extends Error {
  constructor(
    reason: string,
    readonly retryAfterMs = 30_000,
  ) {
    super(reason);
    this.name = 'RenderDeferred';
  }
}

export type RendererRegistry = { [K in NotificationKind]?: Renderer<K> };
