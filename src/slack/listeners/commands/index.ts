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

export function register(router: ListenerRouter, deps: SlackDeps): void {
  router.command(COMMANDS.suggest, (args) => handleSuggestCommand(args, deps));
  router.command(COMMANDS.rituals, (args) => handleRitualsCommand(args, deps));
  router.command(COMMANDS.standup, (args) => handleStandupCommand(args, deps));
  router.command(COMMANDS.plan, (args) => handlePlanCommand(args, deps));
  router.command(COMMANDS.poker, (args) => handlePokerCommand(args, deps));
  router.command(COMMANDS.sprint, (args) => handleSprintCommand(args, deps));
  router.command(COMMANDS.triage, (args) => handleTriageCommand(args, deps));
  router.command(COMMANDS.backlog, (args) => handleBacklogCommand(args, deps));
  router.command(COMMANDS.burndown, (args) => handleBurndownCommand(args, deps));
}
