import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { COMMANDS } from '../../ids.js';
import { handleBurndownCommand } from './burndown.js';
import { handleRitualsCommand } from './rituals.js';
import { handleSuggestCommand } from './suggest.js';

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMANDS.suggest, (args) => handleSuggestCommand(args, deps));
  app.command(COMMANDS.rituals, (args) => handleRitualsCommand(args, deps));
  app.command(COMMANDS.burndown, (args) => handleBurndownCommand(args, deps));
}
