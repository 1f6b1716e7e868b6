/** The shape of a feature folder's register.ts: its slash commands and its other routes. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlashCommand } from './commandCatalog.js';
import type { SlackDeps } from './deps.js';
import type { ListenerRouter } from './router.js';

export type CommandHandler = (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs, deps: SlackDeps) => Promise<void>;

export interface Feature {
  /** Its slash commands by name: routed, and run again for the chosen team by the team-pick buttons. */
  readonly commands?: Partial<Record<SlashCommand, CommandHandler>>;
  /** Registers its actions, views, shortcuts and events on the router. */
  readonly register?: (router: ListenerRouter, deps: SlackDeps) => void;
}
