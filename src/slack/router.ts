/**
 * One dispatch table for every command, action, view, shortcut and event, mounted as a single Bolt
 * middleware. Bolt runs the matcher chain of every registered listener on every request (58 chains
 * of promises for one /suggest), which was the largest share of our per-request CPU under load; a
 * table lookup routes in O(1). It also refuses a second handler for the same id, a mistake that
 * once made every button fire twice.
 *
 * It extends Bolt rather than replacing it: a route may carry middleware in Bolt's shape before its
 * handler (router.command('/triage', commandTeam(deps), handler)), and a request without a route
 * goes on to the app's plain Bolt listeners (app.command, app.options, a view_closed listener...);
 * what none of them acknowledged is acknowledged after them, so Slack shows the person no error.
 */
import {
  ErrorCode,
  isCodedError,
  type AllMiddlewareArgs,
  type AnyMiddlewareArgs,
  type BlockAction,
  type Middleware,
  type SlackAction,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  type SlackShortcut,
  type SlackShortcutMiddlewareArgs,
  type SlackViewAction,
  type SlackViewMiddlewareArgs,
  type ViewSubmitAction,
} from '@slack/bolt';
import type { AppLogger } from '../logger.js';

declare const adds: unique symbol;

/** Bolt middleware on one route; Adds is what it has put in the context when it calls next(). */
export type RouteMiddleware<Args, Adds extends object = object> = Middleware<Args> & { readonly [adds]?: Adds };

/** A route's last step; C is the context its middleware provide. */
export type RouteHandler<Args, C extends object = object> = (args: Args & AllMiddlewareArgs<C>) => Promise<void>;

/** The context the middleware M add up to, so a handler that needs context.team only compiles behind the middleware that sets it. */
type Added<M> = M extends [infer First, ...infer Rest] ? (First extends RouteMiddleware<never, infer A> ? A : object) & Added<Rest> : object;

/** Middleware (each calling next() to go on), then the handler. */
export type RouteChain<Args, M extends RouteMiddleware<Args>[]> = [...middleware: M, handler: RouteHandler<Args, Added<M>>];

// Stored erased: each entry was typed at registration, and routing guarantees the shape it gets.
type AnyArgs = AnyMiddlewareArgs & AllMiddlewareArgs;
type AnyHandler = (args: AnyArgs) => Promise<void>;

/** Which action ids (and, optionally, block) a handler answers. */
export type ActionMatch = string | { prefix: string } | { actionId: string; blockId: string };

type CommandArgs = SlackCommandMiddlewareArgs;

export interface ListenerRouter {
  command<M extends RouteMiddleware<CommandArgs>[] = []>(name: string, ...chain: RouteChain<CommandArgs, M>): void;
  action<A extends SlackAction = BlockAction, M extends RouteMiddleware<SlackActionMiddlewareArgs<A>>[] = []>(
    match: ActionMatch,
    ...chain: RouteChain<SlackActionMiddlewareArgs<A>, M>
  ): void;
  // Only view_submission has a route (routeKey); view_closed goes on to Bolt's listeners.
  view<V extends SlackViewAction = ViewSubmitAction, M extends RouteMiddleware<SlackViewMiddlewareArgs<V>>[] = []>(
    callbackId: string,
    ...chain: RouteChain<SlackViewMiddlewareArgs<V>, M>
  ): void;
  shortcut<S extends SlackShortcut, M extends RouteMiddleware<SlackShortcutMiddlewareArgs<S>>[] = []>(
    callbackId: string,
    type: S['type'],
    ...chain: RouteChain<SlackShortcutMiddlewareArgs<S>, M>
  ): void;
  event<E extends string, M extends RouteMiddleware<SlackEventMiddlewareArgs<E>>[] = []>(type: E, ...chain: RouteChain<SlackEventMiddlewareArgs<E>, M>): void;
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

// Like Bolt's listeners, a handler is the end of the line: its next() goes nowhere.
const endOfChain = async (): Promise<void> => undefined;

/** One function running the middleware in order (each decides whether to call next()), then the handler. */
function compose(chain: readonly AnyHandler[]): AnyHandler {
  const handler = chain.at(-1);
  if (!handler) throw new Error('A route needs a handler');
  const middleware = chain.slice(0, -1);
  const step = (args: AnyArgs, index: number): Promise<void> => {
    const current = middleware[index];
    if (!current) return handler({ ...args, next: endOfChain });
    let called = false;
    return current({
      ...args,
      next: () => {
        if (called) throw new Error('next() called twice by a route middleware');
        called = true;
        return step(args, index + 1);
      },
    });
  };
  return (args) => step(args, 0);
}

/** Middleware and a handler as one handler: a route that is also run from elsewhere (the team-pick buttons run a command's). */
export function route<Args, M extends RouteMiddleware<Args>[] = []>(...chain: RouteChain<Args, M>): RouteHandler<Args> {
  return compose(chain as unknown as AnyHandler[]) as unknown as RouteHandler<Args>;
}

/**
 * Acknowledges a request that no route and no Bolt listener answered. A second ack() is refused by
 * Bolt's HTTP receiver (ReceiverMultipleAckError), which is how an answered request shows here. Socket
 * Mode's receiver only warns and ignores a second ack (a Bolt TODO), so the line below is then logged
 * for requests a plain Bolt listener did answer too.
 */
async function acknowledgeUnanswered(ack: () => Promise<void>, key: string | null, logger: Pick<AppLogger, 'warn'>): Promise<void> {
  try {
    await ack();
  } catch (error) {
    if (isCodedError(error) && error.code === ErrorCode.ReceiverMultipleAckError) return;
    throw error;
  }
  logger.warn(`no handler for ${key ?? 'an unknown request kind'}; acknowledged and ignored`);
}

export function createListenerRouter(logger: Pick<AppLogger, 'warn'>): ListenerRouter {
  const exact = new Map<string, AnyHandler>();
  const byBlock = new Map<string, AnyHandler>();
  const prefixes: { prefix: string; handler: AnyHandler }[] = [];

  const claim = (map: Map<string, AnyHandler>, key: string, handler: AnyHandler): void => {
    if (map.has(key)) throw new Error(`Two handlers registered for ${key}`);
    map.set(key, handler);
  };
  const erase = (chain: readonly unknown[]) => compose(chain as AnyHandler[]);

  const find = (body: RoutedBody, key: string): AnyHandler | undefined => {
    if (body.type !== 'block_actions') return exact.get(key);
    const action = body.actions?.[0];
    return byBlock.get(`${key}@${action?.block_id ?? ''}`) ?? exact.get(key) ?? prefixes.find(({ prefix }) => action?.action_id?.startsWith(prefix))?.handler;
  };

  return {
    command: (name, ...chain) => claim(exact, `command:${name}`, erase(chain)),
    action: (match, ...chain) => {
      if (typeof match === 'string') claim(exact, `action:${match}`, erase(chain));
      else if ('prefix' in match) prefixes.push({ prefix: match.prefix, handler: erase(chain) });
      else claim(byBlock, `action:${match.actionId}@${match.blockId}`, erase(chain));
    },
    view: (callbackId, ...chain) => claim(exact, `view:${callbackId}`, erase(chain)),
    shortcut: (callbackId, type, ...chain) => claim(exact, `shortcut:${type}:${callbackId}`, erase(chain)),
    event: (type, ...chain) => claim(exact, `event:${type}`, erase(chain)),
    routes: () => [...exact.keys(), ...byBlock.keys(), ...prefixes.map(({ prefix }) => `action:${prefix}*`)],
    middleware: async (args) => {
      const body = args.body as RoutedBody;
      const key = routeKey(body);
      const handler = key === null ? undefined : find(body, key);
      if (handler) {
        await handler(args as AnyArgs);
        return;
      }
      // Bolt's own listeners; next() resolves once every one of them has finished.
      await args.next();
      // Events were acknowledged by Bolt before any middleware ran; the other kinds wait for an ack.
      if ('ack' in args && typeof args.ack === 'function') await acknowledgeUnanswered(args.ack as () => Promise<void>, key, logger);
    },
  };
}
