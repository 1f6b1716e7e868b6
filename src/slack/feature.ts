/** The shape of a feature folder's register.ts: its slash commands and its other routes. */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlashCommand } from './commandCatalog.js';
import type { SlackDeps } from './deps.js';
import { route, type ListenerRouter, type RouteChain, type RouteHandler, type RouteMiddleware } from './router.js';

/** A slash command's route: its middleware (e.g. commandTeam) and its handler, as one function. */
export type CommandRoute = RouteHandler<SlackCommandMiddlewareArgs>;

/** A command's route out of middleware and a handler, checked like router.command's. */
export const commandRoute = <M extends RouteMiddleware<SlackCommandMiddlewareArgs>[] = []>(...chain: RouteChain<SlackCommandMiddlewareArgs, M>): CommandRoute =>
  route<SlackCommandMiddlewareArgs, M>(...chain);

export interface Feature {
  /** Its slash commands' routes by name: routed, and run again for the chosen team by the team-pick buttons. */
  readonly commands?: (deps: SlackDeps) => Partial<Record<SlashCommand, CommandRoute>>;
  /** Registers its actions, views, shortcuts and events on the router. */
  readonly register?: (router: ListenerRouter, deps: SlackDeps) => void;
}
