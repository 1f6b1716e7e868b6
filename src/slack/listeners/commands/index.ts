import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlashCommand } from '../../commandCatalog.js';
import type { SlackDeps } from '../../deps.js';
import type { ListenerRouter } from '../../router.js';
import { COMMANDS } from '../../ids.js';
import { handlePlanCommand } from './plan.js';
import { handlePokerCommand } from './poker.js';
import { handleBacklogCommand } from './backlog.js';
import { handleBurndownCommand } from './burndown.js';
import { handleRitualsCommand } from './rituals.js';
import { handleStandupCommand } from './standup.js';
import { handleSprintCommand } from './sprint.js';
import { handleSuggestCommand } from './suggest.js';
import { handleTriageCommand } from './triage.js';

type CommandHandler = (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs, deps: SlackDeps) => Promise<void>;

/** Every slash command's handler (the team-pick buttons run these again for the chosen team). */
export const COMMAND_HANDLERS: Record<SlashCommand, CommandHandler> = {
  [COMMANDS.suggest]: handleSuggestCommand,
  [COMMANDS.rituals]: handleRitualsCommand,
  [COMMANDS.standup]: handleStandupCommand,
  [COMMANDS.plan]: handlePlanCommand,
  [COMMANDS.poker]: handlePokerCommand,
  [COMMANDS.sprint]: handleSprintCommand,
  [COMMANDS.triage]: handleTriageCommand,
  [COMMANDS.backlog]: handleBacklogCommand,
  [COMMANDS.burndown]: handleBurndownCommand,
};

export function register(router: ListenerRouter, deps: SlackDeps): void {
  for (const [name, handler] of Object.entries(COMMAND_HANDLERS)) router.command(name, (args) => handler(args, deps));
}
