/**
 * One dispatch table for every command, action, view, shortcut and event, mounted as a single Bolt
 * middleware. Bolt runs the matcher chain of every registered listener on every request (58 chains
 * of promises for one /suggest), which was the largest share of our per-request CPU under load; a
 * table lookup routes in O(1). It also refuses a second handler for the same id, a mistake that
 * once made every button fire twice.
 */
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  BlockAction,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { AppLogger } from '../logger.js';

type Handler<Args> = (args: Args & AllMiddlewareArgs) => Promise<void>;
// Stored erased: each entry was typed at registration, and routing guarantees the shape it gets.
type AnyHandler = (args: AnyMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;

/** Which action ids (and, optionally, block) a handler answers. */
export type ActionMatch = string | { prefix: string } | { actionId: string; blockId: string };

export interface ListenerRouter {
  command(name: string, handler: Handler<SlackCommandMiddlewareArgs>): void;
  action<A extends SlackAction = BlockAction>(match: ActionMatch, handler: Handler<SlackActionMiddlewareArgs<A>>): void;
  view<V extends SlackViewAction>(callbackId: string, handler: Handler<SlackViewMiddlewareArgs<V>>): void;
  shortcut<S extends SlackShortcut>(callbackId: string, type: S['type'], handler: Handler<SlackShortcutMiddlewareArgs<S>>): void;
  event<E extends string>(type: E, handler: Handler<SlackEventMiddlewareArgs<E>>): void;
  /** What is registered, e.g. "command:/suggest", "action:poker_vote:*", "event:app_mention". */
  routes(): string[];
  /** The Bolt middleware that routes each request to its handler; mount it last. */
  middleware: Middleware<AnyMiddlewareArgs>;
}

interface RoutedBody {
  command?: string;
  type?: string;
  callback_id?: string;
  view?: { callback_id?: string };
  actions?: { action_id?: string; block_id?: string }[];
  event?: { type?: string };
}

/** The table key of a request, or null when no kind of ours matches it. */
export function routeKey(body: RoutedBody): string | null {
  if (typeof body.command === 'string') return `command:${body.command}`;
  switch (body.type) {
    case 'block_actions':
      return `action:${body.actions?.[0]?.action_id ?? ''}`;
    case 'view_submission':
      return `view:${body.view?.callback_id ?? ''}`;
    case 'shortcut':
    case 'message_action':
      return `shortcut:${body.type}:${body.callback_id ?? ''}`;
    case 'event_callback':
      return `event:${body.event?.type ?? ''}`;
    default:
      return null;
  }
}

export function createListenerRouter(logger: Pick<AppLogger, 'warn'>): ListenerRouter {
  const exact = new Map<string, AnyHandler>();
  const byBlock = new Map<string, AnyHandler>();
  const prefixes: { prefix: string; handler: AnyHandler }[] = [];

  const claim = (map: Map<string, AnyHandler>, key: string, handler: AnyHandler): void => {
    if (map.has(key)) throw new Error(`Two handlers registered for ${key}`);
    map.set(key, handler);
  };
  const erase = <Args>(handler: Handler<Args>) => handler as unknown as AnyHandler;

  const find = (body: RoutedBody, key: string): AnyHandler | undefined => {
    if (body.type !== 'block_actions') return exact.get(key);
    const action = body.actions?.[0];
    return (
      byBlock.get(`${key}@${action?.block_id ?? ''}`) ??
      exact.get(key) ??
      prefixes.find(({ prefix }) => action?.action_id?.startsWith(prefix))?.handler
    );
  };

  return {
    command: (name, handler) => claim(exact, `command:${name}`, erase(handler)),
    action: (match, handler) => {
      if (typeof match === 'string') claim(exact, `action:${match}`, erase(handler));
      else if ('prefix' in match) prefixes.push({ prefix: match.prefix, handler: erase(handler) });
      else claim(byBlock, `action:${match.actionId}@${match.blockId}`, erase(handler));
    },
    view: (callbackId, handler) => claim(exact, `view:${callbackId}`, erase(handler)),
    shortcut: (callbackId, type, handler) => claim(exact, `shortcut:${type}:${callbackId}`, erase(handler)),
    event: (type, handler) => claim(exact, `event:${type}`, erase(handler)),
    routes: () => [...exact.keys(), ...byBlock.keys(), ...prefixes.map(({ prefix }) => `action:${prefix}*`)],
    middleware: async (args) => {
      const body = args.body as RoutedBody;
      const key = routeKey(body);
      const handler = key === null ? undefined : find(body, key);
      if (handler) {
        await handler(args as AnyMiddlewareArgs & AllMiddlewareArgs);
        return;
      }
      // Slack shows an error to the person if a request is never acknowledged; say nothing instead.
      logger.warn(`no handler for ${key ?? 'an unknown request kind'}; acknowledged and ignored`);
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
    },
  };
}
