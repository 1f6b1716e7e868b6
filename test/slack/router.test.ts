import { ErrorCode, type AllMiddlewareArgs, type AnyMiddlewareArgs, type SlackActionMiddlewareArgs, type SlackCommandMiddlewareArgs } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { createListenerRouter, routeKey, type RouteMiddleware } from '../../src/slack/router.js';
import { registeredRoutes } from '../helpers/routes.js';

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;
const call = (router: ReturnType<typeof createListenerRouter>, body: object, ack = vi.fn(async () => undefined), next = vi.fn(async () => undefined)) =>
  router.middleware({ body, ack, next, context: {} } as unknown as Args).then(() => ack);

describe('routeKey', () => {
  it('names each kind of request Slack sends', () => {
    expect(routeKey({ command: '/suggest' })).toBe('command:/suggest');
    expect(routeKey({ type: 'block_actions', actions: [{ action_id: 'a', block_id: 'b' }] })).toBe('action:a');
    expect(routeKey({ type: 'view_submission', view: { callback_id: 'v' } })).toBe('view:v');
    expect(routeKey({ type: 'message_action', callback_id: 's' })).toBe('shortcut:message_action:s');
    expect(routeKey({ type: 'shortcut', callback_id: 's' })).toBe('shortcut:shortcut:s');
    expect(routeKey({ type: 'event_callback', event: { type: 'app_mention' } })).toBe('event:app_mention');
    expect(routeKey({ type: 'view_closed' })).toBeNull();
    expect(routeKey({})).toBeNull();
  });
});

describe('the listener router', () => {
  it('sends each request to the one handler registered for it', async () => {
    const router = createListenerRouter({ warn: vi.fn() });
    const seen: string[] = [];
    router.command('/suggest', async () => void seen.push('suggest'));
    router.command('/plan', async () => void seen.push('plan'));
    router.view('form', async () => void seen.push('view'));
    router.shortcut('grab', 'message_action', async () => void seen.push('message shortcut'));
    router.shortcut('grab', 'shortcut', async () => void seen.push('global shortcut'));
    router.event('app_mention', async () => void seen.push('mention'));

    await call(router, { command: '/plan' });
    await call(router, { type: 'view_submission', view: { callback_id: 'form' } });
    await call(router, { type: 'shortcut', callback_id: 'grab' });
    await call(router, { type: 'message_action', callback_id: 'grab' });
    await call(router, { type: 'event_callback', event: { type: 'app_mention' } });
    expect(seen).toEqual(['plan', 'view', 'global shortcut', 'message shortcut', 'mention']);
  });

  it('matches actions by block first, then by id, then by prefix', async () => {
    const router = createListenerRouter({ warn: vi.fn() });
    const seen: string[] = [];
    router.action({ actionId: 'date', blockId: 'start' }, async () => void seen.push('start date'));
    router.action('date', async () => void seen.push('any date'));
    router.action({ prefix: 'vote:' }, async () => void seen.push('vote'));
    const action = (action_id: string, block_id: string) => ({ type: 'block_actions', actions: [{ action_id, block_id }] });

    await call(router, action('date', 'start'));
    await call(router, action('date', 'end'));
    await call(router, action('vote:5', 'x'));
    expect(seen).toEqual(['start date', 'any date', 'vote']);
  });

  it('refuses a second handler for the same id, so nothing ever runs twice', () => {
    const router = createListenerRouter({ warn: vi.fn() });
    router.command('/suggest', async () => undefined);
    expect(() => router.command('/suggest', async () => undefined)).toThrow('Two handlers registered for command:/suggest');
    router.action({ actionId: 'a', blockId: 'b' }, async () => undefined);
    expect(() => router.action({ actionId: 'a', blockId: 'b' }, async () => undefined)).toThrow(/action:a@b/);
  });

  it('acknowledges what nobody handles and says so in the log, so Slack shows no error', async () => {
    const warn = vi.fn();
    const router = createListenerRouter({ warn });
    const ack = await call(router, { type: 'block_actions', actions: [{ action_id: 'link_button', block_id: 'b' }] });
    expect(ack).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no handler for action:link_button'));
  });

  it("hands a request without a route to Bolt's own listeners, then acknowledges it if none did", async () => {
    const warn = vi.fn();
    const router = createListenerRouter({ warn });
    router.command('/suggest', async () => undefined);
    const next = vi.fn(async () => undefined);
    const ack = await call(router, { type: 'view_closed', view: { callback_id: 'form' } }, undefined, next);
    expect(next).toHaveBeenCalledOnce();
    expect(ack).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no handler for an unknown request kind'));
  });

  it('says nothing more about a request a Bolt listener answered (Bolt refuses the second ack)', async () => {
    const warn = vi.fn();
    const router = createListenerRouter({ warn });
    const refused = Object.assign(new Error('twice'), { code: ErrorCode.ReceiverMultipleAckError });
    const ack = vi.fn(async () => {
      throw refused;
    });
    await call(router, { command: '/plain' }, ack);
    expect(ack).toHaveBeenCalledOnce();
    expect(warn).not.toHaveBeenCalled();
  });

  it("does not pass a routed request on to Bolt's listeners", async () => {
    const router = createListenerRouter({ warn: vi.fn() });
    router.command('/suggest', async () => undefined);
    const next = vi.fn(async () => undefined);
    await call(router, { command: '/suggest' }, undefined, next);
    expect(next).not.toHaveBeenCalled();
  });

  it("runs a route's middleware in order before its handler, with what they put in the context", async () => {
    const router = createListenerRouter({ warn: vi.fn() });
    const seen: string[] = [];
    const first: RouteMiddleware<SlackCommandMiddlewareArgs> = async ({ next }) => {
      seen.push('first');
      await next();
      seen.push('first, after');
    };
    const named: RouteMiddleware<SlackCommandMiddlewareArgs, { who: string }> = async ({ context, next }) => {
      context.who = 'named';
      await next();
    };
    router.command('/plan', first, named, async ({ context }) => void seen.push(`handler for ${context.who}`));
    await call(router, { command: '/plan' });
    expect(seen).toEqual(['first', 'handler for named', 'first, after']);
  });

  it("lets a route's middleware stop the request before its handler", async () => {
    const router = createListenerRouter({ warn: vi.fn() });
    const handler = vi.fn(async () => undefined);
    const refuse: RouteMiddleware<SlackActionMiddlewareArgs> = async ({ ack }) => ack();
    router.action('open', refuse, handler);
    const ack = await call(router, { type: 'block_actions', actions: [{ action_id: 'open', block_id: 'b' }] });
    expect(ack).toHaveBeenCalledOnce();
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a handler error on to Bolt, which reports it', async () => {
    const router = createListenerRouter({ warn: vi.fn() });
    router.command('/boom', async () => {
      throw new Error('boom');
    });
    await expect(call(router, { command: '/boom' })).rejects.toThrow('boom');
  });

  it('holds every listener of the app, each once', () => {
    const routes = registeredRoutes();
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes).toEqual(expect.arrayContaining(['command:/suggest', 'view:suggest_submit', 'event:reaction_added', 'action:poker_vote:*']));
    expect(routes.length).toBeGreaterThanOrEqual(55);
  });
});
