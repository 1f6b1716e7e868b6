import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
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

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMANDS.suggest, (args) => handleSuggestCommand(args, deps));
  app.command(COMMANDS.rituals, (args) => handleRitualsCommand(args, deps));
  app.command(COMMANDS.standup, (args) => handleStandupCommand(args, deps));
  app.command(COMMANDS.plan, (args) => handlePlanCommand(args, deps));
  app.command(COMMANDS.poker, (args) => handlePokerCommand(args, deps));
  app.command(COMMANDS.sprint, (args) => handleSprintCommand(args, deps));
  app.command(COMMANDS.triage, (args) => handleTriageCommand(args, deps));
  app.command(COMMANDS.backlog, (args) => handleBacklogCommand(args, deps));
  app.command(COMMANDS.burndown, (args) => handleBurndownCommand(args, deps));
}
