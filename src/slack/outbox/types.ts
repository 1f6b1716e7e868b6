import type { Repositories } from '../../db/repositories/index.js';
import type { Notification, NotificationKind } from '../../domain/notifications.js';

/** One Web API call that delivers a notification. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

export interface RenderContext {
  repos: Repositories;
}

export interface Renderer<K extends NotificationKind = NotificationKind> {
  /** The call to make, or null when there is nothing to send any more (e.g. the item is gone). */
  render(notification: Extract<Notification, { kind: K }>, ctx: RenderContext): SlackCall | null;
  /** What to tell someone when Slack refuses for good (e.g. the bot is not in the channel). */
  onPermanentFailure?(notification: Extract<Notification, { kind: K }>, error: string, ctx: RenderContext): Notification | null;
}

export type RendererRegistry = { [K in NotificationKind]?: Renderer<K> };
